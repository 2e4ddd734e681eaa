/**
 * What can be read in headless Firefox ESR over WebDriver BiDi (puppeteer-core): BiDi has no equivalent of
 * CDP's Performance.getMetrics or heap usage, and Firefox has no 'longtask' entries, so the extension's script
 * time, its long tasks and its heap cannot be read here. What can: the time from DOMContentLoaded to the first
 * and to the last highlight, the number of highlights, and in-page performance.now() timings of mark.js and of
 * the floor (Firefox rounds performance.now() to 1 ms).
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxPath } from '../browsers';
import { FIREFOX_UUID, GECKO_ID } from '../harness/firefox';
import type { BenchPage } from './pages';
import { FLOOR_RUN, floorPrepare, markScript, PROBE_INIT } from './probe';

export type FirefoxCondition = 'ext' | 'mark' | 'floor';

export interface FirefoxSample {
  page: string;
  round: number;
  condition: FirefoxCondition;
  /** ext: DOMContentLoaded to first highlight; mark, floor: in-page ms of the call. */
  firstHighlightMs?: number;
  /** ext: DOMContentLoaded to the last highlight written (the count stops changing). */
  lastHighlightMs?: number;
  inPageMs?: number;
  highlights: number;
  settled: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** Wait until the number of highlights (and the page's own work) has not changed for 1.5 s. */
async function settle(page: Page, selfTimed: boolean, needMention: boolean, timeoutMs = 90_000): Promise<{ settled: boolean; lastChange: number }> {
  let last = -1;
  let lastChange = 0;
  let stable = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const s = await page.evaluate(() => ({
      n: document.getElementsByTagName('backstory-mention').length,
      done: !!(window as unknown as { __benchPageDone?: boolean }).__benchPageDone,
      now: performance.now(),
    }));
    if (s.n !== last) {
      last = s.n;
      lastChange = s.now;
      stable = 0;
    } else if ((!selfTimed || s.done) && (!needMention || s.n > 0)) stable++;
    if (stable >= 6) return { settled: true, lastChange };
    await sleep(250);
  }
  return { settled: false, lastChange };
}

export interface FirefoxBench {
  version: string;
  measure(page: BenchPage, url: string, condition: FirefoxCondition, round: number): Promise<FirefoxSample>;
  close(): Promise<void>;
}

async function launch(dist?: string): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    protocol: 'webDriverBiDi',
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) },
  });
  if (dist) await browser.installExtension(dist);
  return browser;
}

export async function startFirefox(opts: { dist?: string; markSource: string; names: { source: string; flags: string } }): Promise<FirefoxBench> {
  const withExt = await launch(resolve(opts.dist ?? 'dist/firefox'));
  const without = await launch();
  const version = await withExt.version();
  const measure = async (bp: BenchPage, url: string, condition: FirefoxCondition, round: number): Promise<FirefoxSample> => {
    const page = await (condition === 'ext' ? withExt : without).newPage();
    try {
      await page.evaluateOnNewDocument(PROBE_INIT);
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      const base = { page: bp.id, round, condition };
      if (condition === 'ext') {
        const s = await settle(page, !!bp.selfTimed, true);
        const r = await page.evaluate(() => {
          const b = (window as unknown as { __bench?: { firstMention: number | null; dcl: number | null } }).__bench;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return { first: b?.firstMention ?? null, dcl: nav?.domContentLoadedEventStart ?? b?.dcl ?? 0, n: document.getElementsByTagName('backstory-mention').length };
        });
        return {
          ...base,
          firstHighlightMs: r.first === null ? undefined : r.first - r.dcl,
          lastHighlightMs: s.lastChange - r.dcl,
          highlights: r.n,
          settled: s.settled,
        };
      }
      const s = await settle(page, !!bp.selfTimed, false);
      const code = condition === 'mark' ? markScript(opts.markSource, opts.names.source, opts.names.flags) : (await page.evaluate(floorPrepare(opts.names.source, opts.names.flags)), FLOOR_RUN);
      const r = (await page.evaluate(code)) as { ms: number; marks?: number; hits?: number };
      return { ...base, inPageMs: r.ms, highlights: r.marks ?? r.hits ?? 0, settled: s.settled };
    } finally {
      await page.close();
    }
  };
  return {
    version,
    measure,
    close: async () => {
      await withExt.close();
      await without.close();
    },
  };
}
