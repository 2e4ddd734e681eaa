/**
 * The benchmark's pages, built in memory at bench time from the text fixtures (nothing large is committed; see
 * test/fixtures/bench/README.md): the demo article (served as is), about 1 MB and 5 MB of real article text, a
 * page nested 2,000 elements deep and a live page that appends a paragraph every 10 ms for 3 s.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Route } from '../harness/server';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface BenchPage {
  id: string;
  title: string;
  path: string;
  /** The page signals the end of its own work with window.__benchPageDone = true (the live page). */
  selfTimed?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Paragraphs of real text: the annotated article texts, the demo article and (if present) the shared real news pages. */
export function articleParagraphs(): { source: string; paragraphs: string[] }[] {
  const out: { source: string; paragraphs: string[] }[] = [];
  const seen = new Set<string>();
  const txtDirs = [join(ROOT, 'test/fixtures/gold/articles'), join(ROOT, 'test/fixtures/detect'), join(ROOT, '../shared/fixtures/articles')];
  for (const dir of txtDirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.txt') || seen.has(f)) continue;
      seen.add(f);
      const paragraphs = readFileSync(join(dir, f), 'utf8').split(/\n+/).map((l) => l.replace(/^\s*[-*]\s+/, '').trim()).filter((l) => l.length > 20);
      if (paragraphs.length) out.push({ source: f, paragraphs });
    }
  }
  const htmls = [join(ROOT, 'src/demo/article.html')];
  const pagesDir = join(ROOT, '../shared/fixtures/pages');
  if (existsSync(pagesDir)) for (const f of readdirSync(pagesDir).sort()) if (f.endsWith('.html')) htmls.push(join(pagesDir, f));
  for (const file of htmls) {
    const html = readFileSync(file, 'utf8');
    const paragraphs = [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)]
      .map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim())
      .filter((p) => p.length > 40);
    if (paragraphs.length) out.push({ source: file.slice(ROOT.length + 1), paragraphs });
  }
  return out;
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function shell(title: string, body: string, date = '2024-10-10'): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta property="article:published_time" content="${date}T09:00:00Z">
<style>body{font:16px/1.5 Georgia,serif;max-width:760px;margin:0 auto;padding:16px}</style></head>
<body>
${body}
</body></html>`;
}

/** Articles one after another (each source's paragraphs in order, sources cycled) until `bytes` of HTML. */
export function bigArticlePage(bytes: number, title: string): string {
  const sources = articleParagraphs();
  const parts: string[] = [];
  let size = 0;
  for (let round = 0; size < bytes; round++) {
    for (const s of sources) {
      if (size >= bytes) break;
      const article = `<article><h2>${esc(s.paragraphs[0]!.slice(0, 90))} (${round + 1})</h2>\n${s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n</article>\n`;
      parts.push(article);
      size += Buffer.byteLength(article);
    }
  }
  return shell(title, parts.join(''));
}

/**
 * 2,000 nested elements, each holding a paragraph. The HTML parser caps nesting (Chromium at 512), so an inline
 * script builds the tree before DOMContentLoaded; the same script runs with and without the extension.
 */
export function deepPage(depth = 2000): string {
  const paragraphs = articleParagraphs().flatMap((s) => s.paragraphs);
  const script = `(() => {
  const texts = ${JSON.stringify(paragraphs.slice(0, 400))};
  let parent = document.getElementById('root');
  for (let i = 0; i < ${depth}; i++) {
    const div = document.createElement(i % 2 ? 'section' : 'div');
    const p = document.createElement('p');
    p.textContent = texts[i % texts.length];
    div.appendChild(p);
    parent.appendChild(div);
    parent = div;
  }
})();`;
  return shell('Nested 2,000 deep (Backstory bench)', `<div id="root"></div>\n<script>${script}</script>`);
}

/** A live page: an article, then one more paragraph every 10 ms for 3 s (a live blog or an infinite scroll). */
export function livePage(durationMs = 3000, everyMs = 10): string {
  const sources = articleParagraphs();
  const first = sources[0]!;
  const stream = sources.flatMap((s) => s.paragraphs);
  const script = `(() => {
  const texts = ${JSON.stringify(stream.slice(0, Math.ceil(durationMs / everyMs)))};
  const feed = document.getElementById('feed');
  let i = 0;
  const start = performance.now();
  const timer = setInterval(() => {
    const p = document.createElement('p');
    p.textContent = texts[i % texts.length];
    feed.appendChild(p);
    i++;
    if (performance.now() - start >= ${durationMs}) { clearInterval(timer); window.__benchPageDone = true; }
  }, ${everyMs});
})();`;
  const article = first.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  return shell('Live page (Backstory bench)', `<article><h1>Live</h1>\n${article}\n<div id="feed"></div></article>\n<script>${script}</script>`);
}

export interface BenchSite {
  pages: BenchPage[];
  routes: Route[];
  /** Bytes of each generated page, by id. */
  sizes: Record<string, number>;
}

export function benchSite(): BenchSite {
  const generated: Record<string, { path: string; html: string }> = {
    'text-1mb': { path: '/bench/text-1mb.html', html: bigArticlePage(1_000_000, 'About 1 MB of article text (Backstory bench)') },
    'text-5mb': { path: '/bench/text-5mb.html', html: bigArticlePage(5_000_000, 'About 5 MB of article text (Backstory bench)') },
    'deep-2000': { path: '/bench/deep-2000.html', html: deepPage() },
    live: { path: '/bench/live.html', html: livePage() },
  };
  const byPath = new Map(Object.values(generated).map((g) => [g.path, Buffer.from(g.html)]));
  const route: Route = (req, res) => {
    const body = byPath.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!body) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    return true;
  };
  const demoBytes = readFileSync(join(ROOT, 'src/demo/article.html')).length;
  return {
    pages: [
      { id: 'demo', title: 'demo article', path: '/demo/article.html' },
      { id: 'text-1mb', title: '1 MB text', path: generated['text-1mb']!.path },
      { id: 'text-5mb', title: '5 MB text', path: generated['text-5mb']!.path },
      { id: 'deep-2000', title: '2,000 deep', path: generated['deep-2000']!.path },
      { id: 'live', title: 'live +p/10ms 3s', path: generated.live!.path, selfTimed: true },
    ],
    routes: [route],
    sizes: { demo: demoBytes, ...Object.fromEntries(Object.entries(generated).map(([k, g]) => [k, Buffer.byteLength(g.html)])) },
  };
}
