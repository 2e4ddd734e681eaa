/**
 * Nothing in the extension's own code turns a string into markup or code, and nothing opens a door from web
 * pages to the extension. A new `innerHTML`, `eval` or `externally_connectable` must be a deliberate change that
 * fails here first. (The built bundles are checked by the end-to-end suite; this reads the sources.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
/** Code that ships in the extension (src/tools is node-only tooling; src/demo is the demo page). */
const SHIPPED = ['src/background', 'src/content', 'src/core', 'src/messaging', 'src/platform', 'src/popup', 'src/options', 'src/ui'];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx|html)$/.test(e.name)) out.push(p);
  }
  return out;
}

const SINKS: [string, RegExp][] = [
  ['innerHTML/outerHTML assignment', /\.(inner|outer)HTML\s*=(?!=)/],
  ['insertAdjacentHTML', /insertAdjacentHTML\s*\(/],
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['document.write', /document\.write(ln)?\s*\(/],
  ['eval', /(^|[^\w.])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ['createContextualFragment', /createContextualFragment/],
  ['DOMParser on data', /parseFromString\s*\(/],
  ['postMessage bridge to the page', /window\.(postMessage|addEventListener\(\s*['"]message['"])/],
  ['remote script', /<script[^>]+src=["']https?:/i],
];

describe('the shipped sources', () => {
  const all = SHIPPED.flatMap(files);

  it('finds the sources it is meant to check', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all).toContain(join('src', 'ui', 'card', 'Card.tsx'));
  });

  it.each(SINKS)('never use %s', (_name, re) => {
    const hits = all.filter((f) => re.test(readFileSync(join(ROOT, f), 'utf8'))).map((f) => relative(ROOT, join(ROOT, f)));
    expect(hits).toEqual([]);
  });
});

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  it('has no bridge from web pages: no externally_connectable, no loosened content security policy', () => {
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest).not.toHaveProperty('sandbox');
  });

  it('scans only the top frame of a page', () => {
    const scripts = manifest.content_scripts as { all_frames?: boolean; match_about_blank?: boolean }[];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.all_frames ?? false).toBe(false);
      expect(s.match_about_blank ?? false).toBe(false);
    }
  });

  it('exposes no web-accessible resource to every site', () => {
    const war = (manifest.web_accessible_resources ?? []) as { matches?: string[] }[];
    for (const r of war) for (const m of r.matches ?? []) expect(['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*']).not.toContain(m);
  });
});
