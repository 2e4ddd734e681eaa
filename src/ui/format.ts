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

export const DATE_SOURCE_LABEL: Record<string, string> = {
  'json-ld': "the page's structured data",
  meta: "the page's publication metadata",
  time: 'a date on the page',
  url: "the page's address",
  today: "today's date (the page gives none)",
};
