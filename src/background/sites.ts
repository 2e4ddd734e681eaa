/**
 * Sites the reader enabled beyond the built-in news list. Each one is an optional host permission the reader
 * granted (from the popup's "enable on this site" or the options page; never silently). For every granted
 * origin the content script is registered with scripting.registerContentScripts, so it runs on the next page
 * load there; the registration is redone at startup (from the permissions, the source of truth) and whenever
 * a permission is added or removed, and tabs already open on a newly granted site are scanned at once.
 */
import { siteOriginPattern } from '../core/settings';
import { browser, extensionOrigin } from '../platform/browser';
import { loadReport } from './tabs';

export const SITE_SCRIPT_ID = 'backstory-reader-sites';

interface ManifestLike {
  host_permissions?: string[];
  content_scripts?: { matches?: string[]; js?: string[] }[];
}

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/;

/** Does a match pattern ("https://*.example.com/*") match this URL? Ports are ignored, as browsers do. */
export function patternMatches(pattern: string, url: string): boolean {
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const proto = u.protocol.slice(0, -1);
  if (scheme === '*' ? proto !== 'http' && proto !== 'https' : proto !== scheme) return false;
  const hostname = u.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2).toLowerCase();
      if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
    } else if (hostname !== host.toLowerCase()) return false;
  }
  const re = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return re.test(u.pathname + u.search);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const originPattern = siteOriginPattern;

/** Can Backstory run on this page at all (an http(s) page; not a browser page, not a PDF)? */
export function canRunOn(url: string | null): boolean {
  return url !== null && /^https?:\/\//i.test(url) && !/\.pdf($|[?#])/i.test(url);
}

/** Is the content script declared for this URL in the manifest (the built-in news list)? */
export function builtInSite(url: string, manifest: ManifestLike): boolean {
  return (manifest.content_scripts ?? []).some((cs) => (cs.matches ?? []).some((p) => patternMatches(p, url)));
}

/**
 * The origins the reader granted: every granted origin that the manifest does not already ask for (its
 * host permissions for feeds and Wikidata, and its content-script list, which Chrome counts as granted).
 */
export function readerOrigins(granted: readonly string[], manifest: ManifestLike): string[] {
  // Compared by scheme and host: Firefox reports the content-script sites as whole origins
  // ("https://www.bbc.co.uk/*" for "https://www.bbc.co.uk/news/*").
  const site = (p: string): string => PATTERN.exec(p)?.slice(1, 3).join('://') ?? p;
  const declared = new Set(
    [...(manifest.host_permissions ?? []), ...(manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? [])].map(site),
  );
  return [...new Set(granted.filter((o) => PATTERN.test(o) && !declared.has(site(o))))].sort();
}

const manifest = (): ManifestLike => browser.runtime.getManifest() as unknown as ManifestLike;

/** The built content script's files (the names carry build hashes, so they come from the built manifest). */
/** Paths from the extension's root: Firefox resolves relative paths against the calling page. */
export function rootPath(file: string, origin = extensionOrigin()): string {
  return `/${(file.startsWith(origin) ? file.slice(origin.length) : file).replace(/^\/+/, '')}`;
}

/** The same self-contained content script the manifest runs on the built-in sites (src/content/main.iife.ts). */
function contentScriptFiles(): string[] {
  const files = (manifest().content_scripts ?? []).flatMap((cs) => cs.js ?? []);
  if (!files.length) throw new Error('the built manifest declares no content script');
  return [...new Set(files)].map((f) => rootPath(f));
}

export async function listReaderSites(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  return readerOrigins(all.origins ?? [], manifest());
}

let syncing: Promise<unknown> = Promise.resolve();

/**
 * Makes the registered content script match exactly the reader's granted sites. Calls run one after the
 * other: startup, install and permission events can arrive together, and two concurrent registrations of
 * the same id fail.
 */
export function syncSiteScripts(): Promise<string[]> {
  const run = syncing.catch(() => undefined).then(syncNow);
  syncing = run;
  return run;
}

async function syncNow(): Promise<string[]> {
  const origins = await listReaderSites();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SITE_SCRIPT_ID] });
  if (!origins.length) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SITE_SCRIPT_ID] });
    return origins;
  }
  const script = { id: SITE_SCRIPT_ID, js: contentScriptFiles(), matches: origins, runAt: 'document_start' as const, allFrames: false };
  if (existing.length) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
  return origins;
}

/** Tabs injected by hand recently, so that two paths (the popup and permissions.onAdded) never inject twice. */
const injecting = new Set<number>();

/** Runs the content script in a tab of a newly enabled site, unless it already runs there. */
export async function scanTab(tabId: number): Promise<boolean> {
  if (injecting.has(tabId) || (await loadReport(tabId))) return false;
  injecting.add(tabId);
  setTimeout(() => injecting.delete(tabId), 10_000);
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: contentScriptFiles() });
    return true;
  } catch (err) {
    console.warn('Backstory could not scan the tab', tabId, err);
    injecting.delete(tabId);
    return false;
  }
}

async function onAdded(perms: { origins?: string[] }): Promise<void> {
  await syncSiteScripts();
  const added = readerOrigins(perms.origins ?? [], manifest());
  if (!added.length) return;
  const tabs = await browser.tabs.query({ url: added });
  for (const tab of tabs) if (tab.id !== undefined) await scanTab(tab.id);
}

export function watchSites(): void {
  browser.permissions.onAdded.addListener((p) => void onAdded(p).catch((e: unknown) => console.warn('Backstory: site registration failed', e)));
  browser.permissions.onRemoved.addListener(() => void syncSiteScripts().catch((e: unknown) => console.warn('Backstory: site registration failed', e)));
  const resync = (): void => void syncSiteScripts().catch((e: unknown) => console.warn('Backstory: site registration failed', e));
  browser.runtime.onStartup.addListener(resync);
  browser.runtime.onInstalled.addListener(resync);
}
