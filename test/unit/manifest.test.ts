/**
 * Pins the permissions Backstory asks for. Adding one must be a deliberate change to this test.
 */
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { manifestFor } from '../../src/tools/manifest-for';
import { DEFAULT_FEED_URLS } from '../../src/background/feeds/defaults';

describe('manifest', () => {
  it('asks for exactly these permissions, and no <all_urls>', () => {
    // activeTab: a click on the toolbar button lets the popup see the tab's address, so it can offer to
    // enable Backstory on a site that is not on the list yet (no install warning, nothing granted for good).
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'scripting', 'activeTab']);
    expect(manifest.host_permissions).toEqual([
      'https://feeds.bbci.co.uk/*',
      'https://www.theguardian.com/*',
      'https://www.thenorthernecho.co.uk/*',
      // PoliticsHome's news feed is in the default feed list (src/background/feeds/defaults.ts).
      'https://www.politicshome.com/*',
      'https://query.wikidata.org/*',
    ]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });

  it('may fetch every default feed and the Wikidata query service from the background', () => {
    // Without the host permission the background's fetch fails and the feed only ever shows an error.
    const covered = (url: string) =>
      manifest.host_permissions.some((p) => {
        const m = /^(https?):\/\/([^/]+)\/\*$/.exec(p);
        const u = new URL(url);
        return !!m && u.protocol === `${m[1]}:` && u.hostname === m[2];
      });
    for (const url of [...DEFAULT_FEED_URLS, 'https://query.wikidata.org/sparql']) expect(covered(url), url).toBe(true);
  });

  it('gives Firefox an event page and its gecko settings, and Chrome a service worker without them', () => {
    const ff = manifestFor(manifest, 'firefox', { store: false }) as Record<string, unknown>;
    expect(ff.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(ff.browser_specific_settings).toMatchObject({ gecko: { id: expect.any(String), data_collection_permissions: { required: ['none'] } } });
    const min = Number(String((ff.browser_specific_settings as { gecko: { strict_min_version: string } }).gecko.strict_min_version).split('.')[0]);
    expect(min).toBeGreaterThanOrEqual(142);
    const cr = manifestFor(manifest, 'chrome', { store: false }) as Record<string, unknown>;
    expect(cr.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
    expect(cr).not.toHaveProperty('browser_specific_settings');
  });

  it('keeps loopback out of the store packages, and in the development build for the demo and the tests', () => {
    const dev = manifestFor(manifest, 'chrome', { store: false }) as { content_scripts: { matches: string[] }[] };
    const store = manifestFor(manifest, 'chrome', { store: true }) as { content_scripts: { matches: string[] }[] };
    expect(dev.content_scripts[0]!.matches).toContain('http://127.0.0.1/*');
    expect(JSON.stringify(store)).not.toContain('127.0.0.1');
    expect(store.content_scripts[0]!.matches).toContain('https://www.thenorthernecho.co.uk/*');
  });

  it('grants the content-script sites as hosts too (the user stylesheet needs it), and nothing more', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const built = manifestFor(manifest, browser, { store: false }) as { host_permissions: string[]; content_scripts: { matches: string[] }[] };
      const expected = new Set([...manifest.host_permissions, ...built.content_scripts.flatMap((c) => c.matches)]);
      expect(new Set(built.host_permissions)).toEqual(expected);
      const store = manifestFor(manifest, browser, { store: true }) as { host_permissions: string[] };
      expect(store.host_permissions.some((h) => h.includes('127.0.0.1'))).toBe(false);
    }
  });
});
