/**
 * End-to-end: enabling Backstory on a site that is not on its list (http://localhost:PORT, while the
 * development build lists only 127.0.0.1), through the optional host permission.
 *
 * Firefox: the whole flow runs for real. Its permission prompt is a doorhanger that WebDriver cannot click,
 * but Firefox has a preference for automation, `extensions.webextOptionalPermissionPrompts: false`, under
 * which permissions.request grants without showing the prompt (the rest of the code path is the same:
 * the request is checked against optional_host_permissions and permissions.onAdded fires). So this test
 * launches its own Firefox with that preference, and covers: the popup's "not enabled" state, one click
 * grants the site and scans the open tab without a reload, the content script is registered for the site
 * (a reload is highlighted), the options list shows it, removing it there unregisters the script, and
 * adding it back by typing its address in the options registers it again.
 *
 * Chromium: its permission prompt is a native dialog that neither the DevTools protocol nor a command-line
 * switch can accept (Chromium only auto-confirms it in its own C++ browser tests). So the Chromium test
 * covers the popup's "not enabled" state and that clicking it grants nothing by itself; the registration
 * logic for a granted site is covered by test/unit/sites.test.ts and by the Firefox test here.
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { waitInFirefox } from '../../src/tools/harness/firefox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxPath } from '../../src/tools/browsers';
import { OPTIONS_PATH, POPUP_PATH, type ExtensionBrowser, type TestPage } from '../../src/tools/harness/driver';
import { FIREFOX_UUID, GECKO_ID } from '../../src/tools/harness/firefox';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch } from '../../src/tools/harness/session';
import { axeViolations, newestOtherTab } from './popup-helpers';

let server: DemoServer;
let article: string;
beforeAll(async () => {
  server = await startServer();
  // Same server, another host name: not on the extension's list of sites.
  article = server.url('/demo/article.html').replace('//127.0.0.1:', '//localhost:');
});
afterAll(async () => {
  await server?.close();
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REGISTERED = async () => {
  type Api = { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> } };
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  return (await (g.browser ?? g.chrome)!.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches }));
};

describe('firefox: enabling a new site', () => {
  let browser: Browser;
  const origin = `moz-extension://${FIREFOX_UUID}`;
  beforeAll(async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      protocol: 'webDriverBiDi',
      headless: true,
      args: ['--remote-allow-system-access'],
      defaultViewport: { width: 1280, height: 900 },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    await browser.installExtension(resolve('dist/firefox'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Extension pages do not report load completion over BiDi: start the navigation, wait for the document. */
  const openExtension = async (page: Page, path: string): Promise<void> => {
    void page.goto(`${origin}/${path}`).catch(() => undefined);
    await waitInFirefox(page, (p: string) => location.href.endsWith(p) && document.readyState !== 'loading', { polling: 50, timeout: 15_000 }, path);
  };
  const mentions = (page: Page) => page.evaluate(() => document.querySelectorAll('backstory-mention').length);

  it('one click grants the site, scans the tab, registers the script; removing the site unregisters it', async () => {
    const page = await browser.newPage();
    await page.goto(article, { waitUntil: 'domcontentloaded' });
    await settle(1500);
    expect(await mentions(page)).toBe(0);

    const popup = await browser.newPage();
    await openExtension(popup, OPTIONS_PATH);
    const tabId = await newestOtherTab(asTestPage(popup));
    await openExtension(popup, `${POPUP_PATH}?tab=${tabId}&url=${encodeURIComponent(article)}`);
    await waitInFirefox(popup, () => !!document.querySelector('[data-state="not-enabled"] #enable-site'), { polling: 50, timeout: 15_000 });
    expect(await popup.evaluate(() => document.querySelector('#enable-site')?.textContent)).toBe('Enable on localhost');
    expect(await axeViolations(asTestPage(popup))).toEqual([]);

    await popup.locator('#enable-site').click();
    // Scanned at once, without a reload.
    await waitInFirefox(page, () => document.querySelectorAll('backstory-mention').length >= 5, { polling: 100, timeout: 20_000 });
    await waitInFirefox(popup, () => document.querySelectorAll('[role="option"][data-entity="hitachi-rail"]').length === 1, { polling: 100, timeout: 15_000 });
    expect(await popup.evaluate(REGISTERED)).toEqual([{ id: 'backstory-reader-sites', matches: ['http://localhost/*'] }]);

    // The registered script runs on the next load.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitInFirefox(page, () => document.querySelectorAll('backstory-mention').length >= 5, { polling: 100, timeout: 20_000 });

    // The options page lists the site; removing it there takes the permission and the registration away.
    const options = await browser.newPage();
    await openExtension(options, OPTIONS_PATH);
    await waitInFirefox(options, () => !!document.querySelector('#reader-sites li[data-origin="http://localhost/*"]'), { polling: 50, timeout: 15_000 });
    await options.locator('#reader-sites li[data-origin="http://localhost/*"] button').click();
    await waitInFirefox(options, () => !document.querySelector('#reader-sites'), { polling: 50, timeout: 15_000 });
    await waitInFirefox(
      options,
      async () => {
        const b = (globalThis as unknown as { browser: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).browser;
        return (await b.scripting.getRegisteredContentScripts()).length === 0;
      },
      { polling: 100, timeout: 10_000 },
    );
    expect(await options.evaluate(() => (globalThis as unknown as { browser: { permissions: { contains(p: object): Promise<boolean> } } }).browser.permissions.contains({ origins: ['http://localhost/*'] }))).toBe(false);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await settle(1500);
    expect(await mentions(page)).toBe(0);

    // Adding the site back from the options page: typed address, permission, registration.
    await options.evaluate((value) => {
      const input = document.querySelector('#site-input') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, new URL(article).origin);
    await options.locator('#site-input ~ button[type="submit"]').click();
    await waitInFirefox(options, () => !!document.querySelector('#reader-sites li[data-origin="http://localhost/*"]'), { polling: 50, timeout: 15_000 });
    expect(await options.evaluate(REGISTERED)).toEqual([{ id: 'backstory-reader-sites', matches: ['http://localhost/*'] }]);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitInFirefox(page, () => document.querySelectorAll('backstory-mention').length >= 5, { polling: 100, timeout: 20_000 });
  });
});

describe('chromium: enabling a new site', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch('chromium');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers to enable the site, and a click alone grants nothing (the browser asks the reader)', async () => {
    const page = await browser.newPage();
    await page.goto(article);
    await settle(1500);
    expect(await page.evaluate(() => document.querySelectorAll('backstory-mention').length)).toBe(0);
    const popup = await browser.openExtensionPage(OPTIONS_PATH);
    const tabId = await newestOtherTab(popup);
    await popup.goto(`${browser.extensionOrigin}/${POPUP_PATH}?tab=${tabId}&url=${encodeURIComponent(article)}`);
    await popup.waitFor(() => !!document.querySelector('[data-state="not-enabled"] #enable-site'));
    expect(await popup.evaluate(() => document.querySelector('#enable-site')?.textContent)).toBe('Enable on localhost');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.click('#enable-site');
    await settle(1000);
    const granted = await popup.evaluate(() => (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({ origins: ['http://localhost/*'] }));
    expect(granted).toBe(false);
    expect(await popup.evaluate(REGISTERED)).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('backstory-mention').length)).toBe(0);
  });
});

/** Just enough of TestPage over a puppeteer page for the shared helpers. */
function asTestPage(page: Page): TestPage {
  return {
    evaluate: (fn: never, arg?: unknown) => page.evaluate(fn, arg),
  } as unknown as TestPage;
}
