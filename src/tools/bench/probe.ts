/**
 * Scripts the benchmark runs inside the page (main world). They are strings so that the bundler and tsx leave
 * them exactly as written; each runs identically with and without the extension, so its cost cancels out.
 */

/** Installed before any page script: long tasks, the first highlight, DOMContentLoaded. */
export const PROBE_INIT = `(() => {
  const b = (window.__bench = { longtasks: [], firstMention: null, dcl: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const watch = () => {
    const mo = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeName === 'BACKSTORY-MENTION') { b.firstMention = performance.now(); mo.disconnect(); return; }
      }
    });
    mo.observe(document, { childList: true, subtree: true });
  };
  document.addEventListener('readystatechange', () => { if (document.readyState === 'interactive') watch(); }, { once: true });
  document.addEventListener('DOMContentLoaded', () => { b.dcl = performance.now(); }, { once: true });
})();`;

export interface ProbeResult {
  longtasks: [number, number][];
  firstMention: number | null;
  dclStart: number;
  mentions: number;
  marks: number;
  pageDone: boolean;
  /** First contentful paint, ms since navigation start (null if the page has not painted). */
  fcp: number | null;
  /** Paragraphs the live page managed to append in its 3 s (its own timers compete with the highlighter). */
  appended: number;
}

/** Read what the probe saw (cheap: it runs once, at the end, in every condition). */
export const PROBE_READ = `(() => {
  const b = window.__bench || { longtasks: [], firstMention: null };
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    longtasks: b.longtasks,
    firstMention: b.firstMention,
    dclStart: nav ? nav.domContentLoadedEventStart : (b.dcl ?? 0),
    mentions: document.getElementsByTagName('backstory-mention').length,
    marks: document.getElementsByTagName('mark').length,
    pageDone: !!window.__benchPageDone,
    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
    appended: (document.getElementById('feed') || { childElementCount: 0 }).childElementCount,
  };
})()`;

/** Poll target: is the page's own work over (the live page), and has a highlight appeared? */
export const PROBE_POLL = `(() => ({ done: !!window.__benchPageDone, first: (window.__bench || {}).firstMention ?? null }))()`;

/** mark.js, given its source: load it and highlight the names regex once; returns in-page ms and marks. */
export function markScript(markSource: string, source: string, flags: string): string {
  return `(() => {
  const t0 = performance.now();
  (0, eval)(${JSON.stringify(markSource)});
  let marks = 0;
  new window.Mark(document.body).markRegExp(new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}), { done: (n) => { marks = n; } });
  return { ms: performance.now() - t0, t0, marks };
})()`;
}

/** Compile the floor's regex ahead of the timed pass (and run it once so V8 has compiled it). */
export function floorPrepare(source: string, flags: string): string {
  return `(() => { window.__floorRe = new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}); window.__floorRe.test('Hitachi Rail'); window.__floorRe.lastIndex = 0; return true; })()`;
}

/** The floor: one TreeWalker pass over text nodes, one precompiled regex, no DOM writes. */
export const FLOOR_RUN = `(() => {
  const t0 = performance.now();
  const re = window.__floorRe;
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let hits = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const s = n.data;
    re.lastIndex = 0;
    while (re.exec(s)) hits++;
  }
  return { ms: performance.now() - t0, t0, hits };
})()`;
