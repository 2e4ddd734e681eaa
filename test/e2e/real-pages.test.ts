/**
 * Real page markup in real browsers: highlights appear where the detection engine says, and the page's text
 * and paragraph layout are untouched. Pages: the bundled demo article and, when the shared fixtures sit
 * beside the checkout (`../shared/fixtures/pages/`, evaluation data that may not be copied into this
 * repository), the ten real news pages annotated there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticleDate } from '../../src/core/article-date';
import { detectAll } from '../../src/core/detect';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { loadKnowledge } from '../../src/knowledge/load-node';
import type { ExtensionBrowser } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch } from '../../src/tools/harness/session';
import { extractHtml } from '../../src/tools/eval-lib';
import { paragraphBoxes } from './helpers';

const SHARED_PAGES = resolve(import.meta.dirname, '../../../shared/fixtures/pages');
const pages: { name: string; file: string; path: string }[] = [{ name: 'demo article', file: resolve(import.meta.dirname, '../../src/demo/article.html'), path: '/demo/article.html' }];
if (existsSync(SHARED_PAGES)) {
  for (const f of readdirSync(SHARED_PAGES).filter((f) => extname(f) === '.html').sort()) {
    pages.push({ name: f, file: join(SHARED_PAGES, f), path: `/shared-pages/${f}` });
  }
}

const kb = new KnowledgeBase(loadKnowledge());
let server: DemoServer;
beforeAll(async () => {
  server = await startServer([
    (req, res) => {
      const m = /^\/shared-pages\/([\w.-]+\.html)$/.exec(req.url ?? '');
      if (!m) return false;
      // Saved pages reference their publishers' scripts, trackers and images: none may load (no network here,
      // and the engine reads the page as saved, scripts off), so a CSP blocks everything but inline styles.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; navigate-to 'none'",
      });
      res.end(readFileSync(join(SHARED_PAGES, m[1]!)));
      return true;
    },
  ]);
});
afterAll(async () => {
  await server?.close();
});

/** What the engine finds in the page's visible text, as "entity|text" keys. */
async function expected(file: string, today: string): Promise<Set<string>> {
  const { text, dateInputs } = await extractHtml(readFileSync(file, 'utf8'));
  const { date } = readArticleDate(dateInputs, today);
  return new Set(detectAll(kb, text, date).filter((m) => kb.entity(m.entity)).map((m) => `${m.entity}|${m.text}`));
}

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch(name);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(pages)('$name: highlights only what the engine finds, and leaves text and layout as they were', async ({ file, path }) => {
    const page = await browser.newPage();
    await page.goto(server.url(path));
    // The first pass is done when the report reaches the background; wait for the highlights to settle.
    let last = -1;
    for (let i = 0; i < 40; i++) {
      const n = await page.evaluate(() => document.querySelectorAll('backstory-mention').length);
      if (n === last && i > 4) break;
      last = n;
      await new Promise((r) => setTimeout(r, 150));
    }
    const found = await page.evaluate(() => [...document.querySelectorAll('backstory-mention')].map((m) => `${m.getAttribute('data-entity')}|${m.textContent}`));
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    const want = await expected(file, today);
    // Every highlight is one the engine finds in the whole visible text (nothing wrong)...
    for (const f of found) expect(want, `unexpected highlight ${f}`).toContain(f);
    // ...and every entity the engine finds is highlighted somewhere (nothing missed).
    expect(new Set(found.map((f) => f.split('|')[0]))).toEqual(new Set([...want].map((w) => w.split('|')[0])));
    // Switching off restores text and layout exactly.
    const on = { text: await page.evaluate(() => document.body.innerText), boxes: await paragraphBoxes(page) };
    await page.evaluate(() => {
      for (const m of [...document.querySelectorAll('backstory-mention')]) m.replaceWith(...m.childNodes);
    });
    expect(await page.evaluate(() => document.body.innerText)).toBe(on.text);
    expect(await paragraphBoxes(page)).toEqual(on.boxes);
    await page.close();
  });
});
