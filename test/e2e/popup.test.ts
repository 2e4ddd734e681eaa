/**
 * End-to-end: the toolbar popup on the demo article in real Chromium and Firefox — the grouped list, the
 * keyboard jump to a first mention (its card opens), the per-site switch, the badge and the popup's states.
 * The popup page is opened in a tab with `?tab=ID` (automation cannot click the toolbar button).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPUP_PATH, type ExtensionBrowser, type TestPage } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch, waitForHighlights } from '../../src/tools/harness/session';
import { axeViolations, mentionCount, openExtensionPage, openPopupWhenReported } from './popup-helpers';

const NO_NAMES = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weather</title></head>
<body><article><h1>Rain spreads east</h1><p>Showers will turn heavier in the afternoon, with sunny spells later.</p></article></body></html>`;

let server: DemoServer;
beforeAll(async () => {
  server = await startServer([
    (req, res) => {
      if (req.url !== '/no-names.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(NO_NAMES);
      return true;
    },
  ]);
});
afterAll(async () => {
  await server?.close();
});

describe.each(['chromium', 'firefox'] as const)('%s popup', (name) => {
  let browser: ExtensionBrowser;
  let page: TestPage;
  let article: string;
  beforeAll(async () => {
    browser = await launch(name);
    page = await browser.newPage();
    article = server.url('/demo/article.html');
    await page.goto(article);
    await waitForHighlights(page, 5);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const openPopup = async (): Promise<TestPage> => {
    const popup = await openPopupWhenReported(browser, article);
    // The page's first pass is over (its report is final): the list, or the "off" state.
    await popup.waitFor(
      () => !document.querySelector('[data-state="scanning"]') && (document.querySelectorAll('[role="option"]').length > 0 || !!document.querySelector('[data-state="off"]')),
    );
    return popup;
  };

  it('lists people, organisations and places with counts, offices on the article date, and the date source', async () => {
    const popup = await openPopup();
    const groups = await popup.evaluate(() =>
      [...document.querySelectorAll('section')].map((s) => ({
        heading: s.querySelector('h2')?.textContent ?? '',
        ids: [...s.querySelectorAll('[role="option"]')].map((o) => o.getAttribute('data-entity')),
      })),
    );
    expect(groups.map((g) => g.heading.replace(/\s*\(\d+\)$/, ''))).toEqual(['People', 'Organisations', 'Places']);
    expect(groups[0]!.ids).toEqual(expect.arrayContaining(['jonathan-reynolds', 'louise-haigh', 'john-healey']));
    expect(groups[1]!.ids).toContain('hitachi-rail');
    expect(groups[2]!.ids).toContain('newton-aycliffe');

    // Counts match the highlights on the page.
    const onPage = await page.evaluate(() => document.querySelectorAll('backstory-mention[data-entity="hitachi-rail"]').length);
    const row = (id: string) =>
      popup.evaluate((entity) => {
        const li = document.querySelector(`[role="option"][data-entity="${entity}"]`);
        return {
          count: li?.querySelector('.count')?.textContent ?? '',
          office: li?.querySelector('.office')?.textContent ?? '',
          summary: li?.querySelector('.summary')?.textContent ?? '',
          coverage: li?.querySelector('.coverage')?.textContent ?? '',
        };
      }, id);
    expect((await row('hitachi-rail')).count).toBe(`${onPage} mentions`);
    // The article is dated 10 October 2024: the Transport Secretary of that day, not of today.
    expect((await row('louise-haigh')).office).toMatch(/Transport/);
    expect((await row('hitachi-rail')).summary.length).toBeGreaterThan(20);
    // The newest related earlier story (from the bundled archive), never the article itself, which the
    // reading history has just recorded.
    const coverage = (await row('hitachi-rail')).coverage;
    expect(coverage).toMatch(/^Latest earlier story: .+ \(.+, \d{1,2} [A-Z][a-z]{2} 20\d\d\)$/);
    const title = await page.evaluate(() => document.title);
    expect(coverage).not.toContain(title.slice(0, 40));
    const dateLine = await popup.evaluate(() => document.querySelector('[data-state="date"]')?.textContent ?? '');
    expect(dateLine).toMatch(/^Article date 10 Oct 2024, from the page's /);

    // The toolbar badge shows how many distinct names the tab has.
    const distinct = await page.evaluate(() => new Set([...document.querySelectorAll('backstory-mention')].map((m) => m.getAttribute('data-entity'))).size);
    const badge = await popup.evaluate(async () => {
      type Api = { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      return (g.browser ?? g.chrome)!.action.getBadgeText({ tabId: Number(new URLSearchParams(location.search).get('tab')) });
    });
    expect(badge).toBe(String(distinct));
    await popup.close();
  });

  it('is axe-clean and fits the popup size limits', async () => {
    const popup = await openPopup();
    expect(await axeViolations(popup)).toEqual([]);
    const size = await popup.evaluate(() => {
      const r = document.body.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    expect(size.width).toBeLessThanOrEqual(800);
    expect(size.height).toBeLessThanOrEqual(600);
    await popup.close();
  });

  it('arrow keys move through the list and Enter scrolls to the first mention and opens its card', async () => {
    const popup = await openPopup();
    await popup.evaluate(() => (document.querySelector('[role="option"][tabindex="0"]') as HTMLElement).focus());
    const active = () => popup.evaluate(() => document.activeElement?.getAttribute('data-entity') ?? null);
    const first = await active();
    await popup.press('ArrowDown');
    const second = await active();
    expect(second).not.toBe(first);
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
    await popup.press('ArrowUp');
    expect(await active()).toBe(first);
    for (let i = 0; i < 40 && (await active()) !== 'hitachi-rail'; i++) await popup.press('ArrowDown');
    expect(await active()).toBe('hitachi-rail');
    await popup.press('Enter');
    await page.waitFor(() => {
      const card = document.querySelector('backstory-card');
      return !!card?.shadowRoot && /Hitachi Rail/.test(card.shadowRoot.textContent ?? '');
    });
    // The card belongs to the first mention, which was scrolled into view.
    const first_ = await page.evaluate(() => {
      const m = document.querySelector('backstory-mention[data-entity="hitachi-rail"]')!;
      const r = m.getBoundingClientRect();
      return { expanded: m.getAttribute('aria-expanded'), inView: r.top >= 0 && r.bottom <= innerHeight };
    });
    expect(first_).toEqual({ expanded: 'true', inView: true });
    await popup.close();
  });

  it('"Highlight on this site" removes the highlights and brings them back, without a reload', async () => {
    const popup = await openPopup();
    const total = await mentionCount(page);
    await popup.click('#site-switch');
    await page.waitFor(() => document.querySelectorAll('backstory-mention').length === 0);
    expect(await page.evaluate(() => document.querySelector('backstory-card'))).toBeNull();
    await popup.waitFor(() => !!document.querySelector('[data-state="off"]'));
    expect(await popup.evaluate(() => (document.querySelector('#site-switch') as HTMLInputElement).checked)).toBe(false);
    await popup.click('#site-switch');
    await page.waitFor((n) => document.querySelectorAll('backstory-mention').length === n, total).catch(async (err: unknown) => {
      throw new Error(`${String(err)}: ${await mentionCount(page)} highlights, not ${total}`);
    });
    await popup.waitFor(() => document.querySelectorAll('[role="option"]').length > 0);
    await popup.close();
  });

  it('says when it cannot run on a page and when a page has no known names', async () => {
    const own = await openExtensionPage(browser, POPUP_PATH);
    const ownTab = await own.evaluate(async () => {
      type Api = { tabs: { getCurrent(): Promise<{ id: number }> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      return (await (g.browser ?? g.chrome)!.tabs.getCurrent()).id;
    });
    await own.goto(`${browser.extensionOrigin}/${POPUP_PATH}?tab=${ownTab}`);
    await own.waitFor(() => !!document.querySelector('[data-state="cant-run"]'));
    expect(await own.evaluate(() => document.body.textContent)).toContain("Backstory can't run on this page");
    await own.close();

    const quiet = await browser.newPage();
    await quiet.goto(server.url('/no-names.html'));
    const popup = await openPopupWhenReported(browser, server.url('/no-names.html'));
    await popup.waitFor(() => !!document.querySelector('[data-state="nothing"]'));
    expect(await popup.evaluate(() => document.querySelectorAll('[role="option"]').length)).toBe(0);
    await popup.close();
    await quiet.close();
  });
});

describe.each(['chromium', 'firefox'] as const)('%s popup in dark mode', (name) => {
  let browser: ExtensionBrowser;
  afterAll(async () => {
    await browser?.close();
  });

  it('is dark and axe-clean (contrast included)', async () => {
    browser = await launch(name, true, 'dark');
    const page = await browser.newPage();
    await page.goto(server.url('/demo/article.html'));
    await waitForHighlights(page, 5);
    const popup = await openPopupWhenReported(browser, server.url('/demo/article.html'));
    await popup.waitFor(() => document.querySelectorAll('[role="option"]').length > 0);
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 27, 34)');
    expect(await axeViolations(popup)).toEqual([]);
  });
});
