/**
 * Scoring the detection engine against annotated fixtures (used by `npm run eval` and by the unit test).
 *
 * A fixture file is JSON lines, one document each (the format of ../shared/fixtures/gold.jsonl):
 *   {"file", "format": "txt"|"html", "published": date|null, "date_bounds": [from, to]|null,
 *    "mentions": [{"text", "start"?, "end"?, "occurrence"?, "entity", "kind", "office"?, "optional"?}],
 *    "negatives": [{"text", "start"?, "occurrence"?, "must_not_link_to": [ids]|["*"], ...}]}
 * Offsets in txt files are code points; html mentions (and any mention without offsets) are located by
 * `occurrence`: the index of that exact string among its matches in the text (0 when absent).
 *
 * Score: micro precision, recall and F1 on exact span + same entity. Optional gold mentions count neither
 * way when found with the right entity. Every other detected mention that is not a gold mention is a false
 * positive (negatives are listed separately so the error list can say which trap was hit).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Window } from 'happy-dom';
import type { Detector, Mention } from '../core/detect/index';
import type { ArticleDateInputs, MetaTag } from '../core/article-date';

export interface GoldMention {
  text: string;
  start?: number;
  end?: number;
  occurrence?: number;
  entity: string;
  kind: string;
  office?: string;
  optional?: boolean;
  note?: string;
}

export interface GoldNegative {
  text: string;
  start?: number;
  end?: number;
  occurrence?: number;
  type?: string;
  why?: string;
  must_not_link_to: string[];
}

export interface GoldDoc {
  file: string;
  format: 'txt' | 'html';
  published: string | null;
  date_bounds?: [string, string] | null;
  mentions: GoldMention[];
  negatives?: GoldNegative[];
}

export interface LoadedDoc {
  gold: GoldDoc;
  /** Fixture set the document came from (for reports). */
  set: string;
  text: string;
  date: string;
  mentions: (GoldMention & { start: number; end: number })[];
  negatives: (GoldNegative & { start: number; end: number })[];
  /** Problems locating annotations (a fixture error, reported and failing the test). */
  problems: string[];
}

/** Visible text and date inputs of an HTML page, as the content script would see them. */
export interface HtmlExtract {
  text: string;
  dateInputs: ArticleDateInputs;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Every text node under <body> except inside script, style, noscript and template, concatenated unchanged;
 * plus JSON-LD blocks, meta tags, <time datetime> values and the canonical URL.
 */
export async function extractHtml(html: string, url = 'https://localhost/'): Promise<HtmlExtract> {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  try {
    const doc = window.document;
    doc.write(html);
    const parts: string[] = [];
    const walkNodes = (node: { childNodes: ArrayLike<unknown> }): void => {
      const kids = node.childNodes;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i] as { nodeType: number; data?: string; tagName?: string; childNodes: ArrayLike<unknown> };
        if (k.nodeType === 3) parts.push(k.data ?? '');
        else if (k.nodeType === 1 && !SKIP.has((k.tagName ?? '').toLowerCase())) walkNodes(k);
      }
    };
    if (doc.body) walkNodes(doc.body as unknown as { childNodes: ArrayLike<unknown> });
    const jsonLd = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? '');
    const meta: MetaTag[] = [...doc.querySelectorAll('meta')].map((m) => ({
      name: m.getAttribute('name'),
      property: m.getAttribute('property'),
      itemprop: m.getAttribute('itemprop'),
      content: m.getAttribute('content'),
    }));
    const times = [...doc.querySelectorAll('time[datetime]')].map((t) => t.getAttribute('datetime') ?? '');
    const canonical =
      doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
      doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
      undefined;
    return { text: parts.join(''), dateInputs: { jsonLd, meta, times, url: canonical ?? url } };
  } finally {
    await window.happyDOM.close();
  }
}

/** UTF-16 offset of a code-point offset. */
function utf16Offset(text: string, codePoints: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePoints) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    cp++;
  }
  return i;
}

function nthIndexOf(text: string, needle: string, n: number): number {
  let from = 0;
  for (let k = 0; ; k++) {
    const i = text.indexOf(needle, from);
    if (i < 0) return -1;
    if (k === n) return i;
    from = i + 1;
  }
}

function locate<T extends { text: string; start?: number; end?: number; occurrence?: number }>(
  text: string,
  a: T,
  format: string,
  problems: string[],
): (T & { start: number; end: number }) | undefined {
  let start: number;
  let end: number;
  if (format === 'txt' && a.start !== undefined && a.occurrence === undefined) {
    start = utf16Offset(text, a.start);
    end = a.end !== undefined ? utf16Offset(text, a.end) : start + a.text.length;
  } else {
    start = nthIndexOf(text, a.text, a.occurrence ?? 0);
    end = start + a.text.length;
  }
  if (start < 0 || text.slice(start, end) !== a.text) {
    problems.push(`cannot locate ${JSON.stringify(a.text)} (occurrence ${a.occurrence ?? 0}, start ${a.start ?? '-'})`);
    return undefined;
  }
  return { ...a, start, end };
}

/** The date a fixture is scored at: its publication date, else the start of its date bounds. */
export function fixtureDate(gold: GoldDoc, fallback: string): string {
  return gold.published ?? gold.date_bounds?.[0] ?? fallback;
}

/**
 * Loads a fixture set: the jsonl file and each document's text. `fileDirs` are searched in order for each
 * document's file (the shared readability pages may live outside the repository).
 */
export async function loadFixtureSet(jsonlPath: string, set: string, fileDirs: string[] = [dirname(jsonlPath)]): Promise<{ docs: LoadedDoc[]; missing: string[] }> {
  const docs: LoadedDoc[] = [];
  const missing: string[] = [];
  const lines = readFileSync(jsonlPath, 'utf8').split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const gold = JSON.parse(line) as GoldDoc;
    const path = fileDirs.map((d) => join(d, gold.file)).find((p) => existsSync(p));
    if (!path) {
      missing.push(gold.file);
      continue;
    }
    const raw = readFileSync(path, 'utf8');
    // Gold dates come from the annotations (published or date_bounds), not from the page.
    const text = gold.format === 'html' ? (await extractHtml(raw)).text : raw;
    const problems: string[] = [];
    const mentions = gold.mentions.flatMap((m) => locate(text, m, gold.format, problems) ?? []);
    const negatives = (gold.negatives ?? []).flatMap((n) => locate(text, n, gold.format, problems) ?? []);
    docs.push({ gold, set, text, date: fixtureDate(gold, new Date().toISOString().slice(0, 10)), mentions, negatives, problems });
  }
  return { docs, missing };
}

export interface EvalError {
  file: string;
  type: 'missed' | 'false-positive' | 'wrong-entity' | 'negative-linked';
  text: string;
  start: number;
  end: number;
  expected?: string;
  got?: string;
  detail?: string;
  context: string;
}

export interface KindScore {
  gold: number;
  found: number;
  recall: number;
}

export interface EvalReport {
  documents: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  perKind: Record<string, KindScore>;
  errors: EvalError[];
  problems: string[];
}

function contextOf(text: string, start: number, end: number): string {
  return (text.slice(Math.max(0, start - 40), start) + '[' + text.slice(start, end) + ']' + text.slice(end, end + 40)).replace(/\s+/g, ' ');
}

/** Runs the detector over each document (split into paragraphs, as the content script would) and scores it. */
export function scoreDocs(detector: Pick<Detector, 'newContext' | 'detect'>, docs: LoadedDoc[], options: { chunked?: boolean } = {}): EvalReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perKind: Record<string, KindScore> = {};
  const errors: EvalError[] = [];
  const problems: string[] = [];
  for (const doc of docs) {
    for (const p of doc.problems) problems.push(`${doc.gold.file}: ${p}`);
    const ctx = detector.newContext(doc.date);
    let predicted: Mention[];
    if (options.chunked) {
      predicted = [];
      let offset = 0;
      for (const chunk of doc.text.split(/(?<=\n[ \t\u00a0]*\n)/)) {
        for (const m of detector.detect(chunk, ctx)) predicted.push({ ...m, start: m.start + offset, end: m.end + offset });
        offset += chunk.length;
      }
    } else predicted = detector.detect(doc.text, ctx);

    const required = doc.mentions.filter((m) => !m.optional);
    const optional = doc.mentions.filter((m) => m.optional);
    for (const m of required) {
      const k = (perKind[m.kind] ??= { gold: 0, found: 0, recall: 0 });
      k.gold++;
    }
    const matched = new Set<number>();
    for (const p of predicted) {
      const gi = required.findIndex((g, i) => !matched.has(i) && g.start === p.start && g.end === p.end && g.entity === p.entity);
      if (gi >= 0) {
        matched.add(gi);
        tp++;
        perKind[required[gi]!.kind]!.found++;
        continue;
      }
      if (optional.some((g) => g.entity === p.entity && p.start < g.end && g.start < p.end)) continue;
      fp++;
      const sameSpan = required.find((g) => g.start === p.start && g.end === p.end);
      const neg = doc.negatives.find((n) => p.start < n.end && n.start < p.end);
      errors.push({
        file: doc.gold.file,
        type: sameSpan ? 'wrong-entity' : neg ? 'negative-linked' : 'false-positive',
        text: p.text,
        start: p.start,
        end: p.end,
        got: `${p.entity} (${p.kind}${p.office ? ` ${p.office}` : ''})`,
        ...(sameSpan ? { expected: sameSpan.entity } : {}),
        ...(neg ? { detail: `${neg.type ?? 'negative'}: ${neg.why ?? ''}` } : {}),
        context: contextOf(doc.text, p.start, p.end),
      });
    }
    required.forEach((g, i) => {
      if (matched.has(i)) return;
      fn++;
      if (errors.some((e) => e.type === 'wrong-entity' && e.file === doc.gold.file && e.start === g.start && e.end === g.end)) return;
      errors.push({
        file: doc.gold.file,
        type: 'missed',
        text: g.text,
        start: g.start,
        end: g.end,
        expected: `${g.entity} (${g.kind}${g.office ? ` ${g.office}` : ''})`,
        context: contextOf(doc.text, g.start, g.end),
      });
    });
  }
  for (const k of Object.values(perKind)) k.recall = k.gold ? k.found / k.gold : 1;
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { documents: docs.length, tp, fp, fn, precision, recall, f1, perKind, errors, problems };
}

export function formatReport(r: EvalReport): string {
  const pct = (x: number): string => (100 * x).toFixed(1) + '%';
  const lines = [
    `documents ${r.documents}   gold ${r.tp + r.fn}   found ${r.tp + r.fp}`,
    `precision ${pct(r.precision)}   recall ${pct(r.recall)}   F1 ${r.f1.toFixed(4)}   (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`,
    'recall per kind: ' + Object.entries(r.perKind).map(([k, s]) => `${k} ${pct(s.recall)} (${s.found}/${s.gold})`).join(', '),
  ];
  if (r.problems.length) lines.push('', 'fixture problems:', ...r.problems.map((p) => `  ${p}`));
  if (r.errors.length) {
    lines.push('', `errors (${r.errors.length}):`);
    for (const e of r.errors) {
      lines.push(`  ${e.type.padEnd(15)} ${e.file} @${e.start}  ${JSON.stringify(e.text)}  ${e.expected ? `expected ${e.expected}` : ''}${e.got ? ` got ${e.got}` : ''}${e.detail ? `  [${e.detail}]` : ''}`);
      lines.push(`                  ${e.context}`);
    }
  }
  return lines.join('\n');
}

/** The suite fails below this F1 on the fixtures. */
export const F1_THRESHOLD = 0.97;

const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

/** Where the fixture sets live (the readability pages are read from the shared folder beside the repo). */
export const FIXTURE_SETS = [
  { set: 'gold', jsonl: join(REPO_ROOT, 'test/fixtures/gold/gold.jsonl'), dirs: [join(REPO_ROOT, 'test/fixtures/gold'), join(REPO_ROOT, '../shared/fixtures')] },
  { set: 'detect', jsonl: join(REPO_ROOT, 'test/fixtures/detect/fixtures.jsonl'), dirs: [join(REPO_ROOT, 'test/fixtures/detect')] },
];

export async function loadAllFixtures(): Promise<{ docs: LoadedDoc[]; missing: string[] }> {
  const docs: LoadedDoc[] = [];
  const missing: string[] = [];
  for (const s of FIXTURE_SETS) {
    if (!existsSync(s.jsonl)) continue;
    const r = await loadFixtureSet(s.jsonl, s.set, s.dirs);
    docs.push(...r.docs);
    missing.push(...r.missing);
  }
  return { docs, missing };
}
