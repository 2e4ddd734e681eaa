/** Helpers shared by `npm start`, the end-to-end tests and the benchmark. */
import type { ExtensionBrowser, TestPage } from './driver';
import { POPUP_PATH } from './driver';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';

export async function launch(name: 'chromium' | 'firefox', headless = true, colorScheme: 'light' | 'dark' = 'light'): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium({ headless, colorScheme }) : launchFirefox({ headless, colorScheme });
}

/** Waits until the content script has finished its first pass on the page (the background has its report). */
export async function waitForHighlights(page: TestPage, min = 1): Promise<void> {
  await page.waitFor((n) => document.querySelectorAll('backstory-mention').length >= n, min, 20_000);
}

/** Opens the popup page for the tab showing `urlPrefix` (the popup takes `?tab=ID` when opened in a tab). */
export async function openPopupFor(b: ExtensionBrowser, urlPrefix: string): Promise<TestPage> {
  const popup = await b.openExtensionPage(POPUP_PATH);
  // The background keeps each tab's report in storage.session under `tab:ID` (extension pages may read it).
  const tabId = await popup.evaluate(async (prefix) => {
    type SessionApi = { storage: { session: { get(k: null): Promise<Record<string, { url?: string }>> } } };
    const g = globalThis as unknown as { browser?: SessionApi; chrome?: SessionApi };
    const all = await (g.browser ?? g.chrome)!.storage.session.get(null);
    const key = Object.keys(all).find((k) => k.startsWith('tab:') && all[k]?.url?.startsWith(prefix));
    return key ? Number(key.slice(4)) : -1;
  }, urlPrefix);
  if (tabId < 0) throw new Error(`no tab shows ${urlPrefix}`);
  await popup.goto(`${b.extensionOrigin}/${POPUP_PATH}?tab=${tabId}`);
  await popup.waitFor(() => !document.body.textContent?.includes('Reading this page'), undefined, 15_000);
  return popup;
}
