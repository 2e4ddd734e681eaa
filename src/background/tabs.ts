/**
 * Per-tab state: what the content script of each tab found. Kept in storage.session so it survives the
 * background being suspended, and dropped when the tab closes or navigates.
 */
import { browser, sessionStorage } from '../platform/browser';
import type { PageReport } from '../messaging/contract';

const key = (tabId: number): string => `tab:${tabId}`;

export async function saveReport(tabId: number, report: PageReport): Promise<void> {
  await sessionStorage.set({ [key(tabId)]: report });
  const count = report.status === 'off' ? 0 : report.entities.length;
  // "12+": a long page read only as far as the reader has got so far may name more.
  const more = report.status === 'partial' ? '+' : '';
  await browser.action.setBadgeText({ tabId, text: count > 0 ? `${count}${more}` : '' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#1d4f91' });
}

export async function loadReport(tabId: number): Promise<PageReport | null> {
  const got = await sessionStorage.get(key(tabId));
  return (got[key(tabId)] as PageReport | undefined) ?? null;
}

export async function forgetTab(tabId: number): Promise<void> {
  await sessionStorage.remove(key(tabId));
}

export function watchTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) void forgetTab(tabId);
  });
}
