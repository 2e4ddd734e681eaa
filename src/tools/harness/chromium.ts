/** Chromium with the built extension, through playwright-core's persistent context. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../browsers';
import type { ExtensionBrowser, TestPage } from './driver';

export function wrapPlaywrightPage(page: Page): TestPage {
  return {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeoutMs = 15_000) => {
      await page.waitForFunction(fn as never, arg, { timeout: timeoutMs, polling: 50 });
    },
    click: (selector) => page.locator(selector).first().click(),
    dragAcross: async (selector) => {
      const box = (await page.locator(selector).first().boundingBox())!;
      await page.mouse.move(box.x + 1, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    },
    press: (key) => page.keyboard.press(key),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    emulateColorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    close: () => page.close(),
  };
}

export async function launchChromium(opts: { dist?: string; headless?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<ExtensionBrowser & { raw: import('playwright-core').BrowserContext }> {
  const dist = resolve(opts.dist ?? 'dist/chrome');
  const profile = mkdtempSync(join(tmpdir(), 'backstory-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, '--no-first-run', '--disable-dev-shm-usage'],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
  return {
    name: 'chromium',
    raw: context,
    extensionOrigin,
    newPage: async () => wrapPlaywrightPage(await context.newPage()),
    openExtensionPage: async (path) => {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${path}`);
      return wrapPlaywrightPage(page);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
