/** Formatting shared by the card and the popup. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Sep 2024" from "2024-09-12" (no locale surprises, no time zone shifts). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** Only http(s) links are ever rendered; anything else (javascript:, data:) becomes no link at all. */
export function safeHref(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The site name of a source URL, for link text ("gov.uk", "en.wikipedia.org"). */
export function sourceLabel(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'source';
  }
}

/** The messages.json key that says where an article date came from (json-ld, meta, time, url, today). */
export const DATE_SOURCE_KEY: Record<string, string> = {
  'json-ld': 'dateSourceJsonLd',
  meta: 'dateSourceMeta',
  time: 'dateSourceTime',
  url: 'dateSourceUrl',
  today: 'dateSourceToday',
};
