/**
 * The page benchmark in headless Chromium. Every figure comes from the browser: CDP Performance.getMetrics of
 * the page's target (content scripts run in the page's renderer, so their time is counted there), long tasks
 * from a PerformanceObserver installed before the page's own scripts, the heap from Runtime.getHeapUsage after
 * a forced GC. Conditions alternate within each round: with the extension (E), the same page without it (the
 * baseline E is measured against), mark.js (M) and the floor (F).
 *
 * ScriptDuration counts script entered from a task (a classic script, a timer, an event listener) but not
 * promise continuations: code after an `await` (microtasks, scheduler.yield continuations) is missed, and the
 * content script runs almost entirely there. So E is also given as TaskDuration (all main-thread task time,
 * including the style and layout its DOM writes cause), which a trace confirms; M and F are injected as
 * classic page scripts so that both metrics see them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumPath } from '../browsers';
import type { BenchPage } from './pages';
import { FLOOR_RUN, floorPrepare, markScript, PROBE_INIT, PROBE_POLL, PROBE_READ, type ProbeResult } from './probe';

export type Condition = 'ext' | 'base' | 'mark' | 'floor';

export interface Sample {
  page: string;
  round: number;
  condition: Condition;
  /** ScriptDuration of the page's renderer, ms (ext, base: the whole load; mark, floor: the highlighter's pass). */
  scriptMs: number;
  /** TaskDuration of the page's renderer main thread, ms (same spans). */
  taskMs: number;
  /** ms measured with performance.now() in the page around the highlighter's call (mark, floor). */
  inPageMs?: number;
  /** Longest long task (>= 50 ms) after DOMContentLoaded (ext, base) or after the call (mark, floor); 0 if none. */
  longestTaskMs: number;
  longTasks: number;
  /** ms from DOMContentLoaded to the first <backstory-mention> (ext). */
  firstHighlightMs?: number;
  highlights: number;
  /** JS heap used after a forced GC (and the embedder's, i.e. DOM, heap where reported), bytes. */
  heapUsed?: number;
  embedderHeapUsed?: number;
  /** First contentful paint after DOMContentLoaded started, ms (ext, base): does the highlighter hold up the first paint? */
  fcpAfterDclMs?: number;
  /** Live page: paragraphs its own 10 ms timer appended in 3 s (ext, base). */
  appended?: number;
  settled: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

async function metrics(cdp: CDPSession): Promise<{ script: number; task: number }> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (name: string): number => (m.find((x) => x.name === name)?.value ?? NaN) * 1000;
  return { script: get('ScriptDuration'), task: get('TaskDuration') };
}

/** Wait until the page's main thread is idle (under 1.5 ms of tasks per 250 ms, four times in a row). */
async function settle(page: Page, cdp: CDPSession, need: { mention?: boolean; done?: boolean }, timeoutMs = 90_000): Promise<boolean> {
  let last = (await metrics(cdp)).task;
  let quiet = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    await sleep(250);
    const s = (await page.evaluate(PROBE_POLL)) as { done: boolean; first: number | null };
    const now = (await metrics(cdp)).task;
    const ready = (!need.mention || s.first !== null) && (!need.done || s.done);
    quiet = ready && now - last < 1.5 ? quiet + 1 : 0;
    last = now;
    if (quiet >= 4) return true;
  }
  return false;
}

/** Run code as a classic page script (so ScriptDuration sees it as it sees the page's own) and return window.__benchResult. */
async function pageScript<T>(page: Page, code: string): Promise<T> {
  return (await page.evaluate(`(() => {
    const s = document.createElement('script');
    s.textContent = ${JSON.stringify(`window.__benchResult = ${code};`)};
    document.head.appendChild(s);
    s.remove();
    const r = window.__benchResult;
    delete window.__benchResult;
    return r;
  })()`)) as T;
}

async function heap(cdp: CDPSession): Promise<{ heapUsed: number; embedderHeapUsed?: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  return { heapUsed: h.usedSize, embedderHeapUsed: h.embedderHeapUsedSize };
}

async function open(ctx: BrowserContext, url: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await ctx.newPage();
  await page.addInitScript({ content: PROBE_INIT });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return { page, cdp };
}

const longest = (tasks: [number, number][], after: number): { max: number; n: number } => {
  const late = tasks.filter(([start]) => start >= after);
  return { max: late.reduce((a, [, d]) => Math.max(a, d), 0), n: late.length };
};

/** Main-thread time of one traced load, by kind of work (ms). */
export interface TraceBreakdown {
  condition: 'ext' | 'base';
  page: string;
  total: number;
  /** Script: microtasks, function calls, script evaluation, module compile (and what runs inside them). */
  js: number;
  /** Style, layout, pre-paint, compositing inputs, paint (outside script). */
  render: number;
  parse: number;
  other: number;
  /** Longest main-thread task after DOMContentLoaded, any length (ms). */
  longestAfterDcl: number;
  /** Longest main-thread task of the whole load (ms): the page's first layout runs inside the task that ends
   * parsing, just before DOMContentLoaded, or in a task of its own after it, depending on timing. */
  longestTask: number;
  /**
   * Longest task after DOMContentLoaded in which script ran (ms), and how much of it was script: a task of the
   * extension's, as opposed to the page's own style and layout work (the bench pages run no script of their own
   * after load but the probe's few microseconds of observers).
   */
  longestScriptTaskAfterDcl: number;
  scriptInLongestScriptTask: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const JS_EVENTS = new Set(['RunMicrotasks', 'FunctionCall', 'EvaluateScript', 'v8.callFunction', 'v8.evaluateModule', 'v8.compileModule', 'v8.compile', 'v8.run', 'TimerFire', 'FireAnimationFrame']);
const RENDER_EVENTS = new Set(['WebFrameWidgetImpl::UpdateLifecycle', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Document::updateStyle', 'LocalFrameView::layout']);
const PARSE_EVENTS = new Set(['ParseHTML', 'HTMLDocumentParser::PumpTokenizer']);

/** Sort the renderer main thread's work into kinds, each span counted once (by its outermost known event). */
export function breakdown(events: TraceEvent[]): Omit<TraceBreakdown, 'condition' | 'page'> {
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = events.filter((e) => e.ph === 'X' && e.dur !== undefined && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const byPid = new Map<number, number>();
  for (const e of main) if (e.name === 'RunTask') byPid.set(e.pid, (byPid.get(e.pid) ?? 0) + e.dur!);
  const pid = [...byPid].sort((a, b) => b[1] - a[1])[0]?.[0];
  const ev = main.filter((e) => e.pid === pid).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const dcl = events.find((e) => e.pid === pid && (e.name === 'MarkDOMContent' || e.name === 'domContentLoadedEventStart'))?.ts ?? 0;
  const out = { total: 0, js: 0, render: 0, parse: 0, other: 0, longestAfterDcl: 0, longestTask: 0, longestScriptTaskAfterDcl: 0, scriptInLongestScriptTask: 0 };
  const stack: { end: number; kind: string | null }[] = [];
  /** The top-level task being walked: its length, whether it is after DOMContentLoaded, its script time. */
  let task: { dur: number; late: boolean; js: number } | null = null;
  const closeTask = (): void => {
    if (task?.late && task.js > 0 && task.dur > out.longestScriptTaskAfterDcl) {
      out.longestScriptTaskAfterDcl = task.dur;
      out.scriptInLongestScriptTask = task.js;
    }
    task = null;
  };
  for (const e of ev) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const inherited = stack.find((x) => x.kind)?.kind ?? null;
    const own = JS_EVENTS.has(e.name) ? 'js' : RENDER_EVENTS.has(e.name) ? 'render' : PARSE_EVENTS.has(e.name) ? 'parse' : null;
    if (e.name === 'RunTask' && !stack.length) {
      closeTask();
      out.total += e.dur! / 1000;
      if (e.ts >= dcl) out.longestAfterDcl = Math.max(out.longestAfterDcl, e.dur! / 1000);
      out.longestTask = Math.max(out.longestTask, e.dur! / 1000);
      task = { dur: e.dur! / 1000, late: e.ts >= dcl, js: 0 };
    }
    if (own && !inherited) {
      (out as Record<string, number>)[own]! += e.dur! / 1000;
      if (own === 'js' && task) task.js += e.dur! / 1000;
    }
    stack.push({ end: e.ts + e.dur!, kind: inherited ?? own });
  }
  closeTask();
  out.other = out.total - out.js - out.render - out.parse;
  return out;
}

export interface ChromiumBench {
  version: string;
  measure(page: BenchPage, url: string, condition: Condition, round: number): Promise<Sample>;
  /** One traced load (not timed: tracing has its own cost), for the breakdown of where the time goes. */
  trace(page: BenchPage, url: string, condition: 'ext' | 'base', origin: string): Promise<TraceBreakdown>;
  close(): Promise<void>;
}

export async function startChromium(opts: { dist?: string; markSource: string; names: { source: string; flags: string } }): Promise<ChromiumBench> {
  const dist = resolve(opts.dist ?? 'dist/chrome');
  const common = ['--no-first-run', '--disable-dev-shm-usage'];
  const profiles = [mkdtempSync(join(tmpdir(), 'backstory-bench-ext-')), mkdtempSync(join(tmpdir(), 'backstory-bench-none-'))];
  const launch = (profile: string, args: string[]): Promise<BrowserContext> =>
    chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, viewport: { width: 1280, height: 900 }, args: [...common, ...args] });
  const withExt = await launch(profiles[0]!, [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]);
  if (!withExt.serviceWorkers().length) await withExt.waitForEvent('serviceworker', { timeout: 30_000 });
  const without = await launch(profiles[1]!, []);
  const version = withExt.browser()?.version() ?? '';

  const measure = async (bp: BenchPage, url: string, condition: Condition, round: number): Promise<Sample> => {
    const ctx = condition === 'ext' ? withExt : without;
    const { page, cdp } = await open(ctx, url);
    try {
      const base = { page: bp.id, round, condition };
      if (condition === 'ext' || condition === 'base') {
        const settled = await settle(page, cdp, { mention: condition === 'ext', done: bp.selfTimed });
        const m = await metrics(cdp);
        const probe = (await page.evaluate(PROBE_READ)) as ProbeResult;
        const lt = longest(probe.longtasks, probe.dclStart);
        return {
          ...base,
          scriptMs: m.script,
          taskMs: m.task,
          longestTaskMs: lt.max,
          longTasks: lt.n,
          firstHighlightMs: probe.firstMention === null ? undefined : probe.firstMention - probe.dclStart,
          highlights: probe.mentions,
          fcpAfterDclMs: probe.fcp === null ? undefined : probe.fcp - probe.dclStart,
          appended: probe.appended,
          ...(await heap(cdp)),
          settled,
        };
      }
      const settled = await settle(page, cdp, { done: bp.selfTimed });
      if (condition === 'mark') {
        const m0 = await metrics(cdp);
        const r = await pageScript<{ ms: number; t0: number; marks: number }>(page, markScript(opts.markSource, opts.names.source, opts.names.flags));
        await settle(page, cdp, {});
        const m1 = await metrics(cdp);
        const probe = (await page.evaluate(PROBE_READ)) as ProbeResult;
        const lt = longest(probe.longtasks, r.t0);
        return { ...base, scriptMs: m1.script - m0.script, taskMs: m1.task - m0.task, inPageMs: r.ms, longestTaskMs: lt.max, longTasks: lt.n, highlights: r.marks, settled };
      }
      await pageScript(page, floorPrepare(opts.names.source, opts.names.flags));
      await sleep(100);
      const m0 = await metrics(cdp);
      const r = await pageScript<{ ms: number; t0: number; hits: number }>(page, FLOOR_RUN);
      const m1 = await metrics(cdp);
      const probe = (await page.evaluate(PROBE_READ)) as ProbeResult;
      const lt = longest(probe.longtasks, r.t0);
      return { ...base, scriptMs: m1.script - m0.script, taskMs: m1.task - m0.task, inPageMs: r.ms, longestTaskMs: lt.max, longTasks: lt.n, highlights: r.hits, settled };
    } finally {
      await cdp.detach().catch(() => undefined);
      await page.close();
    }
  };

  const trace = async (bp: BenchPage, url: string, condition: 'ext' | 'base', origin: string): Promise<TraceBreakdown> => {
    const ctx = condition === 'ext' ? withExt : without;
    const page = await ctx.newPage();
    // Land on the same origin first, so the traced navigation stays in this renderer process.
    await page.goto(`${origin}/bench/blank`);
    await page.addInitScript({ content: PROBE_INIT });
    const cdp = await ctx.newCDPSession(page);
    try {
      await cdp.send('Performance.enable');
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => {
        events.push(...(e.value as unknown as TraceEvent[]));
      });
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'blink', 'loading'] } } as never);
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      await settle(page, cdp, { mention: condition === 'ext', done: bp.selfTimed });
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      return { condition, page: bp.id, ...breakdown(events) };
    } finally {
      await cdp.detach().catch(() => undefined);
      await page.close();
    }
  };

  return {
    version,
    measure,
    trace,
    close: async () => {
      await withExt.close();
      await without.close();
      for (const p of profiles) rmSync(p, { recursive: true, force: true });
    },
  };
}
