/**
 * The sites a reader enables: which granted origins count as the reader's, how the content script is
 * registered for them (and unregistered when a permission goes), and that tabs already open on a newly
 * granted site are scanned once. The browser is a small in-memory fake.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (p: { origins?: string[] }) => void;
interface Registered {
  id: string;
  js: string[];
  matches: string[];
  runAt?: string;
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

const fake = vi.hoisted(() => {
  const state = {
    granted: [] as string[],
    registered: [] as Registered[],
    executed: [] as { tabId: number; files: string[] }[],
    tabs: [] as { id: number; url: string }[],
    session: {} as Record<string, unknown>,
    added: [] as Listener[],
    removed: [] as Listener[],
    startup: [] as (() => void)[],
  };
  const manifest = {
    host_permissions: ['https://feeds.bbci.co.uk/*', 'https://www.theguardian.com/*'],
    content_scripts: [{ matches: ['https://www.bbc.co.uk/news/*', 'https://www.theguardian.com/*', 'http://127.0.0.1/*'], js: ['src/content/main.iife.js'] }],
  };
  const browser = {
    runtime: {
      getManifest: () => manifest,
      onStartup: { addListener: (f: () => void) => state.startup.push(f) },
      onInstalled: { addListener: (f: () => void) => state.startup.push(f) },
    },
    permissions: {
      getAll: async () => ({ origins: [...state.granted], permissions: [] }),
      onAdded: { addListener: (f: Listener) => state.added.push(f) },
      onRemoved: { addListener: (f: Listener) => state.removed.push(f) },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => state.registered.filter((r) => ids.includes(r.id)),
      registerContentScripts: async (list: Registered[]) => {
        for (const r of list) {
          if (state.registered.some((x) => x.id === r.id)) throw new Error(`duplicate id ${r.id}`);
          state.registered.push(structuredClone(r));
        }
      },
      updateContentScripts: async (list: Partial<Registered>[]) => {
        for (const r of list) Object.assign(state.registered.find((x) => x.id === r.id)!, structuredClone(r));
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        state.registered = state.registered.filter((r) => !ids.includes(r.id));
      },
      executeScript: async ({ target, files }: { target: { tabId: number }; files: string[] }) => {
        state.executed.push({ tabId: target.tabId, files });
        return [];
      },
    },
    tabs: {
      query: async ({ url }: { url: string[] }) =>
        state.tabs.filter((t) => url.some((p) => t.url.startsWith(p.replace(/\*$/, '').replace('/*', '/')))),
    },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
  };
  const sessionStorage = {
    get: async (k: string) => (k in state.session ? { [k]: state.session[k] } : {}),
    set: async (o: Record<string, unknown>) => Object.assign(state.session, o),
    remove: async (k: string) => delete state.session[k],
  };
  return { state, browser, sessionStorage };
});

vi.mock('../../src/platform/browser', () => ({
  browser: fake.browser,
  sessionStorage: fake.sessionStorage,
  extensionOrigin: () => 'moz-extension://abc',
}));

const sites = await import('../../src/background/sites');
const { state } = fake;
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  Object.assign(state, { granted: [], registered: [], executed: [], tabs: [], session: {}, added: [], removed: [], startup: [] });
});

describe('match patterns and the reader sites', () => {
  it('matches URLs the way browsers do (ports ignored, subdomain wildcards, paths)', () => {
    expect(sites.patternMatches('https://www.bbc.co.uk/news/*', 'https://www.bbc.co.uk/news/uk-123')).toBe(true);
    expect(sites.patternMatches('https://www.bbc.co.uk/news/*', 'https://www.bbc.co.uk/sport/1')).toBe(false);
    expect(sites.patternMatches('http://127.0.0.1/*', 'http://127.0.0.1:41234/demo/article.html')).toBe(true);
    expect(sites.patternMatches('http://127.0.0.1/*', 'https://127.0.0.1/')).toBe(false);
    expect(sites.patternMatches('https://*.example.com/*', 'https://news.example.com/a')).toBe(true);
    expect(sites.patternMatches('https://*.example.com/*', 'https://example.com.evil.org/a')).toBe(false);
  });

  it('counts as the reader sites only granted origins the manifest does not declare (Chrome and Firefox shapes)', () => {
    const manifest = fake.browser.runtime.getManifest();
    // Chrome lists the manifest's patterns as they are; Firefox lists whole origins for the content-script sites.
    expect(sites.readerOrigins(['https://www.bbc.co.uk/news/*', 'https://feeds.bbci.co.uk/*', 'http://localhost/*'], manifest)).toEqual(['http://localhost/*']);
    expect(sites.readerOrigins(['https://www.bbc.co.uk/*', 'http://127.0.0.1/*', 'https://news.example.org/*', 'https://news.example.org/*'], manifest)).toEqual(['https://news.example.org/*']);
  });

  it('knows the pages it cannot run on and the sites on its built-in list', () => {
    expect(sites.canRunOn('chrome://extensions/')).toBe(false);
    expect(sites.canRunOn('https://example.org/report.pdf')).toBe(false);
    expect(sites.canRunOn(null)).toBe(false);
    expect(sites.canRunOn('https://example.org/news/1')).toBe(true);
    const manifest = fake.browser.runtime.getManifest();
    expect(sites.builtInSite('https://www.theguardian.com/politics/x', manifest)).toBe(true);
    expect(sites.builtInSite('https://www.bbc.co.uk/sport/x', manifest)).toBe(false);
    expect(sites.originPattern('http://localhost:8080/a?b')).toBe('http://localhost/*');
  });

  it('gives Firefox paths from the extension root (it would resolve relative ones against the calling page)', () => {
    expect(sites.rootPath('moz-extension://abc/src/x.js', 'moz-extension://abc')).toBe('/src/x.js');
    expect(sites.rootPath('src/x.js', 'moz-extension://abc')).toBe('/src/x.js');
  });
});

describe('registering the content script for the reader sites', () => {
  it('registers one persistent script for the granted sites, updates it, and removes it with the last permission', async () => {
    state.granted = ['https://www.theguardian.com/*', 'http://localhost/*'];
    await sites.syncSiteScripts();
    expect(state.registered).toEqual([
      {
        id: sites.SITE_SCRIPT_ID,
        js: ['/src/content/main.iife.js'],
        matches: ['http://localhost/*'],
        runAt: 'document_start',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
    state.granted.push('https://news.example.org/*');
    await sites.syncSiteScripts();
    expect(state.registered.map((r) => r.matches)).toEqual([['http://localhost/*', 'https://news.example.org/*']]);
    state.granted = ['https://www.theguardian.com/*'];
    await sites.syncSiteScripts();
    expect(state.registered).toEqual([]);
  });

  it('re-registers at startup from the permissions, and follows permission changes', async () => {
    const warn = vi.spyOn(console, 'warn');
    sites.watchSites();
    state.granted = ['http://localhost/*'];
    for (const f of state.startup) f();
    await flush();
    await flush();
    expect(state.registered.map((r) => r.matches)).toEqual([['http://localhost/*']]);
    // onStartup and onInstalled together: the two syncs ran one after the other, neither failed.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    state.granted = [];
    for (const f of state.removed) f({ origins: ['http://localhost/*'] });
    await flush();
    await flush();
    expect(state.registered).toEqual([]);
  });

  it('scans the open tabs of a newly granted site once, and not tabs that already report', async () => {
    sites.watchSites();
    state.tabs = [
      { id: 1, url: 'http://localhost/demo/article.html' },
      { id: 2, url: 'http://localhost/other.html' },
      { id: 3, url: 'https://www.theguardian.com/x' },
    ];
    state.session['tab:2'] = { url: 'http://localhost/other.html', status: 'done', entities: [] };
    state.granted = ['http://localhost/*'];
    for (const f of state.added) f({ origins: ['http://localhost/*'] });
    await new Promise((r) => setTimeout(r, 20));
    expect(state.executed).toEqual([{ tabId: 1, files: ['/src/content/main.iife.js'] }]);
    // The popup's own request for the same tab right after does not inject a second copy.
    expect(await sites.scanTab(1)).toBe(false);
    expect(state.executed).toHaveLength(1);
  });
});
