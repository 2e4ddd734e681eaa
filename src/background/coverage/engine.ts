/**
 * One object the background service worker creates at startup that owns the coverage index, the feed
 * refresh and the knowledge refresh, and exposes exactly what the message handlers and alarms need.
 * See /work/notes/coverage-api.md for the wiring.
 *
 * Privacy: `related`, `recordRead` and the history functions are local only. The only network activity
 * is `onAlarm` / `refreshFeeds` / `refreshKnowledge`, for the whole feed list and the whole office list.
 */
import type { CoverageLine } from '../../core/card';
import { validateArchive, type ArchiveError } from '../../core/coverage/archive';
import { canonicalUrl, outletForUrl } from '../../core/coverage/canonical';
import { dedupeByCanonical } from '../../core/coverage/query';
import type { ArticleContext, RelatedQuery } from '../../core/coverage/query';
import type { Knowledge } from '../../core/knowledge/compile';
import { KnowledgeBase } from '../../core/knowledge/query';
import { DEFAULT_FEED_URLS } from '../feeds/defaults';
import { feedDetector, type FeedDetector } from '../feeds/detect';
import { createFeedService, type FeedResult, type FeedService, type FeedStatus } from '../feeds/service';
import { createKnowledgeRefresh, type KnowledgeRefresh, type KnowledgeRefreshStatus, type RefreshResult } from '../knowledge-refresh/service';
import {
  createCoverageService,
  toCoverageLine,
  type CoverageService,
  type CoverageStats,
  type HistoryEntry,
  type ReadInput,
  type SeedResult,
} from './service';
import { openCoverageStore } from './store';

/** chrome.alarms to create (browser.alarms.create(name, { periodInMinutes, delayInMinutes })). */
export const ALARMS = {
  /** Feeds a few times a day. */
  feeds: { name: 'backstory-feeds', periodInMinutes: 360, delayInMinutes: 1 },
  /** Checked daily; the refresh itself runs only when a week has passed since the last good one. */
  knowledge: { name: 'backstory-knowledge', periodInMinutes: 1440, delayInMinutes: 2 },
} as const;

/** The settings this engine reads (a subset of src/core/settings.ts Settings). */
export interface EngineSettings {
  history: boolean;
  knowledgeRefresh: boolean;
  /** null = the default list. */
  feeds: string[] | null;
}

export interface EngineOptions {
  bundled: Knowledge;
  /** The raw bundled archive (src/archive/coverage.json); validated before seeding. */
  archive: unknown;
  /** Current settings, read on every call that depends on them. */
  settings: () => Promise<EngineSettings> | EngineSettings;
  /** Called whenever the knowledge served changes (after a refresh or a reset). */
  onKnowledge?: (k: Knowledge) => void;
  /** IndexedDB factory (tests); null forces memory. */
  indexedDB?: IDBFactory | null;
  now?: () => number;
  /** Wikidata endpoint override (end-to-end tests on 127.0.0.1). */
  sparqlEndpoint?: string;
  /** Feed fetch timeout override (end-to-end tests with a slow feed); default 20 s. */
  feedTimeoutMs?: number;
}

/** A related story as the card and the popup show it (one definition, in src/core/card.ts). */
export type { CoverageLine };

/** What the content script reports about a page (the shape of messaging's PageReport, structurally). */
export interface VisitReport {
  url: string;
  title: string;
  /** The article's date, YYYY-MM-DD. */
  date: string;
  entities: readonly { entity: string }[];
  /** The outlet's name when known; else derived from the host name. */
  outlet?: string;
}

export interface FeedStatusView extends FeedStatus {
  isDefault: boolean;
}

export interface Engine {
  coverage: CoverageService;
  feeds: FeedService;
  knowledge: KnowledgeRefresh;
  /** The archive seeding result, or the archive's problems when it is invalid. */
  seed: SeedResult | { error: string };
  /** Card/popup: related coverage for one entity of the page. */
  related(entity: string, article: ArticleContext, query?: RelatedQuery): Promise<CoverageLine[]>;
  /** Popup: the newest story about an entity published on or before a date (not the page itself). */
  newest(entity: string, date: string, excludeUrl?: string): Promise<CoverageLine | null>;
  /** Content script reported an opened article with mentions; recorded only when settings.history. */
  recordRead(input: ReadInput): Promise<boolean>;
  /** Same, from a page report ({url, title, date, entities: [{entity}]}). */
  recordVisit(report: VisitReport): Promise<boolean>;
  history(): Promise<HistoryEntry[]>;
  exportHistory(): Promise<string>;
  clearHistory(): Promise<number>;
  refreshFeeds(force?: boolean): Promise<FeedResult[]>;
  feedStatuses(): Promise<FeedStatusView[]>;
  refreshKnowledge(force?: boolean): Promise<RefreshResult>;
  knowledgeStatus(): Promise<KnowledgeRefreshStatus & { enabled: boolean }>;
  /** Call after settings change (knowledgeRefresh off -> back to the bundled knowledge). */
  settingsChanged(): Promise<void>;
  /** chrome.alarms.onAlarm handler. Returns false for alarms that are not ours. */
  onAlarm(name: string): Promise<boolean>;
  stats(): Promise<CoverageStats>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const now = options.now ?? (() => Date.now());
  const opened = await openCoverageStore(options.indexedDB === undefined ? {} : { factory: options.indexedDB });
  const store = opened.store;
  await store.repair().catch(() => 0);
  const coverage = createCoverageService({ store, fallbackReason: opened.fallbackReason, now });

  let seed: SeedResult | { error: string };
  try {
    seed = await coverage.seedArchive(validateArchive(options.archive));
  } catch (e) {
    seed = { error: (e as ArchiveError).message ?? String(e) };
  }

  let detector: FeedDetector = feedDetector(new KnowledgeBase(options.bundled));
  const knowledge = createKnowledgeRefresh({
    bundled: options.bundled,
    meta: store,
    now,
    ...(options.sparqlEndpoint ? { endpoint: options.sparqlEndpoint } : {}),
    onChange: (k) => {
      detector = feedDetector(new KnowledgeBase(k));
      options.onKnowledge?.(k);
    },
  });
  const settings = async () => options.settings();
  if ((await settings()).knowledgeRefresh) await knowledge.init();

  const feeds = createFeedService({
    meta: store,
    addItems: (items) => coverage.addFeedItems(items),
    detect: (text, date) => detector.detect(text, date),
    isCore: (id) => detector.isCore(id),
    now,
    ...(options.feedTimeoutMs ? { timeoutMs: options.feedTimeoutMs } : {}),
  });
  const feedList = async () => (await settings()).feeds ?? [...DEFAULT_FEED_URLS];

  const engine: Engine = {
    coverage,
    feeds,
    knowledge,
    seed,
    async related(entity, article, query) {
      return (await coverage.related(entity, article, query)).map(toCoverageLine);
    },
    async newest(entity, date, excludeUrl) {
      const self = excludeUrl ? canonicalUrl(excludeUrl) : null;
      const best = dedupeByCanonical(await store.byEntity(entity))
        .filter((i) => i.published <= date && i.canonicalUrl !== self)
        .sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.title.localeCompare(b.title)))[0];
      if (!best) return null;
      return toCoverageLine({ ...best, origins: [], shared: 0, later: false });
    },
    async recordRead(input) {
      if (!(await settings()).history) return false;
      return (await coverage.recordRead(input)) !== null;
    },
    async recordVisit(report) {
      if (!report || typeof report.url !== 'string' || !Array.isArray(report.entities)) return false;
      return engine.recordRead({
        url: report.url,
        title: report.title,
        outlet: report.outlet ?? outletForUrl(report.url),
        published: report.date,
        entities: [...new Set(report.entities.map((e) => e.entity))],
      });
    },
    history: () => coverage.history(),
    exportHistory: () => coverage.exportHistory(),
    clearHistory: () => coverage.clearHistory(),
    async refreshFeeds(force = false) {
      return feeds.refresh(await feedList(), { force });
    },
    async feedStatuses() {
      const defaults = new Set(DEFAULT_FEED_URLS);
      return (await feeds.statuses(await feedList())).map((s) => ({ ...s, isDefault: defaults.has(s.url) }));
    },
    async refreshKnowledge(force = false) {
      if (!(await settings()).knowledgeRefresh) {
        return { ok: false, error: 'the knowledge refresh is switched off', changed: false, knowledgeAsOf: knowledge.knowledgeAsOf() };
      }
      return knowledge.refresh({ force });
    },
    async knowledgeStatus() {
      return { ...(await knowledge.status()), enabled: (await settings()).knowledgeRefresh };
    },
    async settingsChanged() {
      const s = await settings();
      if (!s.knowledgeRefresh) await knowledge.reset();
      else await knowledge.init();
    },
    async onAlarm(name) {
      if (name === ALARMS.feeds.name) {
        await engine.refreshFeeds(false);
        return true;
      }
      if (name === ALARMS.knowledge.name) {
        await engine.refreshKnowledge(false);
        return true;
      }
      return false;
    },
    stats: () => coverage.stats(),
  };
  return engine;
}
