/**
 * The content script runs on every news page the reader opens, so what it loads up front stays small: at most
 * 30 KB gzipped (the crxjs loader, the chunk it imports and that chunk's static imports), with the card's UI in a
 * separate chunk loaded only when a card is first opened. Runs on the built extension (`npm run build`, which
 * `npm test` runs first). Files are found through the built manifest and the import statements, never by hash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentScriptFiles } from '../../src/tools/bench/bundle';

const BUDGET_BYTES = 30 * 1024;

describe.each(['chrome', 'firefox'] as const)('dist/%s', (flavour) => {
  const dist = resolve(`dist/${flavour}`);

  it('has a built manifest with a content script', () => {
    expect(existsSync(join(dist, 'manifest.json')), `run npm run build first: ${dist}/manifest.json is missing`).toBe(true);
  });

  it('loads at most 30 KB gzipped of JavaScript on every page, before any card is opened', () => {
    const files = contentScriptFiles(dist);
    expect(files.static.length).toBeGreaterThanOrEqual(2); // the loader and the chunk it imports, at least
    const sizes = files.static.map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length }));
    const total = sizes.reduce((a, s) => a + s.gzip, 0);
    expect(total, `content script loads ${total} B gzipped: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('keeps the card UI in a separate chunk that is imported only lazily', () => {
    const files = contentScriptFiles(dist);
    // The card's module (mountCard) is reached only through import(): not in the statically loaded set.
    const card = files.lazy.filter((f) => /(^|\/)mount-[^/]*\.js$/.test(f));
    expect(card, `lazily imported chunks: ${files.lazy.join(', ')}`).toHaveLength(1);
    expect(files.static).not.toContain(card[0]);
    const cardSource = readFileSync(join(dist, card[0]!), 'utf8');
    expect(cardSource).toMatch(/mountCard/);
    // The static chunk reaches the card only through import(), so the card's code loads on first open.
    const importers = files.static.filter((f) => readFileSync(join(dist, f), 'utf8').includes(posix.basename(card[0]!)));
    expect(importers.length).toBeGreaterThan(0);
    // The lazily loaded chunk must be reachable from the page (web_accessible_resources), or opening a card fails.
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
    const exposed = (manifest.web_accessible_resources ?? []).flatMap((w) => w.resources);
    expect(exposed).toContain(card[0]);
  });
});
