/**
 * End-to-end: the options page in real Chromium and Firefox. Every change is saved (it survives a reload of
 * the page) and reaches an open article without reloading it; the page works by keyboard alone and is
 * axe-clean in light and dark mode.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_URLS } from '../../src/background/feeds/defaults';
import { OPTIONS_PATH, type ExtensionBrowser, type TestPage } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch, waitForHighlights } from '../../src/tools/harness/session';
import { axeViolations, openExtensionPage, openPopupWhenReported } from './popup-helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const FEED = 'https://example.org/rail/feed.xml';

/** Types into a text field the way preact sees it (an input event). */
async function typeInto(page: TestPage, selector: string, text: string): Promise<void> {
  await page.evaluate(
    ([sel, value]) => {
      const input = document.querySelector(sel) as HTMLInputElement;
      input.focus();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, text] as [string, string],
  );
}

const checked = (page: TestPage, selector: string) => page.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.checked ?? null, selector);

describe.each(['chromium', 'firefox'] as const)('%s options', (name) => {
  let browser: ExtensionBrowser;
  let page: TestPage;
  beforeAll(async () => {
    browser = await launch(name);
    page = await browser.newPage();
    await page.goto(server.url('/demo/article.html'));
    await waitForHighlights(page, 5);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const openOptions = async (): Promise<TestPage> => {
    const options = await openExtensionPage(browser, OPTIONS_PATH);
    await options.waitFor(() => !!document.querySelector('#enabled') && document.querySelectorAll('#feeds li').length > 0);
    return options;
  };

  it('round trip: changes are saved, survive a reload and reach the open article without reloading it', async () => {
    const options = await openOptions();
    await options.click('input[name="style"][value="background"]');
    await page.waitFor(() => [...document.querySelectorAll('backstory-mention')].every((m) => m.getAttribute('data-style') === 'background'));
    await options.click('input[name="emphasis"][value="first-only"]');
    await page.waitFor(() => [...document.querySelectorAll('backstory-mention')].every((m) => m.getAttribute('data-emphasis') === 'first-only'));
    await options.click('#type-place');
    await page.waitFor(() => !document.querySelector('backstory-mention[data-entity="newton-aycliffe"]') && !!document.querySelector('backstory-mention[data-entity="hitachi-rail"]'));
    await options.click('#history');
    await options.click('#knowledge-refresh');
    await typeInto(options, '#feed-input', FEED);
    await options.click('#feed-input ~ button[type="submit"]');
    await options.waitFor((url) => !!document.querySelector(`#feeds li[data-feed="${url}"]`), FEED);

    await options.goto(`${browser.extensionOrigin}/${OPTIONS_PATH}`);
    await options.waitFor(() => document.querySelectorAll('#feeds li').length > 0);
    expect(await checked(options, 'input[name="style"][value="background"]')).toBe(true);
    expect(await checked(options, 'input[name="emphasis"][value="first-only"]')).toBe(true);
    expect(await checked(options, '#type-place')).toBe(false);
    expect(await checked(options, '#type-person')).toBe(true);
    expect(await checked(options, '#history')).toBe(false);
    expect(await checked(options, '#knowledge-refresh')).toBe(false);
    const feeds = await options.evaluate(() => [...document.querySelectorAll('#feeds li')].map((li) => li.getAttribute('data-feed')));
    expect(feeds).toEqual([...DEFAULT_FEED_URLS, FEED]);

    // Back to the defaults, which the page follows too.
    await options.click('#type-place');
    await page.waitFor(() => !!document.querySelector('backstory-mention[data-entity="newton-aycliffe"]'));
    await options.click('input[name="style"][value="underline"]');
    await options.click('input[name="emphasis"][value="first-stronger"]');
    await page.waitFor(() => [...document.querySelectorAll('backstory-mention')].every((m) => m.getAttribute('data-style') === 'underline' && m.getAttribute('data-emphasis') === 'first-stronger'));
    await options.click('#history');
    await options.click('#knowledge-refresh');
    await options.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Use the default list again')!.click());
    await options.waitFor((n) => document.querySelectorAll('#feeds li').length === n && !document.querySelector('#feeds li[data-feed^="https://example.org"]'), DEFAULT_FEED_URLS.length);
    await options.close();
  });

  it('shows the default feeds, the knowledge date, the shortcut and the privacy statement, axe-clean', async () => {
    const options = await openOptions();
    const info = await options.evaluate(() => ({
      feeds: [...document.querySelectorAll('#feeds li')].map((li) => li.getAttribute('data-feed')),
      firstLabel: document.querySelector('#feeds li span')?.textContent ?? '',
      asOf: document.querySelector('#knowledge-as-of')?.textContent ?? '',
      shortcut: document.querySelector('#shortcut')?.textContent ?? '',
      text: document.body.textContent ?? '',
    }));
    expect(info.feeds).toEqual([...DEFAULT_FEED_URLS]);
    expect(info.firstLabel).toContain('The Northern Echo');
    expect(info.asOf).toMatch(/^Knowledge as of \d{1,2} [A-Z][a-z]{2} 20\d\d\.$/);
    // What the browser has assigned (Firefox assigns the suggested Alt+Shift+B; Chromium loaded from the
    // command line may leave it unassigned, and the page then says so).
    const assigned = await options.evaluate(async () => {
      type Api = { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      return (await (g.browser ?? g.chrome)!.commands.getAll()).find((c) => c.name === 'toggle-highlights')?.shortcut ?? '';
    });
    if (name === 'firefox') expect(assigned).toBe('Alt+Shift+B');
    expect(info.shortcut).toBe(
      assigned ? `${assigned} switches highlights off and on in the current tab.` : 'No keyboard shortcut is set for switching highlights in the current tab.',
    );
    expect(info.text).toContain('Nothing about what you browse leaves your browser.');
    expect(info.text).toContain('Nothing is fetched because of a page you open.');
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });

  it('exports the reading history as JSON and clears it', async () => {
    const options = await openOptions();
    const exported = async () => {
      const raw = await options.evaluate(async () => {
        type Api = { runtime: { sendMessage(m: object): Promise<{ json: string }> } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        return (await (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'options/history-export' })).json;
      });
      return JSON.parse(raw) as { format: string; items: { url: string; entities: string[] }[] };
    };
    // The demo article was read with history on (the default): it is in the history.
    let doc = await exported();
    for (let i = 0; i < 50 && !doc.items.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      doc = await exported();
    }
    expect(doc.format).toBe('backstory-reading-history');
    expect(doc.items.map((i) => i.url)).toContain(server.url('/demo/article.html'));
    const downloads = join(homedir(), 'Downloads');
    const before = new Set(existsSync(downloads) ? readdirSync(downloads) : []);
    await options.click('#history-export');
    await options.waitFor((n) => document.querySelector('#history-note')?.textContent === `Exported ${n} articles.`, doc.items.length);
    // Firefox saves the download to ~/Downloads (Chromium under automation to a temporary folder): tidy up.
    await new Promise((r) => setTimeout(r, 500));
    if (existsSync(downloads)) {
      for (const f of readdirSync(downloads)) if (!before.has(f) && f.startsWith('backstory-reading-history-')) rmSync(join(downloads, f), { force: true });
    }
    await options.click('#history-clear');
    await options.waitFor((n) => document.querySelector('#history-note')?.textContent === `Reading history cleared (${n} articles).`, doc.items.length);
    expect((await exported()).items).toEqual([]);
    await options.close();
  });

  it('lists a site switched off in the popup, and turns it back on from there', async () => {
    const popup = await openPopupWhenReported(browser, server.url('/demo/article.html'));
    await popup.waitFor(() => !!document.querySelector('#site-switch'));
    await popup.click('#site-switch');
    await page.waitFor(() => document.querySelectorAll('backstory-mention').length === 0);
    await popup.close();
    const host = new URL(server.origin).host;
    const options = await openOptions();
    await options.waitFor((h) => !!document.querySelector(`li[data-host="${h}"] button`), host);
    await options.click(`li[data-host="${host}"] button`);
    await waitForHighlights(page, 5);
    await options.waitFor(() => !document.querySelector('li[data-host]'));
    await options.close();
  });

  it('works by keyboard alone: Tab reaches every control and Space toggles a switch', async () => {
    const options = await openOptions();
    const reached: string[] = [];
    for (let i = 0; i < 60; i++) {
      await options.press('Tab');
      const id = await options.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el?.id || (el?.name ? `${el.name}=${el.value}` : el?.textContent?.trim() ?? '');
      });
      reached.push(id);
      if (id === 'history') break;
    }
    expect(reached).toEqual(expect.arrayContaining(['enabled', 'style=underline', 'emphasis=first-stronger', 'type-person', 'type-organisation', 'type-place', 'site-input', 'feed-input', 'history']));
    const before = await checked(options, '#history');
    await options.press(' ');
    await options.waitFor((want) => (document.querySelector('#history') as HTMLInputElement).checked === want && document.querySelector('#saved')?.textContent === 'Saved.', !before);
    await options.press(' ');
    await options.waitFor((want) => (document.querySelector('#history') as HTMLInputElement).checked === want, before);
    await options.close();
  });
});

describe.each(['chromium', 'firefox'] as const)('%s options in dark mode', (name) => {
  let browser: ExtensionBrowser;
  afterAll(async () => {
    await browser?.close();
  });

  it('is dark and axe-clean (contrast included)', async () => {
    browser = await launch(name, true, 'dark');
    const options = await openExtensionPage(browser, OPTIONS_PATH);
    await options.waitFor(() => document.querySelectorAll('#feeds li').length > 0);
    expect(await options.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 27, 34)');
    expect(await axeViolations(options)).toEqual([]);
  });
});
