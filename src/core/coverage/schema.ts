/**
 * The coverage index's data: one news item the background knows about, where it came from, and (for
 * items the reader opened) when it was read. Validated whenever it crosses a boundary (storage, feeds,
 * the bundled archive, imports), never trusted blindly.
 */
import * as v from 'valibot';
import { IsoDateSchema, IdSchema } from '../knowledge/schema';
import { isHttpUrl } from './canonical';

export const ORIGINS = ['archive', 'feed', 'history'] as const;
export const OriginSchema = v.picklist(ORIGINS);
export type Origin = v.InferOutput<typeof OriginSchema>;

/** Hard caps so that a hostile feed or a corrupted record cannot blow up a card or the store. */
export const LIMITS = {
  urlLength: 2048,
  titleLength: 500,
  outletLength: 120,
  entitiesPerItem: 64,
} as const;

export const HttpUrlSchema = v.pipe(
  v.string(),
  v.maxLength(LIMITS.urlLength),
  v.check((s: string) => isHttpUrl(s), 'must be an absolute http(s) URL'),
);

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

/** Epoch milliseconds. */
const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));

export const CoverageItemSchema = v.object({
  /** The link as found (feed, archive, or the page the reader opened). */
  url: HttpUrlSchema,
  /** The de-duplication key (see canonical.ts). */
  canonicalUrl: HttpUrlSchema,
  title: Text(LIMITS.titleLength),
  outlet: Text(LIMITS.outletLength),
  /** Publication date, YYYY-MM-DD. */
  published: IsoDateSchema,
  /** Ids of the knowledge-base entities the item mentions. */
  entities: v.pipe(v.array(IdSchema), v.maxLength(LIMITS.entitiesPerItem)),
  /**
   * The strongest source of the item: history > archive > feed. Only items whose every origin is `feed`
   * may be evicted when the index is full.
   */
  origin: OriginSchema,
  /** Every source the item was seen from (the same story can be in the archive, a feed and the history). */
  origins: v.optional(v.pipe(v.array(OriginSchema), v.maxLength(3))),
  /** The feed it came from (origin feed). */
  feedUrl: v.optional(HttpUrlSchema),
  /** When it entered the index (epoch ms). */
  addedAt: Timestamp,
  /** When the reader opened it (epoch ms); only with origin history. */
  readAt: v.optional(Timestamp),
});

export type CoverageItem = v.InferOutput<typeof CoverageItemSchema>;

/** The origin that decides retention when a story has several. */
const RANK: Record<Origin, number> = { feed: 0, archive: 1, history: 2 };

export function originsOf(item: Pick<CoverageItem, 'origin' | 'origins'>): Origin[] {
  const set = new Set<Origin>(item.origins ?? []);
  set.add(item.origin);
  return ORIGINS.filter((o) => set.has(o));
}

export function strongestOrigin(origins: readonly Origin[]): Origin {
  let best: Origin = 'feed';
  for (const o of origins) if (RANK[o] > RANK[best]) best = o;
  return best;
}

/** True when the item is only in the index because a feed carried it (the only kind eviction may drop). */
export function isEvictable(item: Pick<CoverageItem, 'origin' | 'origins'>): boolean {
  const all = originsOf(item);
  return all.length === 1 && all[0] === 'feed';
}

/**
 * Merge two records of the same story (same canonical URL). Origins are united; the archive's checked
 * title, outlet and date win over a feed's; the reader's readAt is kept (the latest one); entities are
 * united; addedAt is the first time it was seen.
 */
export function mergeItems(a: CoverageItem, b: CoverageItem): CoverageItem {
  const origins = ORIGINS.filter((o) => originsOf(a).includes(o) || originsOf(b).includes(o));
  const ra = Math.max(...originsOf(a).map((o) => (o === 'history' ? 0 : RANK[o])));
  const rb = Math.max(...originsOf(b).map((o) => (o === 'history' ? 0 : RANK[o])));
  // Descriptive fields: prefer the archive (checked by hand), on a tie the incoming record (b), the newer information.
  const primary = rb >= ra ? b : a;
  const other = primary === a ? b : a;
  const readAts = [a.readAt, b.readAt].filter((x): x is number => typeof x === 'number');
  const entities = [...new Set([...primary.entities, ...other.entities])].slice(0, LIMITS.entitiesPerItem);
  const merged: CoverageItem = {
    url: primary.url,
    canonicalUrl: primary.canonicalUrl,
    title: primary.title,
    outlet: primary.outlet,
    published: primary.published,
    entities,
    origin: strongestOrigin(origins),
    origins,
    addedAt: Math.min(a.addedAt, b.addedAt),
  };
  const feedUrl = a.feedUrl ?? b.feedUrl;
  if (feedUrl !== undefined) merged.feedUrl = feedUrl;
  if (readAts.length) merged.readAt = Math.max(...readAts);
  return merged;
}

/** Validate one stored/received record; undefined when it is unusable. */
export function parseCoverageItem(raw: unknown): CoverageItem | undefined {
  const r = v.safeParse(CoverageItemSchema, raw);
  return r.success ? r.output : undefined;
}
