/**
 * The weekly knowledge refresh. On a schedule (and on "refresh now" in the options) it asks Wikidata's
 * query service who held the knowledge base's offices, validates the answer and merges it over the
 * bundled knowledge (see merge.ts). When the fetch fails or the answer is invalid the last good
 * knowledge stays. The last good answer (normalised statements + fetch date) is kept in storage and
 * merged again over the bundled data at startup, so an extension update with newer bundled data wins
 * where it should.
 *
 * Privacy: one request for the whole office list, on a schedule; nothing depends on what the reader reads.
 */
import type { KnowledgeRefreshResult } from '../../messaging/responses';
import * as v from 'valibot';
import type { Knowledge } from '../../core/knowledge/compile';
import { fetchCapped } from '../net';
import { mergeWikidata, type MergeResult, type TenureOrigin } from './merge';
import { HolderStatementSchema, holdersQueryUrl, MAX_STATEMENTS, parseHoldersAnswer, type HolderStatement } from './sparql';

export const KNOWLEDGE_FETCH = {
  timeoutMs: 30_000,
  maxBytes: 4 * 1024 * 1024,
  accept: ['application/sparql-results+json', 'application/json'],
} as const;

/** A refresh is due a week after the last good one; after a failure, retry after 1 h, 2 h, ... 1 day. */
export const REFRESH_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;
export const RETRY_BASE_MS = 60 * 60 * 1000;
export const RETRY_MAX_MS = 24 * 60 * 60 * 1000;
export const KNOWLEDGE_REFRESH_KEY = 'knowledgeRefresh';

const StoredSchema = v.object({
  version: v.literal(1),
  /** YYYY-MM-DD of the last good answer (null: never). */
  fetchedAt: v.nullable(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
  statements: v.pipe(v.array(HolderStatementSchema), v.maxLength(MAX_STATEMENTS)),
  lastAttemptAt: v.nullable(v.number()),
  lastOkAt: v.nullable(v.number()),
  lastError: v.nullable(v.pipe(v.string(), v.maxLength(300))),
  failures: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
type Stored = v.InferOutput<typeof StoredSchema>;

export interface MetaStore {
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
}

export interface KnowledgeRefreshStatus {
  /** `wikidata` once a good answer has been merged, else `bundled`. */
  source: 'bundled' | 'wikidata';
  knowledgeAsOf: string;
  fetchedAt: string | null;
  lastAttemptAt: number | null;
  lastOkAt: number | null;
  lastError: string | null;
  failures: number;
  /** When the next scheduled refresh may run (epoch ms). */
  nextDueAt: number;
  tenuresFromWikidata: number;
  peopleFromWikidata: number;
  conflicts: string[];
}

/** The refresh's outcome; the message contract's KnowledgeRefreshResult is the one definition. */
export type RefreshResult = KnowledgeRefreshResult;

export interface KnowledgeRefreshOptions {
  bundled: Knowledge;
  meta: MetaStore;
  now?: () => number;
  /** Fetch the answer's text; defaults to fetchCapped with KNOWLEDGE_FETCH limits. */
  fetchText?: (url: string) => Promise<string>;
  /** The SPARQL endpoint (default query.wikidata.org); end-to-end tests point it at 127.0.0.1. */
  endpoint?: string;
  /** Called with the new knowledge whenever it changes (rebuild the KnowledgeBase / detector). */
  onChange?: (knowledge: Knowledge) => void;
}

export interface KnowledgeRefresh {
  /** Load the last good answer from storage and merge it over the bundled knowledge. Call at startup. */
  init(): Promise<Knowledge>;
  /** Refresh if due (weekly) or forced ("refresh now"). Never throws. */
  refresh(options?: { force?: boolean }): Promise<RefreshResult>;
  current(): Knowledge;
  knowledgeAsOf(): string;
  origins(): TenureOrigin[];
  status(): Promise<KnowledgeRefreshStatus>;
  /** Forget what came from Wikidata and serve the bundled knowledge (refresh switched off). */
  reset(): Promise<Knowledge>;
}

const emptyStored = (): Stored => ({
  version: 1,
  fetchedAt: null,
  statements: [],
  lastAttemptAt: null,
  lastOkAt: null,
  lastError: null,
  failures: 0,
});

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function officeQids(k: Knowledge): string[] {
  return k.offices.flatMap((o) => (o.wikidata ? [o.wikidata] : []));
}

export function createKnowledgeRefresh(options: KnowledgeRefreshOptions): KnowledgeRefresh {
  const now = options.now ?? (() => Date.now());
  const fetchText = options.fetchText ?? (async (url: string) => (await fetchCapped(url, KNOWLEDGE_FETCH)).text);
  let served: Knowledge = options.bundled;
  let merge: MergeResult | null = null;
  let stored: Stored = emptyStored();
  let running: Promise<RefreshResult> | null = null;

  async function load(): Promise<Stored> {
    const raw = await options.meta.getMeta(KNOWLEDGE_REFRESH_KEY).catch(() => undefined);
    const r = v.safeParse(StoredSchema, raw);
    return r.success ? r.output : emptyStored();
  }

  async function save(): Promise<void> {
    await options.meta.setMeta(KNOWLEDGE_REFRESH_KEY, stored).catch(() => undefined);
  }

  function serve(k: Knowledge, m: MergeResult | null): boolean {
    const changed = JSON.stringify(k) !== JSON.stringify(served);
    served = k;
    merge = m;
    if (changed) options.onChange?.(k);
    return changed;
  }

  function retryDelay(failures: number): number {
    return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
  }

  function nextDueAt(): number {
    const afterOk = stored.lastOkAt === null ? 0 : stored.lastOkAt + REFRESH_INTERVAL_MS;
    const afterFail = stored.failures > 0 && stored.lastAttemptAt !== null ? stored.lastAttemptAt + retryDelay(stored.failures) : 0;
    return Math.max(afterOk, afterFail);
  }

  async function run(force: boolean): Promise<RefreshResult> {
    const t = now();
    if (!force && t < nextDueAt()) return { ok: true, skipped: true, changed: false, knowledgeAsOf: served.meta.knowledgeAsOf };
    const qids = officeQids(options.bundled);
    if (qids.length === 0) {
      return { ok: false, error: 'no office in the knowledge base has a Wikidata id', changed: false, knowledgeAsOf: served.meta.knowledgeAsOf };
    }
    stored.lastAttemptAt = t;
    try {
      const text = await fetchText(holdersQueryUrl(qids, options.endpoint));
      const { statements } = parseHoldersAnswer(text, qids);
      const fetchedAt = isoDay(now());
      const m = mergeWikidata(options.bundled, statements, fetchedAt);
      stored = { ...stored, fetchedAt, statements, lastOkAt: now(), lastError: null, failures: 0 };
      await save();
      const changed = serve(m.knowledge, m);
      return { ok: true, changed, knowledgeAsOf: served.meta.knowledgeAsOf };
    } catch (e) {
      // Keep the last good knowledge; remember the error for the options page.
      stored.failures += 1;
      stored.lastError = (e instanceof Error ? e.message : String(e)).slice(0, 300);
      await save();
      return { ok: false, error: stored.lastError, changed: false, knowledgeAsOf: served.meta.knowledgeAsOf };
    }
  }

  return {
    async init() {
      stored = await load();
      if (stored.fetchedAt && stored.statements.length) {
        try {
          const m = mergeWikidata(options.bundled, stored.statements as HolderStatement[], stored.fetchedAt);
          serve(m.knowledge, m);
        } catch {
          // The stored answer no longer merges cleanly over this bundled version: serve the bundled data.
          serve(options.bundled, null);
        }
      } else {
        serve(options.bundled, null);
      }
      return served;
    },
    refresh(opts = {}) {
      if (!running) {
        running = run(opts.force ?? false).finally(() => {
          running = null;
        });
      }
      return running;
    },
    current: () => served,
    knowledgeAsOf: () => served.meta.knowledgeAsOf,
    origins: () => merge?.origins ?? [],
    async status() {
      return {
        source: merge ? 'wikidata' : 'bundled',
        knowledgeAsOf: served.meta.knowledgeAsOf,
        fetchedAt: stored.fetchedAt,
        lastAttemptAt: stored.lastAttemptAt,
        lastOkAt: stored.lastOkAt,
        lastError: stored.lastError,
        failures: stored.failures,
        nextDueAt: nextDueAt(),
        tenuresFromWikidata: merge?.origins.filter((o) => o.origin === 'wikidata').length ?? 0,
        peopleFromWikidata: merge?.addedPeople.length ?? 0,
        conflicts: merge?.conflicts ?? [],
      };
    },
    async reset() {
      stored = emptyStored();
      await save();
      serve(options.bundled, null);
      return served;
    },
  };
}
