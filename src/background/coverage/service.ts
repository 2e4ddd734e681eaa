/**
 * The coverage service the background wires in: seeding from the bundled archive, related coverage for a
 * card, the reading history (record, list, export, clear) and the entry point for feed items.
 *
 * Nothing here touches the network: recording what the reader opens and answering card queries are
 * purely local (a test asserts no request is made).
 */
import type { CoverageLine } from '../../core/card';
import * as v from 'valibot';
import { archiveToItems, archiveVersion, type Archive } from '../../core/coverage/archive';
import { canonicalUrl } from '../../core/coverage/canonical';
import { relatedCoverage, type ArticleContext, type RelatedItem, type RelatedQuery } from '../../core/coverage/query';
import {
  CoverageItemSchema,
  HttpUrlSchema,
  LIMITS,
  originsOf,
  strongestOrigin,
  type CoverageItem,
} from '../../core/coverage/schema';
import { IdSchema, IsoDateSchema } from '../../core/knowledge/schema';
import type { CoverageStore } from './store';

/** Default size limit of the index (records). Only feed items are ever evicted to respect it. */
export const DEFAULT_MAX_ITEMS = 5000;
export const ARCHIVE_VERSION_KEY = 'archiveVersion';

/** What the background knows about a page the reader opened (validated: it comes from a content script). */
export const ReadInputSchema = v.object({
  url: HttpUrlSchema,
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.transform((s) => s.slice(0, LIMITS.titleLength))),
  outlet: v.pipe(v.string(), v.trim(), v.minLength(1), v.transform((s) => s.slice(0, LIMITS.outletLength))),
  published: IsoDateSchema,
  entities: v.pipe(v.array(IdSchema), v.minLength(1), v.maxLength(LIMITS.entitiesPerItem)),
});
export type ReadInput = v.InferInput<typeof ReadInputSchema>;

export const ArticleContextSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(LIMITS.urlLength)),
  date: IsoDateSchema,
  entities: v.pipe(v.array(IdSchema), v.maxLength(LIMITS.entitiesPerItem)),
});

export interface HistoryEntry {
  url: string;
  title: string;
  outlet: string;
  published: string;
  entities: string[];
  /** ISO 8601 timestamp. */
  readAt: string;
}

export interface HistoryExport {
  format: 'backstory-reading-history';
  version: 1;
  exportedAt: string;
  items: HistoryEntry[];
}

export interface CoverageStats {
  storage: 'indexeddb' | 'memory';
  fallbackReason?: string;
  items: number;
  byOrigin: { archive: number; feed: number; history: number };
  archiveVersion: string | null;
  maxItems: number;
}

export interface CoverageServiceOptions {
  store: CoverageStore;
  /** Why the store is in memory (from openCoverageStore), shown in the options. */
  fallbackReason?: string;
  now?: () => number;
  maxItems?: number;
}

export interface SeedResult {
  seeded: boolean;
  version: string;
  items: number;
}

export interface CoverageService {
  readonly store: CoverageStore;
  /** Load the bundled archive into the index; does nothing when this archive version is already in. */
  seedArchive(archive: Archive): Promise<SeedResult>;
  /** Related coverage for one entity of the page being read (see core/coverage/query.ts). */
  related(entity: string, article: ArticleContext, query?: RelatedQuery): Promise<RelatedItem[]>;
  /** Record that the reader opened an article with mentions. Returns null when the input is unusable. */
  recordRead(input: ReadInput): Promise<CoverageItem | null>;
  history(): Promise<HistoryEntry[]>;
  exportHistory(): Promise<string>;
  /** Forget the reading history (items also known from the archive or a feed stay, without readAt). */
  clearHistory(): Promise<number>;
  /** Store items found in feeds and apply the size limit. */
  addFeedItems(items: readonly CoverageItem[]): Promise<{ stored: number; evicted: number }>;
  stats(): Promise<CoverageStats>;
}

function toHistoryEntry(item: CoverageItem): HistoryEntry {
  return {
    url: item.url,
    title: item.title,
    outlet: item.outlet,
    published: item.published,
    entities: [...item.entities],
    readAt: new Date(item.readAt ?? item.addedAt).toISOString(),
  };
}

/** Shape a result for the card's CoverageLine (src/core/card.ts). */
export function toCoverageLine(item: RelatedItem): CoverageLine {
  const line: { url: string; title: string; outlet: string; published: string; readAt?: string } = {
    url: item.url,
    title: item.title,
    outlet: item.outlet,
    published: item.published,
  };
  if (item.readAt !== undefined) line.readAt = new Date(item.readAt).toISOString();
  return line;
}

export function createCoverageService(options: CoverageServiceOptions): CoverageService {
  const { store } = options;
  const now = options.now ?? (() => Date.now());
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;

  async function withoutOrigin(item: CoverageItem, drop: 'archive' | 'history'): Promise<'deleted' | CoverageItem> {
    const origins = originsOf(item).filter((o) => o !== drop);
    if (origins.length === 0) return 'deleted';
    const next: CoverageItem = { ...item, origins, origin: strongestOrigin(origins) };
    if (drop === 'history') delete next.readAt;
    return next;
  }

  return {
    store,

    async seedArchive(archive) {
      const version = archiveVersion(archive);
      if ((await store.getMeta(ARCHIVE_VERSION_KEY)) === version) return { seeded: false, version, items: archive.items.length };
      const items = archiveToItems(archive, now());
      const keys = new Set(items.map((i) => i.canonicalUrl));
      // Stories dropped from a newer archive lose their archive origin (and go, unless read or in a feed).
      const stale = (await store.all()).filter((i) => originsOf(i).includes('archive') && !keys.has(i.canonicalUrl));
      const remove: string[] = [];
      const keep: CoverageItem[] = [];
      for (const item of stale) {
        const next = await withoutOrigin(item, 'archive');
        if (next === 'deleted') remove.push(item.canonicalUrl);
        else keep.push(next);
      }
      if (remove.length) await store.delete(remove);
      if (keep.length) await store.put(keep);
      await store.upsert(items);
      await store.setMeta(ARCHIVE_VERSION_KEY, version);
      return { seeded: true, version, items: items.length };
    },

    async related(entity, article, query = {}) {
      if (!v.is(IdSchema, entity) || !v.is(ArticleContextSchema, article)) return [];
      return relatedCoverage(await store.byEntity(entity), entity, article, query);
    },

    async recordRead(raw) {
      const r = v.safeParse(ReadInputSchema, raw);
      if (!r.success) return null;
      const key = canonicalUrl(r.output.url);
      if (!key) return null;
      const t = now();
      const item: CoverageItem = {
        url: r.output.url,
        canonicalUrl: key,
        title: r.output.title,
        outlet: r.output.outlet,
        published: r.output.published,
        entities: [...new Set(r.output.entities)],
        origin: 'history',
        origins: ['history'],
        addedAt: t,
        readAt: t,
      };
      if (!v.is(CoverageItemSchema, item)) return null;
      const [stored] = await store.upsert([item]);
      return stored ?? null;
    },

    async history() {
      return (await store.all())
        .filter((i) => originsOf(i).includes('history'))
        .sort((a, b) => (b.readAt ?? 0) - (a.readAt ?? 0))
        .map(toHistoryEntry);
    },

    async exportHistory() {
      const doc: HistoryExport = {
        format: 'backstory-reading-history',
        version: 1,
        exportedAt: new Date(now()).toISOString(),
        items: await this.history(),
      };
      return JSON.stringify(doc, null, 2);
    },

    async clearHistory() {
      const read = (await store.all()).filter((i) => originsOf(i).includes('history'));
      const remove: string[] = [];
      const keep: CoverageItem[] = [];
      for (const item of read) {
        const next = await withoutOrigin(item, 'history');
        if (next === 'deleted') remove.push(item.canonicalUrl);
        else keep.push(next);
      }
      if (remove.length) await store.delete(remove);
      if (keep.length) await store.put(keep);
      return read.length;
    },

    async addFeedItems(items) {
      const stored = await store.upsert(items.filter((i) => v.is(CoverageItemSchema, i)));
      const evicted = await store.evict(maxItems);
      return { stored: stored.length, evicted };
    },

    async stats() {
      const all = await store.all();
      const byOrigin = { archive: 0, feed: 0, history: 0 };
      for (const i of all) for (const o of originsOf(i)) byOrigin[o]++;
      const version = await store.getMeta(ARCHIVE_VERSION_KEY);
      const s: CoverageStats = {
        storage: store.kind,
        items: all.length,
        byOrigin,
        archiveVersion: typeof version === 'string' ? version : null,
        maxItems,
      };
      if (options.fallbackReason) s.fallbackReason = options.fallbackReason;
      return s;
    },
  };
}
