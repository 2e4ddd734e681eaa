/**
 * Firefox ESR with the built extension, through puppeteer-core over WebDriver BiDi. The extension gets a
 * fixed internal UUID (pref extensions.webextensions.uuids) so its pages have a known moz-extension:// origin.
 */
import { resolve } from 'node:path';
import puppeteer, { type EvaluateFunc, type Page } from 'puppeteer-core';
import { firefoxPath } from '../browsers';
import type { ExtensionBrowser, TestPage } from './driver';

/** The BiDi error of a script evaluated while Firefox replaces the document (seen opening extension pages). */
const TRANSIENT_BIDI = /Protocol error \(script\.evaluate\)|right-hand side of 'in'/;

export const isTransientBidi = (err: unknown): boolean => TRANSIENT_BIDI.test(`${String((err as Error)?.cause ?? '')} ${String(err)}`);

/**
 * page.waitForFunction, going on through that transient error within the same overall time limit: it can hit
 * any wait that polls while a page replaces or tears down a document (seen opening extension pages, and once
 * in a hostile-page test). Every Firefox wait of the tests goes through here.
 */
export async function waitInFirefox<A extends unknown[]>(page: Page, fn: EvaluateFunc<A>, options: { timeout: number; polling: number }, ...args: A): Promise<void> {
  const deadline = Date.now() + options.timeout;
  for (;;) {
    try {
      await page.waitForFunction(fn, { polling: options.polling, timeout: Math.max(1, deadline - Date.now()) }, ...args);
      return;
    } catch (err) {
      if (Date.now() >= deadline || !isTransientBidi(err)) throw err;
    }
  }
}

export const GECKO_ID = 'backstory@backstory.example';
export const FIREFOX_UUID = '6f1d2b9e-4c1a-4b8e-9a51-0b5a4c3e7d21';

function wrap(page: Page): TestPage {
  return {
    goto: async (url) => {
      if (url.startsWith('moz-extension:')) {
        // Navigations to extension pages do not report completion over BiDi: start it and wait for content.
        void page.goto(url).catch(() => undefined);
        await waitInFirefox(page, () => document.readyState !== 'loading' && location.protocol === 'moz-extension:', { timeout: 15_000, polling: 50 });
        return;
      }
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: (fn, arg, timeoutMs = 15_000) => waitInFirefox(page, fn as never, { timeout: timeoutMs, polling: 50 }, arg),
    click: (selector) => page.locator(selector).click(),
    dragAcross: async (selector) => {
      const box = (await (await page.$(selector))!.boundingBox())!;
      await page.mouse.move(box.x + 1, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    },
    press: (key) => page.keyboard.press(key as never),
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    emulateColorScheme: async () => {
      throw new Error('Firefox over WebDriver BiDi cannot switch the colour scheme of a running page: launch with { colorScheme }');
    },
    close: () => page.close(),
  };
}

export async function launchFirefox(opts: { dist?: string; headless?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<ExtensionBrowser> {
  const dist = resolve(opts.dist ?? 'dist/firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    protocol: 'webDriverBiDi',
    headless: opts.headless ?? true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // 0 = dark, 1 = light: what prefers-color-scheme reports to pages.
      'layout.css.prefers-color-scheme.content-override': opts.colorScheme === 'dark' ? 0 : 1,
    },
  });
  await browser.installExtension(dist);
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;
  return {
    name: 'firefox',
    extensionOrigin,
    newPage: async () => wrap(await browser.newPage()),
    openExtensionPage: async (path) => {
      const page = wrap(await browser.newPage());
      await page.goto(`${extensionOrigin}/${path}`);
      return page;
    },
    close: () => browser.close(),
  };
}
