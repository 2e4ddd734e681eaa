/**
 * The date an article was published, read from what a page says about itself, in order of trust:
 * JSON-LD `datePublished`, then meta tags (`article:published_time` and the like), then `<time datetime>`,
 * then a date in the URL (/2017/11/16/, /2019/jan/03/, 2024-05-16), then JSON-LD `dateCreated`, and finally today. Pure: the caller
 * extracts the inputs (the content script from the DOM, the CLI with happy-dom).
 *
 * Dates are taken as the publisher wrote them (the calendar date in the publisher's own time zone), not
 * converted to UTC: an article stamped 2015-07-24T00:05:24+01:00 was published on 24 July.
 */

export type ArticleDateSource = 'json-ld' | 'meta' | 'time' | 'url' | 'today';

export interface ArticleDate {
  date: string;
  source: ArticleDateSource;
}

export interface MetaTag {
  name?: string | null;
  property?: string | null;
  itemprop?: string | null;
  content?: string | null;
}

export interface ArticleDateInputs {
  /** Text of every `<script type="application/ld+json">`, in document order. */
  jsonLd?: readonly string[];
  /** Every `<meta>` with its name / property / itemprop and content. */
  meta?: readonly MetaTag[];
  /** The `datetime` attribute of every `<time>`, in document order. */
  times?: readonly string[];
  /** The page's URL (or its canonical URL). */
  url?: string;
}

/** Meta keys that carry the publication date, most specific first. */
const META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'published_time',
  'article:published',
  'datepublished',
  'article.published',
  'publish-date',
  'publish_date',
  'publishdate',
  'pubdate',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'citation_publication_date',
  'originalpublicationdate',
  'date',
];

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function iso(y: number, m: number, d: number): string | undefined {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s ? s : undefined;
}

/**
 * A calendar date from one date string: ISO 8601 (with or without time), "2015/07/24", "24 July 2015",
 * "July 24, 2015", "Fri, 24 Jul 2015 10:00:00 GMT". Undefined when it is not a real date.
 */
export function parseDateString(raw: string): string | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\b/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS[m[2]!.toLowerCase()]) return iso(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return iso(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  return undefined;
}

const ARTICLE_TYPES = /(Article|BlogPosting|Report|WebPage|NewsArticle|Posting|Review|Story)$/;

/** Every object inside a JSON-LD value (@graph, mainEntity, nested articles...), bounded in depth and count. */
function* jsonNodes(value: unknown, depth = 0, budget = { left: 5000 }): Generator<Record<string, unknown>> {
  if (depth > 12 || value === null || typeof value !== 'object' || budget.left-- <= 0) return;
  if (Array.isArray(value)) {
    for (const v of value) yield* jsonNodes(v, depth + 1, budget);
    return;
  }
  const obj = value as Record<string, unknown>;
  yield obj;
  for (const v of Object.values(obj)) if (v !== null && typeof v === 'object') yield* jsonNodes(v, depth + 1, budget);
}

function typeNames(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
}

function fromJsonLd(blocks: readonly string[], notAfter: string, key: 'datePublished' | 'dateCreated'): string | undefined {
  let fallback: string | undefined;
  for (const block of blocks) {
    let data: unknown;
    try {
      // Some pages wrap JSON-LD in CDATA or HTML comments.
      data = JSON.parse(block.replace(/^\s*(?:<!\[CDATA\[|<!--)/, '').replace(/(?:\]\]>|-->)\s*$/, ''));
    } catch {
      continue;
    }
    for (const node of jsonNodes(data)) {
      const v = node[key];
      if (typeof v !== 'string') continue;
      const d = parseDateString(v);
      if (!d || d > notAfter) continue;
      if (typeNames(node).some((t) => ARTICLE_TYPES.test(t))) return d;
      fallback ??= d;
    }
  }
  return fallback;
}

function fromMeta(tags: readonly MetaTag[], notAfter: string): string | undefined {
  const byKey = new Map<string, string>();
  for (const tag of tags) {
    const content = tag.content;
    if (!content) continue;
    for (const k of [tag.property, tag.name, tag.itemprop]) {
      if (!k) continue;
      const key = k.trim().toLowerCase();
      if (!byKey.has(key)) {
        const d = parseDateString(content);
        if (d && d <= notAfter) byKey.set(key, d);
      }
    }
  }
  for (const key of META_KEYS) {
    const d = byKey.get(key);
    if (d) return d;
  }
  return undefined;
}

function fromUrl(url: string, notAfter: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const patterns: RegExp[] = [
    /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})(?:\/|$)/,
    /(?:^|\/)(\d{4})\/([a-z]{3,9})\/(\d{1,2})(?:\/|$)/i,
    /(?:^|[/_-])(\d{4})-(\d{2})-(\d{2})(?:$|[/_.-])/,
    /(?:^|\/)(\d{4})(\d{2})(\d{2})(?:\/|$)/,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (!m) continue;
    const month = /^\d+$/.test(m[2]!) ? +m[2]! : MONTHS[m[2]!.toLowerCase()];
    if (!month) continue;
    const d = iso(+m[1]!, month, +m[3]!);
    if (d && d <= notAfter) return d;
  }
  return undefined;
}

/** Adds one day (a page may be stamped in a time zone ahead of the reader's). */
function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * The article's date and where it came from. `today` is YYYY-MM-DD (the caller's clock); dates after
 * tomorrow are ignored as bogus.
 */
export function readArticleDate(inputs: ArticleDateInputs, today: string): ArticleDate {
  const notAfter = nextDay(today);
  const j = fromJsonLd(inputs.jsonLd ?? [], notAfter, 'datePublished');
  if (j) return { date: j, source: 'json-ld' };
  const m = fromMeta(inputs.meta ?? [], notAfter);
  if (m) return { date: m, source: 'meta' };
  for (const t of inputs.times ?? []) {
    const d = parseDateString(t);
    if (d && d <= notAfter) return { date: d, source: 'time' };
  }
  const u = inputs.url ? fromUrl(inputs.url, notAfter) : undefined;
  if (u) return { date: u, source: 'url' };
  // dateCreated (when the record was made, often a day after publication) only when nothing better exists.
  const created = fromJsonLd(inputs.jsonLd ?? [], notAfter, 'dateCreated');
  if (created) return { date: created, source: 'json-ld' };
  return { date: today, source: 'today' };
}
