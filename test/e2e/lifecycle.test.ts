/**
 * Lifecycle and privacy in real browsers: an orphaned content script (the extension reloaded underneath it)
 * removes every trace from the page; and reading a page or opening a card makes no network request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/tools/harness/chromium';
import { OPTIONS_PATH, type ExtensionBrowser } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch, waitForHighlights } from '../../src/tools/harness/session';

let server: DemoServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch(name);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('after the extension reloads, the page is left clean: no stale or doubled highlights', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('/demo/article.html'));
    await waitForHighlights(page, 5);
    await new Promise((r) => setTimeout(r, 1000));
    const count = await page.evaluate(() => document.querySelectorAll('backstory-mention').length);
    const original = await page.evaluate(async () => new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html').body.innerHTML);
    const ext = await browser.openExtensionPage(OPTIONS_PATH);
    await ext.evaluate(() => {
      type RuntimeApi = { runtime: { reload(): void } };
      const g = globalThis as unknown as { browser?: RuntimeApi; chrome?: RuntimeApi };
      setTimeout(() => (g.browser ?? g.chrome)!.runtime.reload(), 50);
    }).catch(() => undefined);
    if (name === 'chromium') {
      // Chrome does not inject the new version into open tabs: the orphaned script notices (ORPHAN_CHECK_MS)
      // and restores the page exactly.
      await page.waitFor(() => document.querySelectorAll('backstory-mention').length === 0, undefined, 15_000);
      expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
    } else {
      // Firefox injects the new version into open tabs: it removes the old highlights and scans afresh.
      await new Promise((r) => setTimeout(r, 3000));
      const after = await page.evaluate(() => ({
        count: document.querySelectorAll('backstory-mention').length,
        nested: document.querySelectorAll('backstory-mention backstory-mention').length,
        text: document.body.textContent,
      }));
      expect(after.nested).toBe(0);
      expect(after.count).toBe(count);
      const originalText = await page.evaluate((html) => {
        const d = document.createElement('div');
        d.innerHTML = html;
        return d.textContent;
      }, original);
      expect(after.text).toBe(originalText);
    }
    await page.close();
  });
});

describe('privacy (chromium: the browser reports every request, the service worker\'s included)', () => {
  it('opening a page and a card causes no network request beyond the page itself', async () => {
    const b = await launchChromium();
    try {
      const seen: string[] = [];
      b.raw.on('request', (r) => seen.push(r.url()));
      const page = await b.newPage();
      const url = server.url('/demo/article.html');
      await page.goto(url);
      await waitForHighlights(page, 5);
      await page.click('backstory-mention[data-entity="hitachi-rail"]');
      await page.waitFor(() => !!document.querySelector('backstory-card')?.shadowRoot?.querySelector('h2'));
      await new Promise((r) => setTimeout(r, 500));
      const outside = seen.filter((u) => u !== url && !u.startsWith('chrome-extension://') && !u.startsWith('data:'));
      expect(outside).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
