/**
 * A very long page (about 500 kB of text, 2,000 mentions) in real Chromium and Firefox: Backstory reads and
 * highlights the start of the page at once and the rest as it comes near the screen, so the reader never pays
 * for megabytes they do not read, nor waits for the browser to lay the page out again, while the popup (which
 * has the rest read) counts every mention and can jump to any. Run after `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS_PATH, type ExtensionBrowser, type TestPage } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch, waitForHighlights } from '../../src/tools/harness/session';
import { openExtensionPage, openPopupWhenReported } from './popup-helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** The highlights in update n: [entity, text]. */
const highlightsIn = (page: TestPage, n: number): Promise<[string | null, string | null][]> =>
  page.evaluate(
    (id) => [...document.querySelectorAll(`#u${id} backstory-mention`)].map((m) => [m.getAttribute('data-entity'), m.textContent] as [string | null, string | null]),
    n,
  );

const RIGHT: [string, string][] = [
  ['hitachi-rail', 'Hitachi Rail'],
  ['newton-aycliffe', 'Newton Aycliffe'],
];

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  let browser: ExtensionBrowser;
  let page: TestPage;
  let url: string;
  beforeAll(async () => {
    browser = await launch(name);
    page = await browser.newPage();
    url = server.url('/fixtures/e2e/long-page.html');
    await page.goto(url);
    await waitForHighlights(page, 2);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('highlights the start of the page at once, and a far part only when the reader scrolls near it', async () => {
    // At load only the start of the page is read: the tab's report counts what was read so far, and the toolbar
    // badge says there may be more ("2+").
    const own = await openExtensionPage(browser, OPTIONS_PATH);
    const report = (prefix: string) =>
      own.evaluate(async (p) => {
        type Api = {
          storage: { session: { get(k: null): Promise<Record<string, { url?: string; status?: string; entities?: { entity: string; count: number }[] }>> } };
          action: { getBadgeText(d: { tabId: number }): Promise<string> };
        };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome)!;
        const all = await api.storage.session.get(null);
        const key = Object.keys(all).find((k) => k.startsWith('tab:') && all[k]?.url?.startsWith(p));
        if (!key) return null;
        const r = all[key]!;
        const badge = await api.action.getBadgeText({ tabId: Number(key.slice(4)) });
        return { status: r.status, hitachi: r.entities?.find((e) => e.entity === 'hitachi-rail')?.count ?? 0, badge };
      }, prefix);
    let atLoad = await report(url);
    for (let i = 0; i < 50 && atLoad?.status !== 'partial'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      atLoad = await report(url);
    }
    expect(atLoad?.status).toBe('partial');
    expect(atLoad?.hitachi).toBeGreaterThan(0);
    expect(atLoad?.hitachi).toBeLessThan(1000);
    expect(atLoad?.badge).toBe('2+');
    await own.close();
    // The popup has the rest read: its count comes once the whole page has been read, and the top is
    // highlighted in full ...
    const popup = await openPopupWhenReported(browser, url);
    await popup.waitFor(() => document.querySelector('[role="option"][data-entity="hitachi-rail"] .count')?.textContent === '1000 mentions', undefined, 30_000);
    expect(await highlightsIn(page, 1)).toEqual(RIGHT);
    expect(await highlightsIn(page, 100)).toEqual(RIGHT);
    await popup.close(); // the page's tab is in front again (a hidden tab's layout is not updated)
    // ... while the end of the page, many screens below, is not touched yet.
    expect(await highlightsIn(page, 1000)).toEqual([]);
    const wrapped = await page.evaluate(() => document.querySelectorAll('backstory-mention').length);
    expect(wrapped).toBeLessThan(2000);
    // The keyboard never skips a waiting highlight: Tab from the last one wrapped (the screen left at the top)
    // lands on the next mention of the page.
    const last = await page.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLElement>('backstory-mention')];
      const el = all[all.length - 1]!;
      el.focus({ preventScroll: true });
      return { paragraph: Number(el.closest('p')!.id.slice(1)), text: el.textContent };
    });
    await page.press('Tab');
    const next = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.localName === 'backstory-mention' ? { paragraph: Number(el.closest('p')!.id.slice(1)), text: el.textContent } : null;
    });
    expect(next).toEqual(last.text === 'Hitachi Rail' ? { paragraph: last.paragraph, text: 'Newton Aycliffe' } : { paragraph: last.paragraph + 1, text: 'Hitachi Rail' });
    // Scrolling there highlights it (and its neighbours) as it comes near the screen.
    await page.evaluate(() => document.getElementById('u990')!.scrollIntoView());
    await page.waitFor(() => document.querySelectorAll('#u1000 backstory-mention, #u980 backstory-mention').length === 4, undefined, 15_000);
    expect(await highlightsIn(page, 1000)).toEqual(RIGHT);
    expect(await highlightsIn(page, 980)).toEqual(RIGHT);
    // Anywhere in between too: the middle of the page, reached directly.
    expect(await highlightsIn(page, 700)).toEqual([]);
    await page.evaluate(() => document.getElementById('u700')!.scrollIntoView({ block: 'center' }));
    await page.waitFor(() => document.querySelectorAll('#u700 backstory-mention').length === 2, undefined, 15_000);
    expect(await highlightsIn(page, 700)).toEqual(RIGHT);
    // Every highlight anywhere on the page is right.
    const wrong = await page.evaluate(
      () =>
        [...document.querySelectorAll('backstory-mention')].filter(
          (m) => !['hitachi-rail', 'newton-aycliffe'].includes(m.getAttribute('data-entity') ?? '') || !['Hitachi Rail', 'Newton Aycliffe'].includes(m.textContent ?? ''),
        ).length,
    );
    expect(wrong).toBe(0);
  });
});
