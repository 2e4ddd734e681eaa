/**
 * `npm run bench`: builds the extension, then measures Backstory (E) against mark.js (M) and the floor (F) on
 * pages served from 127.0.0.1, in headless Chromium (and, as far as it can be read, Firefox ESR); the detection
 * engine alone in node; and the content script's size. Prints a table, then the same figures as markdown (with
 * the machine) for the README. Targets are reported, not asserted (see issue 8).
 *
 *   npm run bench -- [--runs N] [--pages demo,text-1mb,...] [--browsers chromium,firefox] [--no-build]
 *                    [--dist DIR (holding chrome/ and firefox/; default dist/)] [--json FILE]
 *
 * The built extension is copied to a temporary folder before the browsers start, so a rebuild of dist/ while
 * the benchmark runs (a watcher, another terminal) cannot change what is being measured halfway through.
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath, firefoxPath } from './browsers';
import { startServer } from './harness/server';
import { contentScriptFiles } from './bench/bundle';
import { startChromium, type Condition, type Sample, type TraceBreakdown } from './bench/chromium';
import { engineThroughput, type EngineReport } from './bench/engine';
import { startFirefox, type FirefoxCondition, type FirefoxSample } from './bench/firefox';
import { knowledgeBase, namesRegExpSource } from './bench/names';
import { benchSite, type BenchPage } from './bench/pages';
import { fmt, fmtStats, stats, type Stats } from './bench/stats';

const ROOT = resolve(import.meta.dirname, '../..');

interface Options {
  runs: number;
  pages: string[] | null;
  browsers: ('chromium' | 'firefox')[];
  build: boolean;
  dist: string;
  json: string | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 5, pages: null, browsers: ['chromium', 'firefox'], build: true, dist: join(ROOT, 'dist'), json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => argv[++i] ?? '';
    if (a === '--runs') o.runs = Math.max(1, Number(next()) || 5);
    else if (a === '--pages') o.pages = next().split(',').filter(Boolean);
    else if (a === '--browsers') o.browsers = next().split(',').filter((b): b is 'chromium' | 'firefox' => b === 'chromium' || b === 'firefox');
    else if (a === '--no-build') o.build = false;
    else if (a === '--json') o.json = next();
    else if (a === '--dist') o.dist = resolve(next());
    else if (a === '--help' || a === '-h') {
      console.log('npm run bench -- [--runs N] [--pages demo,text-1mb,text-5mb,deep-2000,live] [--browsers chromium,firefox] [--no-build] [--dist DIR] [--json FILE]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const log = (s: string): void => {
  process.stderr.write(s + '\n');
};

/** Conditions in a different order each round, so drift (thermal, caches, GC) does not favour one of them. */
function rotate<T>(xs: readonly T[], by: number): T[] {
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

interface BundleFigures {
  flavour: string;
  staticGzip: number;
  lazyGzip: number;
  files: number;
}

function bundleFigures(root: string): BundleFigures[] {
  return ['chrome', 'firefox'].flatMap((flavour) => {
    const dist = join(root, flavour);
    if (!existsSync(join(dist, 'manifest.json'))) return [];
    const f = contentScriptFiles(dist);
    const gz = (files: string[]): number => files.reduce((a, x) => a + gzipSync(readFileSync(join(dist, x)), { level: 9 }).length, 0);
    return [{ flavour, staticGzip: gz(f.static), lazyGzip: gz(f.lazy), files: f.static.length }];
  });
}

function machine(chromium: string | null, firefox: string | null, load: string): string {
  let cpu = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1]!.trim();
  } catch {
    // not Linux: os.cpus() model
  }
  const parts = [`${cpu}, ${cpus().length} cores`, `load average ${load}`, `Node ${process.version}`];
  if (chromium) parts.push(chromium.replace(/ built on .*/, ''));
  if (firefox) parts.push(firefox.replace(/^Mozilla /, ''));
  return parts.join(' · ');
}

function browserVersion(path: () => string): string | null {
  try {
    return execFileSync(path(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

interface PageFigures {
  page: BenchPage;
  bytes: number;
  eTask: Stats;
  eScript: Stats;
  /** Script time added, from traced loads (with minus without): E for the budgets (see traceScript). */
  eTraced: Stats;
  m: Stats;
  f: Stats;
  fInPage: Stats;
  mInPage: Stats;
  eLongest: Stats;
  mLongest: Stats;
  baseLongest: Stats;
  firstHighlight: Stats;
  highlights: Stats;
  marks: Stats;
  heap: Stats;
  embedderHeap: Stats;
  fcpExt: Stats;
  fcpBase: Stats;
  appendedExt: Stats;
  appendedBase: Stats;
  unsettled: number;
}

/**
 * E as issue 8 defines it: the main-thread script time the extension adds, from the browser's own record. A
 * trace counts every script span, promise continuations included (CDP's ScriptDuration misses those, and the
 * content script runs mostly there). TaskDuration with minus without also counts the page's own style and layout,
 * which on the multi-megabyte pages varies by hundreds of milliseconds from one load to the next, more than all
 * of Backstory's work; it is shown beside E, not used for the ratios. Traced loads are paired in order.
 */
function traceScript(page: BenchPage, traces: TraceBreakdown[]): Stats {
  return traceDelta(tracesOf(traces, page.id), 'js');
}

/** A page's traced loads with and without the extension, in the order they were taken (paired by index). */
function tracesOf(traces: TraceBreakdown[], pageId: string): { ext: TraceBreakdown[]; base: TraceBreakdown[] } {
  const of = (c: 'ext' | 'base'): TraceBreakdown[] => traces.filter((t) => t.page === pageId && t.condition === c);
  return { ext: of('ext'), base: of('base') };
}

/** One kind of main-thread time, with minus without, pair by pair. */
function traceDelta({ ext, base }: { ext: TraceBreakdown[]; base: TraceBreakdown[] }, k: 'js' | 'render' | 'other' | 'total'): Stats {
  return stats(ext.flatMap((e, i) => (base[i] ? [e[k] - base[i][k]] : [])));
}

function summarise(pages: BenchPage[], sizes: Record<string, number>, samples: Sample[], traces: TraceBreakdown[]): PageFigures[] {
  return pages.map((page) => {
    const of = (c: Condition): Sample[] => samples.filter((s) => s.page === page.id && s.condition === c);
    const ext = of('ext');
    const base = of('base');
    const paired = (f: (s: Sample) => number | undefined): number[] =>
      ext.flatMap((e) => {
        const b = base.find((x) => x.round === e.round);
        const a = f(e);
        const z = b ? f(b) : undefined;
        return a === undefined || z === undefined || !e.settled ? [] : [a - z];
      });
    return {
      page,
      bytes: sizes[page.id] ?? 0,
      eTask: stats(paired((s) => s.taskMs)),
      eScript: stats(paired((s) => s.scriptMs)),
      eTraced: traceScript(page, traces),
      m: stats(of('mark').map((s) => s.taskMs)),
      f: stats(of('floor').map((s) => s.taskMs)),
      fInPage: stats(of('floor').map((s) => s.inPageMs ?? NaN)),
      mInPage: stats(of('mark').map((s) => s.inPageMs ?? NaN)),
      eLongest: stats(ext.map((s) => s.longestTaskMs)),
      mLongest: stats(of('mark').map((s) => s.longestTaskMs)),
      baseLongest: stats(base.map((s) => s.longestTaskMs)),
      firstHighlight: stats(ext.map((s) => s.firstHighlightMs ?? NaN)),
      highlights: stats(ext.map((s) => s.highlights)),
      marks: stats(of('mark').map((s) => s.highlights)),
      heap: stats(paired((s) => s.heapUsed)),
      embedderHeap: stats(paired((s) => s.embedderHeapUsed)),
      fcpExt: stats(ext.map((s) => s.fcpAfterDclMs ?? NaN)),
      fcpBase: stats(base.map((s) => s.fcpAfterDclMs ?? NaN)),
      appendedExt: stats(ext.map((s) => s.appended ?? NaN)),
      appendedBase: stats(base.map((s) => s.appended ?? NaN)),
      unsettled: ext.filter((s) => !s.settled).length,
    };
  });
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const size = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`);
const mb = (s: Stats): string => (s.n ? `${fmt(s.median / 1048576, 1)} [${fmt(s.min / 1048576, 1)}–${fmt(s.max / 1048576, 1)}]` : '–');
const ratio = (a: Stats, b: Stats): string => (a.n && b.n && b.median > 0 ? fmt(a.median / b.median, 2) : '–');
/** Long tasks are only reported from 50 ms: a run without one counts as "<50". */
const longTask = (s: Stats): string => {
  const v = (x: number): string => (x === 0 ? '<50' : fmt(x, 0));
  return !s.n ? '–' : s.max === 0 ? '<50' : `${v(s.median)} [${v(s.min)}–${v(s.max)}]`;
};

function textTable(rows: string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r, j) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ') + (j === 0 ? '\n' + w.map((n) => '-'.repeat(n)).join('  ') : '')).join('\n');
}

function mdTable(rows: string[][]): string {
  return [rows[0]!, rows[0]!.map(() => '---'), ...rows.slice(1)].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function chromiumRows(figs: PageFigures[]): string[][] {
  return [
    ['page', 'size', 'E script ms (traced)', 'E main-thread ms (TaskDuration)', 'E ScriptDuration ms', 'F ms', 'M ms', 'E/F', 'E/M', 'E longest task ms', 'DCL→1st highlight ms', 'highlights E / M', 'E heap Δ MB (JS)', 'E heap Δ MB (DOM)', 'first paint − DCL ms, with / without'],
    ...figs.map((f) => [
      f.page.title,
      size(f.bytes),
      fmtStats(f.eTraced),
      fmtStats(f.eTask),
      fmtStats(f.eScript),
      fmtStats(f.f),
      fmtStats(f.m),
      ratio(eOf(f), f.f),
      ratio(eOf(f), f.m),
      longTask(f.eLongest),
      fmtStats(f.firstHighlight, 0),
      `${fmt(f.highlights.median, 0)} / ${fmt(f.marks.median, 0)}`,
      mb(f.heap),
      mb(f.embedderHeap),
      `${fmt(f.fcpExt.median, 0)} / ${fmt(f.fcpBase.median, 0)}`,
    ]),
  ];
}

/** The longest task after DOMContentLoaded that ran script, over traced loads, with the script time in it. */
function scriptTask(traces: TraceBreakdown[]): string {
  const worst = traces.reduce<TraceBreakdown | null>((a, t) => (!a || t.longestScriptTaskAfterDcl > a.longestScriptTaskAfterDcl ? t : a), null);
  return worst ? `${fmt(worst.longestScriptTaskAfterDcl, 0)} (${fmt(worst.scriptInLongestScriptTask, 1)})` : '–';
}

function traceRows(pages: BenchPage[], traces: TraceBreakdown[], figs: PageFigures[]): string[][] {
  const rows = [['page', 'E script ms', 'E style+layout+paint ms', 'E other ms', 'E total ms', 'E script / F', 'longest task of the load ms, with / without', 'longest task after DCL ms, with / without', 'longest task after DCL running script ms (script in it), with / without']];
  for (const page of pages) {
    const pair = tracesOf(traces, page.id);
    const { ext, base } = pair;
    if (!ext.length || !base.length) continue;
    const d = (k: 'js' | 'render' | 'other' | 'total'): Stats => traceDelta(pair, k);
    const f = figs.find((x) => x.page.id === page.id);
    const js = f?.eTraced ?? d('js');
    rows.push([
      page.title,
      fmtStats(js),
      fmtStats(d('render')),
      fmtStats(d('other')),
      fmtStats(d('total')),
      f ? ratio(js, f.f) : '–',
      `${fmt(stats(ext.map((e) => e.longestTask)).max, 0)} / ${fmt(stats(base.map((e) => e.longestTask)).max, 0)}`,
      `${fmt(stats(ext.map((e) => e.longestAfterDcl)).max, 0)} / ${fmt(stats(base.map((e) => e.longestAfterDcl)).max, 0)}`,
      `${scriptTask(ext)} / ${scriptTask(base)}`,
    ]);
  }
  return rows;
}

interface FirefoxFigures {
  page: BenchPage;
  first: Stats;
  last: Stats;
  highlights: Stats;
  m: Stats;
  f: Stats;
  marks: Stats;
}

function firefoxRows(figs: FirefoxFigures[]): string[][] {
  return [
    ['page', 'DCL→1st highlight ms', 'DCL→last highlight ms', 'highlights E / M', 'M ms (in page)', 'F ms (in page)'],
    ...figs.map((f) => [f.page.title, fmtStats(f.first, 0), fmtStats(f.last, 0), `${fmt(f.highlights.median, 0)} / ${fmt(f.marks.median, 0)}`, fmtStats(f.m), fmtStats(f.f)]),
  ];
}

function engineRows(e: EngineReport): string[][] {
  return [['text', 'MB/s (wall)', 'MB/s (CPU time)', 'mentions'], ...e.results.map((r) => [`${r.mb} MB`, fmtStats(r.mbPerS), fmtStats(r.cpuMbPerS), String(r.mentions)])];
}

/** E for the ratios: the traced script time, or (without traces) TaskDuration with minus without. */
const eOf = (f: PageFigures): Stats => (f.eTraced.n ? f.eTraced : f.eTask);

function budgets(figs: PageFigures[], traces: TraceBreakdown[], engine: EngineReport | null, bundles: BundleFigures[]): string[] {
  const out: string[] = [];
  const mark = (ok: boolean | null): string => (ok === null ? '?' : ok ? 'met' : 'MISSED');
  for (const id of ['text-1mb', 'text-5mb']) {
    const f = figs.find((x) => x.page.id === id);
    if (!f || !eOf(f).n) continue;
    const e = eOf(f);
    const ef = e.median / f.f.median;
    const me = f.m.median / e.median;
    const task = f.eTraced.n && f.eTask.n ? `; by TaskDuration with minus without, ${fmt(f.eTask.median)} ms [${fmt(f.eTask.min)}–${fmt(f.eTask.max)}]` : '';
    out.push(`E/F ≤ 2 on ${f.page.title}: ${fmt(ef, 2)} (${mark(ef <= 2)}); E ≥ 5× faster than M: ${fmt(me, 2)}× (${mark(me >= 5)}) (E = ${fmt(e.median)} ms ${f.eTraced.n ? 'traced script' : 'TaskDuration'}${task})`);
  }
  const worst = figs.filter((f) => f.eLongest.n).map((f) => [f.page.title, f.eLongest.max] as const);
  if (worst.length) {
    const over = worst.filter(([, m]) => m > 50);
    out.push(`No extension task over 50 ms: ${over.length ? over.map(([p, m]) => `${p} ${fmt(m, 0)} ms`).join(', ') : 'none seen'} (${mark(!over.length)}; any long task after DOMContentLoaded with the extension, the page's own layout included, Chromium)`);
  }
  const scripted = figs.flatMap((f) => {
    const { ext } = tracesOf(traces, f.page.id);
    return ext.length ? [[f.page.title, Math.max(...ext.map((t) => t.longestScriptTaskAfterDcl))] as const] : [];
  });
  if (scripted.length) {
    const over = scripted.filter(([, m]) => m > 50);
    out.push(`No task running Backstory's script over 50 ms (traced loads): ${over.length ? over.map(([p, m]) => `${p} ${fmt(m, 0)} ms`).join(', ') : 'none seen'} (${mark(!over.length)})`);
  }
  const demo = figs.find((f) => f.page.id === 'demo');
  if (demo?.firstHighlight.n) out.push(`First highlight within 50 ms of DOMContentLoaded (demo): ${fmt(demo.firstHighlight.median, 0)} ms (${mark(demo.firstHighlight.median <= 50)})`);
  const five = figs.find((f) => f.page.id === 'text-5mb');
  if (five?.heap.n) out.push(`Heap growth < 10 MB on 5 MB page: JS ${fmt(five.heap.median / 1048576, 1)} MB, DOM ${fmt(five.embedderHeap.median / 1048576, 1)} MB (${mark(five.heap.median < 10 * 1048576)} for JS)`);
  if (engine?.results.length) {
    const min = Math.min(...engine.results.map((r) => r.mbPerS.median));
    const cpu = Math.min(...engine.results.map((r) => r.cpuMbPerS.median));
    out.push(`Engine ≥ 100 MB/s in node: ${fmt(min, 0)} MB/s by wall clock, ${fmt(cpu, 0)} MB/s by CPU time, at the worst size (${mark(Math.max(min, cpu) >= 100)})`);
  }
  for (const b of bundles) out.push(`Content script ≤ 30 KB gzipped (${b.flavour}): ${kb(b.staticGzip)} in ${b.files} files, card loaded lazily (${kb(b.lazyGzip)}) (${mark(b.staticGzip <= 30 * 1024)})`);
  return out;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const loadStart = loadavg()[0]!.toFixed(1);
  if (opts.build) {
    log('building the extension (npm run -s build)…');
    execSync('npm run -s build', { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const snapshot = mkdtempSync(join(tmpdir(), 'backstory-bench-dist-'));
  for (const flavour of ['chrome', 'firefox']) {
    if (!existsSync(join(opts.dist, flavour, 'manifest.json'))) throw new Error(`${opts.dist}/${flavour}/manifest.json is missing: run npm run build`);
    cpSync(join(opts.dist, flavour), join(snapshot, flavour), { recursive: true });
  }
  process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }));
  const bundles = bundleFigures(snapshot);
  const knowledge = knowledgeBase();
  const names = namesRegExpSource(knowledge);
  const markSource = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');

  log('engine throughput in node…');
  const engine = await engineThroughput(knowledge.data, { profile: true });

  const site = benchSite();
  const pages = site.pages.filter((p) => !opts.pages || opts.pages.includes(p.id));
  const server = await startServer(site.routes);
  const samples: Sample[] = [];
  const traces: TraceBreakdown[] = [];
  const ffSamples: FirefoxSample[] = [];
  let chromiumVersion: string | null = null;
  let firefoxVersion: string | null = null;
  const notes: string[] = [];
  try {
    if (opts.browsers.includes('chromium')) {
      chromiumVersion = browserVersion(chromiumPath);
      const c = await startChromium({ dist: join(snapshot, 'chrome'), markSource, names });
      try {
        // Warm-up (service worker start, disk cache, JIT of the browser's own code): not counted.
        for (const cond of ['ext', 'base'] as const) await c.measure(pages[0]!, server.url(pages[0]!.path), cond, -1);
        for (let round = 0; round < opts.runs; round++) {
          for (const page of pages) {
            for (const cond of rotate(['ext', 'base', 'mark', 'floor'] as const, round)) {
              const s = await c.measure(page, server.url(page.path), cond, round);
              samples.push(s);
              log(`chromium round ${round + 1}/${opts.runs} ${page.id} ${cond}: task ${fmt(s.taskMs)} ms, script ${fmt(s.scriptMs)} ms, ${s.highlights} highlights${s.settled ? '' : ' (did not settle)'}`);
            }
          }
        }
        for (let i = 0; i < opts.runs; i++) {
          for (const page of pages) {
            for (const cond of rotate(['ext', 'base'] as const, i)) {
              const t = await c.trace(page, server.url(page.path), cond, server.origin);
              traces.push(t);
              log(`chromium trace ${page.id} ${cond}: ${fmt(t.total)} ms (js ${fmt(t.js)}, render ${fmt(t.render)}, parse ${fmt(t.parse)}, other ${fmt(t.other)}), longest task after DCL ${fmt(t.longestAfterDcl)} ms`);
            }
          }
        }
      } finally {
        await c.close();
      }
    }
    if (opts.browsers.includes('firefox')) {
      try {
        firefoxVersion = browserVersion(firefoxPath);
        const f = await startFirefox({ dist: join(snapshot, 'firefox'), markSource, names });
        try {
          await f.measure(pages[0]!, server.url(pages[0]!.path), 'ext', -1);
          for (let round = 0; round < opts.runs; round++) {
            for (const page of pages) {
              for (const cond of rotate(['ext', 'mark', 'floor'] as FirefoxCondition[], round)) {
                const s = await f.measure(page, server.url(page.path), cond, round);
                ffSamples.push(s);
                log(`firefox round ${round + 1}/${opts.runs} ${page.id} ${cond}: ${s.highlights} highlights${s.settled ? '' : ' (did not settle)'}`);
              }
            }
          }
        } finally {
          await f.close();
        }
      } catch (err) {
        notes.push(`Firefox could not be measured: ${String(err).split('\n')[0]}`);
      }
    }
  } finally {
    await server.close();
  }

  const figs = summarise(pages, site.sizes, samples, traces);
  const ffFigs: FirefoxFigures[] = pages.map((page) => {
    const of = (c: FirefoxCondition): FirefoxSample[] => ffSamples.filter((s) => s.page === page.id && s.condition === c);
    return {
      page,
      first: stats(of('ext').map((s) => s.firstHighlightMs ?? NaN)),
      last: stats(of('ext').map((s) => s.lastHighlightMs ?? NaN)),
      highlights: stats(of('ext').map((s) => s.highlights)),
      m: stats(of('mark').map((s) => s.inPageMs ?? NaN)),
      f: stats(of('floor').map((s) => s.inPageMs ?? NaN)),
      marks: stats(of('mark').map((s) => s.highlights)),
    };
  });
  for (const f of figs) {
    if (f.page.selfTimed && f.appendedExt.n && f.appendedBase.n)
      notes.push(`${f.page.title}: the page's own 10 ms timer appended ${fmt(f.appendedExt.median, 0)} paragraphs in 3 s with the extension, ${fmt(f.appendedBase.median, 0)} without (Chromium)`);
  }
  for (const f of figs) if (f.unsettled) notes.push(`${f.page.title}: ${f.unsettled} extension run(s) did not finish highlighting within 90 s and were left out of E`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ samples, traces, ffSamples, engine, bundles }, null, 1));

  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const mach = machine(chromiumVersion, firefoxVersion, `${loadStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
  const budgetLines = budgets(figs, traces, engine, bundles);

  // --- readable table (stderr keeps stdout for the markdown) ---
  if (samples.length) log('\nChromium (median [min–max] of ' + opts.runs + ' alternating runs)\n' + textTable(chromiumRows(figs)));
  if (traces.length) log('\nChromium, where the time goes (traced loads, with minus without the extension)\n' + textTable(traceRows(pages, traces, figs)));
  if (ffSamples.length) log('\nFirefox ESR (what WebDriver BiDi lets us read)\n' + textTable(firefoxRows(ffFigs)));
  log('\nEngine in node\n' + textTable(engineRows(engine)));
  log('\nBudgets\n' + budgetLines.map((l) => '  ' + l).join('\n'));
  if (notes.length) log('\nNotes\n' + notes.map((n) => '  ' + n).join('\n'));

  // --- markdown for the README ---
  const md: string[] = [];
  md.push(`### Performance (\`npm run bench\`, ${when} UTC)`, '', `Machine: ${mach}.`, '');
  md.push(
    `E = Backstory, M = mark.js 8.11.1 (\`markRegExp\` with one regular expression of the ${names.count} names), F = the floor (one TreeWalker pass over the text nodes with that precompiled regular expression, no DOM writes). Median [min–max] of ${opts.runs} alternating runs, pages served from 127.0.0.1. "E script (traced)", the E of the ratios, is the main-thread script time the extension adds: a traced load's script spans (promise continuations included) with the extension minus without, median of ${opts.runs} pairs. "E main-thread (TaskDuration)" is the page's CDP TaskDuration with minus without: it adds the style and layout work, Backstory's and the page's own, which on the 1 MB and 5 MB pages varies by hundreds of milliseconds between loads with or without Backstory. "E ScriptDuration" is CDP's ScriptDuration with minus without, which misses promise continuations, where the content script runs almost entirely. M and F are the TaskDuration of their one pass (script only: they run as one classic script). Heap: isolate-wide JS heap (the content script's isolated world shares the page's V8 isolate) and Blink's DOM heap after a forced GC, with minus without.`,
    '',
  );
  if (samples.length) md.push('**Chromium (headless)**', '', mdTable(chromiumRows(figs)), '');
  if (traces.length)
    md.push(
      '**Where E goes (Chromium trace, with minus without the extension)**: script (the content script: reading the page, handing its text to extension messaging, writing highlights), style/layout/paint caused by its DOM writes, other (IPC including message serialisation, isolated-world setup, GC outside script). Detection itself runs in the extension’s background, not on the page’s main thread. "E script / F" compares like with like: neither counts rendering.',
      '',
      mdTable(traceRows(pages, traces, figs)),
      '',
    );
  if (ffSamples.length)
    md.push('**Firefox ESR (headless)**: BiDi exposes no script-time, long-task or heap metrics, so only these can be read:', '', mdTable(firefoxRows(ffFigs)), '');
  md.push('**Detection engine in node** (bundled as in the extension, paragraph by paragraph):', '', mdTable(engineRows(engine)), '');
  if (bundles.length) md.push(`**Content script size**: ${bundles.map((b) => `${b.flavour} ${kb(b.staticGzip)} gzipped up front, card ${kb(b.lazyGzip)} on first open`).join('; ')}.`, '');
  md.push('**Budgets**', '', ...budgetLines.map((l) => `- ${l}`), '');
  if (notes.length) md.push(...notes.map((n) => `- ${n}`), '');
  if (engine.hot.length) md.push(`Engine hot spots (self time in the bundled engine): ${engine.hot.slice(0, 8).map((h) => `${h.fn} ${fmt(h.pct, 0)}%`).join(', ')}.`, '');
  process.stdout.write(md.join('\n') + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
