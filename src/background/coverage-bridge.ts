/**
 * The background's door to related coverage, reading history, feeds and the knowledge refresh (issue 6):
 * one coverage engine per background instance (src/background/coverage/engine.ts), created at startup, and
 * the alarms that refresh feeds and knowledge on a schedule for the whole list, never per page.
 * Corrections ("Not this one?") are kept here too, locally, capped.
 */
import archive from '../archive/coverage.json';
import type { CoverageLine } from '../core/card';
import { readSettings, SETTINGS_KEY } from '../core/settings';
import type { PageReport } from '../messaging/contract';
import { browser } from '../platform/browser';
import { ALARMS, createEngine, type Engine } from './coverage/engine';
import { bundledKnowledge, setKnowledge } from './knowledge';

const CORRECTIONS_KEY = 'corrections';
const MAX_CORRECTIONS = 1000;

export interface Correction {
  entity: string;
  url: string;
  text: string;
  at: string;
}

let enginePromise: Promise<Engine> | null = null;

/** storage.local key read by development builds only: endpoints on 127.0.0.1 for the end-to-end tests. */
export const DEV_ENDPOINTS_KEY = 'devEndpoints';
const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1(:\d{1,5})?\//;

export interface DevEndpoints {
  sparql?: string;
  feedTimeoutMs?: number;
}

/** What a development build accepts from storage: only http://127.0.0.1 URLs and a sane timeout; else nothing. */
export function readDevEndpoints(raw: unknown): DevEndpoints {
  const out: DevEndpoints = {};
  if (typeof raw !== 'object' || raw === null) return out;
  const { sparql, feedTimeoutMs } = raw as Record<string, unknown>;
  if (typeof sparql === 'string' && sparql.length <= 2048 && LOOPBACK_URL.test(sparql)) out.sparql = sparql;
  if (typeof feedTimeoutMs === 'number' && Number.isInteger(feedTimeoutMs) && feedTimeoutMs >= 100 && feedTimeoutMs <= 60_000) {
    out.feedTimeoutMs = feedTimeoutMs;
  }
  return out;
}

async function createBackgroundEngine(): Promise<Engine> {
  // Store builds never read the switch (the constant folds the branch away).
  const dev = __BACKSTORY_DEV__ ? readDevEndpoints((await browser.storage.local.get(DEV_ENDPOINTS_KEY))[DEV_ENDPOINTS_KEY]) : {};
  return createEngine({
    bundled: bundledKnowledge(),
    archive,
    settings: async () => readSettings((await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]).settings,
    onKnowledge: (k) => setKnowledge(k),
    ...(dev.sparql ? { sparqlEndpoint: dev.sparql } : {}),
    ...(dev.feedTimeoutMs ? { feedTimeoutMs: dev.feedTimeoutMs } : {}),
  });
}

/** The engine, created on first use (every background start). */
export function engine(): Promise<Engine> {
  enginePromise ??= createBackgroundEngine();
  return enginePromise;
}

/** Wire the schedule and the settings: call once at the background's top level. */
export function initCoverage(): void {
  const schedule = (): void => {
    void browser.alarms.create(ALARMS.feeds.name, { periodInMinutes: ALARMS.feeds.periodInMinutes, delayInMinutes: ALARMS.feeds.delayInMinutes });
    void browser.alarms.create(ALARMS.knowledge.name, {
      periodInMinutes: ALARMS.knowledge.periodInMinutes,
      delayInMinutes: ALARMS.knowledge.delayInMinutes,
    });
  };
  browser.runtime.onInstalled.addListener(schedule);
  browser.runtime.onStartup.addListener(schedule);
  browser.alarms.onAlarm.addListener(async (alarm) => {
    await (await engine()).onAlarm(alarm.name);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && changes[SETTINGS_KEY]) void engine().then((e) => e.settingsChanged());
    if (__BACKSTORY_DEV__ && area === 'local' && changes[DEV_ENDPOINTS_KEY]) {
      // Development builds: new endpoints take effect at once (a new engine over the same stored index).
      const previous = enginePromise;
      enginePromise = (previous ?? Promise.resolve(null)).catch(() => null).then(() => createBackgroundEngine());
    }
  });
  void engine();
}

export async function recordCorrection(entity: string, url: string, text: string): Promise<void> {
  const got = await browser.storage.local.get(CORRECTIONS_KEY);
  const list = Array.isArray(got[CORRECTIONS_KEY]) ? (got[CORRECTIONS_KEY] as Correction[]) : [];
  list.push({ entity, url, text, at: new Date().toISOString() });
  await browser.storage.local.set({ [CORRECTIONS_KEY]: list.slice(-MAX_CORRECTIONS) });
}

/** Related earlier coverage for a card: up to 5, before the article's date, without the page itself. */
export async function coverageFor(entity: string, page: { url: string; date: string; entities: string[] }): Promise<CoverageLine[]> {
  return (await engine()).related(entity, page, { limit: 5 });
}

export async function newestCoverage(entity: string, date: string): Promise<CoverageLine | null> {
  return (await engine()).newest(entity, date);
}

export async function recordVisit(report: PageReport): Promise<void> {
  await (await engine()).recordVisit({ url: report.url, title: report.title, date: report.date, entities: report.entities.map((e) => ({ entity: e.entity })) });
}
