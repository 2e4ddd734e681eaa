/**
 * Feed refresh: on a schedule (an alarm, a few times a day) and on "refresh now", fetch every feed of the
 * list, parse it, run the detection engine on each item's title and summary, and keep the items that
 * mention a core entity in the coverage index.
 *
 * Each feed is independent: a broken one records its error (shown in the options) and backs off
 * exponentially; the others carry on. Requests go through fetchCapped only, for the whole list, never
 * for anything the reader reads.
 */
import type { FeedRefreshResult } from '../../messaging/responses';
import * as v from 'valibot';
import { canonicalUrl, isHttpUrl } from '../../core/coverage/canonical';
import type { CoverageItem } from '../../core/coverage/schema';
import { fetchCapped, NetError } from '../net';
import { outletFor } from './defaults';
import { FeedParseError, parseFeedText } from './parse';

export const FEED_FETCH = {
  timeoutMs: 20_000,
  maxBytes: 2 * 1024 * 1024,
  accept: [
    'application/rss+xml',
    'application/atom+xml',
    'application/rdf+xml',
    'application/xml',
    'text/xml',
    'application/x-rss+xml',
  ],
} as const;

/** Backoff after consecutive failures: 1 h, 2 h, 4 h ... at most 2 days. */
export const BACKOFF_BASE_MS = 60 * 60 * 1000;
export const BACKOFF_MAX_MS = 48 * 60 * 60 * 1000;
export const MAX_FEEDS = 100;
export const FEED_STATUS_KEY = 'feedStatus';

export function backoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
}

const TimestampOrNull = v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)));
export const FeedStatusSchema = v.object({
  url: v.string(),
  lastAttemptAt: TimestampOrNull,
  lastOkAt: TimestampOrNull,
  lastError: v.nullable(v.pipe(v.string(), v.maxLength(300))),
  failures: v.pipe(v.number(), v.integer(), v.minValue(0)),
  nextAttemptAt: TimestampOrNull,
  /** Items in the feed at the last successful fetch. */
  lastItems: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Of those, how many mention a core entity (stored in the index). */
  lastMatches: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type FeedStatus = v.InferOutput<typeof FeedStatusSchema>;

/** Where statuses are kept (the coverage store's meta store implements it). */
export interface MetaStore {
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
}

export interface FeedServiceOptions {
  meta: MetaStore;
  /** Stores feed items in the index (CoverageService.addFeedItems). */
  addItems: (items: CoverageItem[]) => Promise<unknown>;
  /** Entity ids mentioned in a text on a date (the detection engine). */
  detect: (text: string, date: string) => string[];
  /** Only items naming at least one such entity are kept (default: every entity detect returns). */
  isCore?: (entityId: string) => boolean;
  now?: () => number;
  /** Fetch a feed's text; defaults to fetchCapped with FEED_FETCH limits. */
  fetchText?: (url: string) => Promise<string>;
  /** Override FEED_FETCH's timeout (tests with a slow server). */
  timeoutMs?: number;
  /** Feeds fetched at once. */
  concurrency?: number;
}

/** One feed's outcome; the message contract's FeedRefreshResult is the one definition. */
export type FeedResult = FeedRefreshResult;

export interface FeedService {
  /** Refresh every feed of the list that is not backing off (all of them with force). */
  refresh(feedUrls: readonly string[], options?: { force?: boolean }): Promise<FeedResult[]>;
  /** Status of each feed of the list, for the options page. */
  statuses(feedUrls: readonly string[]): Promise<FeedStatus[]>;
}

function emptyStatus(url: string): FeedStatus {
  return { url, lastAttemptAt: null, lastOkAt: null, lastError: null, failures: 0, nextAttemptAt: null, lastItems: 0, lastMatches: 0 };
}


function describeError(e: unknown): string {
  if (e instanceof NetError || e instanceof FeedParseError) return e.message.slice(0, 300);
  return `unexpected error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300);
}

/** The feed list as given by settings, cleaned: http(s) only, no duplicates, at most MAX_FEEDS. */
export function cleanFeedList(urls: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    if (typeof u !== 'string' || u.length > 2048 || !isHttpUrl(u.trim())) continue;
    const url = u.trim();
    if (!out.includes(url)) out.push(url);
    if (out.length >= MAX_FEEDS) break;
  }
  return out;
}

export function createFeedService(options: FeedServiceOptions): FeedService {
  const now = options.now ?? (() => Date.now());
  const limits = { ...FEED_FETCH, timeoutMs: options.timeoutMs ?? FEED_FETCH.timeoutMs };
  const fetchText = options.fetchText ?? (async (url: string) => (await fetchCapped(url, limits)).text);
  const isCore = options.isCore ?? (() => true);
  const concurrency = Math.max(1, options.concurrency ?? 3);
  let running: Promise<FeedResult[]> | null = null;

  async function loadStatuses(): Promise<Map<string, FeedStatus>> {
    const raw = await options.meta.getMeta(FEED_STATUS_KEY).catch(() => undefined);
    const map = new Map<string, FeedStatus>();
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [url, s] of Object.entries(raw as Record<string, unknown>)) {
        const r = v.safeParse(FeedStatusSchema, s);
        if (r.success && r.output.url === url) map.set(url, r.output);
      }
    }
    return map;
  }

  async function saveStatuses(map: Map<string, FeedStatus>, keep: readonly string[]): Promise<void> {
    const obj: Record<string, FeedStatus> = {};
    for (const url of keep) {
      const s = map.get(url);
      if (s) obj[url] = s;
    }
    await options.meta.setMeta(FEED_STATUS_KEY, obj);
  }

  function toItems(feedUrl: string, feedTitle: string | null, entries: ReturnType<typeof parseFeedText>['entries'], t: number): CoverageItem[] {
    const outlet = outletFor(feedUrl, feedTitle);
    const items: CoverageItem[] = [];
    for (const e of entries) {
      let ids: string[];
      try {
        ids = options.detect(`${e.title}\n${e.summary}`, e.published);
      } catch {
        continue;
      }
      const entities = [...new Set(ids)].filter((id) => typeof id === 'string' && isCore(id));
      const key = canonicalUrl(e.url);
      if (entities.length === 0 || !key) continue;
      items.push({
        url: e.url,
        canonicalUrl: key,
        title: e.title,
        outlet,
        published: e.published,
        entities: entities.slice(0, 64),
        origin: 'feed',
        origins: ['feed'],
        feedUrl,
        addedAt: t,
      });
    }
    return items;
  }

  async function refreshOne(url: string, status: FeedStatus, force: boolean): Promise<FeedResult> {
    const t = now();
    if (!force && status.nextAttemptAt !== null && t < status.nextAttemptAt) {
      return { url, ok: false, skipped: true, error: status.lastError ?? undefined };
    }
    status.lastAttemptAt = t;
    try {
      const parsed = parseFeedText(await fetchText(url));
      const items = toItems(url, parsed.title, parsed.entries, now());
      if (items.length) await options.addItems(items);
      status.lastOkAt = now();
      status.lastError = null;
      status.failures = 0;
      status.nextAttemptAt = null;
      status.lastItems = parsed.entries.length;
      status.lastMatches = items.length;
      return { url, ok: true, items: parsed.entries.length, matches: items.length };
    } catch (e) {
      status.failures += 1;
      status.lastError = describeError(e);
      status.nextAttemptAt = now() + backoffMs(status.failures);
      return { url, ok: false, error: status.lastError };
    }
  }

  async function run(feedUrls: readonly string[], force: boolean): Promise<FeedResult[]> {
    const list = cleanFeedList(feedUrls);
    const statuses = await loadStatuses();
    const results: FeedResult[] = new Array(list.length);
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const i = next++;
        const url = list[i]!;
        const status = statuses.get(url) ?? emptyStatus(url);
        statuses.set(url, status);
        results[i] = await refreshOne(url, status, force);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
    await saveStatuses(statuses, list);
    return results;
  }

  return {
    refresh(feedUrls, opts = {}) {
      // One refresh at a time: an alarm firing during "refresh now" joins the running one.
      if (!running) {
        running = run(feedUrls, opts.force ?? false).finally(() => {
          running = null;
        });
      }
      return running;
    },
    async statuses(feedUrls) {
      const map = await loadStatuses();
      return cleanFeedList(feedUrls).map((url) => map.get(url) ?? emptyStatus(url));
    },
  };
}
