/**
 * Every string the popup and the options page show comes from public/_locales/<lang>/messages.json through
 * browser.i18n. A missing key shows as the key itself, so a gap is visible in review and in tests.
 */
import { browser } from '../platform/browser';

export function t(key: string, subs?: string | number | (string | number)[]): string {
  const list = subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String);
  return browser.i18n.getMessage(key, list) || key;
}
