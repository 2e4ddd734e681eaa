/**
 * The browser adapter: every difference between Chrome and Firefox lives here, nowhere else.
 * Everything else imports `browser` from this module, never from the polyfill directly.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Tabs, Storage } from 'webextension-polyfill';

/** Extension pages run on moz-extension:// in Firefox and chrome-extension:// in Chrome. */
export function extensionOrigin(): string {
  return browser.runtime.getURL('').replace(/\/$/, '');
}

/** True when this script's extension context is gone (the extension was updated, reloaded or disabled). */
export function contextInvalidated(): boolean {
  try {
    return !browser.runtime?.id;
  } catch {
    return true;
  }
}

/**
 * storage.session holds per-tab state that must survive the background being suspended (Chrome's service
 * worker and Firefox's event page both are) but not a browser restart. Both browsers we support have it.
 */
export const sessionStorage = browser.storage.session;
