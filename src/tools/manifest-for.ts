/**
 * The one place where the two browsers' manifests differ. manifest.json at the root is written for Chrome
 * (service worker background); Firefox gets an event page and keeps browser_specific_settings.
 */
export type TargetBrowser = 'chrome' | 'firefox';

type Json = Record<string, unknown>;
const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost)\//;

export function manifestFor<T extends Json>(base: T, browser: TargetBrowser, opts: { store: boolean }): T {
  const m = structuredClone(base) as Json;
  if (browser === 'firefox') {
    const bg = m.background as { service_worker: string; type?: string };
    m.background = { scripts: [bg.service_worker], type: bg.type ?? 'module' };
  } else {
    delete m.browser_specific_settings;
  }
  // The highlight stylesheet is injected by the background as a user stylesheet (scripting.insertCSS), which
  // Chrome allows only with host permission: the sites the content script runs on are granted as hosts too.
  // No new reach: the content script already reads and changes those pages.
  const matches = (m.content_scripts as { matches: string[] }[]).flatMap((cs) => cs.matches);
  m.host_permissions = [...new Set([...(m.host_permissions as string[]), ...matches])];
  if (opts.store) {
    for (const cs of m.content_scripts as { matches: string[] }[]) {
      cs.matches = cs.matches.filter((p) => !LOOPBACK.test(p));
    }
    m.host_permissions = (m.host_permissions as string[]).filter((p) => !LOOPBACK.test(p));
  }
  return m as T;
}
