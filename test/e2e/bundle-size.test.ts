/**
 * The content script runs on every news page the reader opens, so what it loads up front stays small: at most
 * 30 KB gzipped (the manifest's self-contained script), with the card's UI in a separate script that the
 * background injects only when a card is first opened. Runs on the built extension (`npm run build`, which
 * `npm test` runs first). Files are found through the built manifest and the build output, never by hash.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
    expect(files.static.length).toBeGreaterThanOrEqual(1);
    const sizes = files.static.map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length }));
    const total = sizes.reduce((a, s) => a + s.gzip, 0);
    expect(total, `content script loads ${total} B gzipped: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('keeps the card UI in a separate script that the background injects when a card is first opened', () => {
    const files = contentScriptFiles(dist);
    const card = files.lazy.filter((f) => /(^|\/)card\.iife\.js$/.test(f));
    expect(card, `scripts loaded later: ${files.lazy.join(', ')}`).toHaveLength(1);
    // The card's code (its dialog markup and positioning) is in the card's script and not in what every page loads.
    const cardSource = readFileSync(join(dist, card[0]!), 'utf8');
    expect(cardSource).toContain('backstory-card-title-');
    for (const f of files.static) expect(readFileSync(join(dist, f), 'utf8')).not.toContain('backstory-card-title-');
    // The background knows the card script's path, to inject it.
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
      background?: { service_worker?: string; scripts?: string[] };
      web_accessible_resources?: unknown[];
    };
    const backgroundEntry = manifest.background?.service_worker ?? manifest.background?.scripts?.[0];
    expect(backgroundEntry).toBeTruthy();
    const backgroundFiles = [backgroundEntry!, ...readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`)];
    expect(backgroundFiles.some((f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes(card[0]!))).toBe(true);
    // Injected scripts need no web-accessible resource: a page cannot load or probe any file of Backstory.
    expect(manifest).not.toHaveProperty('web_accessible_resources');
  });
});
