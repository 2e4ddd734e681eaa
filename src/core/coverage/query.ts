/**
 * "Related earlier coverage": for one entity on the page the reader is reading, the stories the index
 * holds about it, published before the article (or later too, when asked), without the page itself,
 * one entry per story, most relevant first. Pure.
 */
import { canonicalUrl } from './canonical';
import { mergeItems, originsOf, type CoverageItem, type Origin } from './schema';

export interface ArticleContext {
  /** The page being read. */
  url: string;
  /** Its publication date (YYYY-MM-DD); the reader's "today" when the page does not say. */
  date: string;
  /** Entity ids found on the page. */
  entities: readonly string[];
}

export interface RelatedQuery {
  /** Also list stories published on or after the article's date. */
  includeLater?: boolean;
  /** At most this many results (default 20, at most 200). */
  limit?: number;
}

export interface RelatedItem {
  url: string;
  canonicalUrl: string;
  title: string;
  outlet: string;
  published: string;
  entities: string[];
  origins: Origin[];
  /** When the reader opened it (epoch ms), if the reading history has it. */
  readAt?: number;
  /** How many of the page's other entities the story also mentions. */
  shared: number;
  /** Published on or after the article's date (only present with includeLater). */
  later: boolean;
}

/** Fold a list of records into one per canonical URL (records without a usable URL are dropped). */
export function dedupeByCanonical(items: readonly CoverageItem[]): CoverageItem[] {
  const byKey = new Map<string, CoverageItem>();
  for (const item of items) {
    const key = canonicalUrl(item.canonicalUrl) ?? canonicalUrl(item.url);
    if (!key) continue;
    const normalised = item.canonicalUrl === key ? item : { ...item, canonicalUrl: key };
    const prev = byKey.get(key);
    byKey.set(key, prev ? mergeItems(prev, normalised) : normalised);
  }
  return [...byKey.values()];
}

/**
 * Ranking: stories sharing more of the page's other entities first (a story about Hitachi *and* Newton
 * Aycliffe *and* the minister beats one that only names Hitachi); among equals, the most recent first;
 * then by title for a stable order. Items published strictly before the article's date are "earlier";
 * the same day counts as later (it may have been published after the article).
 */
export function relatedCoverage(
  items: readonly CoverageItem[],
  entity: string,
  article: ArticleContext,
  query: RelatedQuery = {},
): RelatedItem[] {
  const limit = Math.max(0, Math.min(query.limit ?? 20, 200));
  const self = canonicalUrl(article.url);
  const others = new Set(article.entities.filter((e) => e !== entity));
  const out: RelatedItem[] = [];
  for (const item of dedupeByCanonical(items)) {
    if (!item.entities.includes(entity)) continue;
    if (self !== null && item.canonicalUrl === self) continue;
    const later = item.published >= article.date;
    if (later && !query.includeLater) continue;
    let shared = 0;
    for (const e of new Set(item.entities)) if (others.has(e)) shared++;
    const r: RelatedItem = {
      url: item.url,
      canonicalUrl: item.canonicalUrl,
      title: item.title,
      outlet: item.outlet,
      published: item.published,
      entities: [...item.entities],
      origins: originsOf(item),
      shared,
      later,
    };
    if (item.readAt !== undefined) r.readAt = item.readAt;
    out.push(r);
  }
  out.sort(
    (a, b) =>
      b.shared - a.shared ||
      (a.published < b.published ? 1 : a.published > b.published ? -1 : 0) ||
      a.title.localeCompare(b.title),
  );
  return out.slice(0, limit);
}
