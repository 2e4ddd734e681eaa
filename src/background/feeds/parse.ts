/**
 * Feed parsing: RSS 0.9x/1.0/2.0 and Atom, with @rowanmanning/feed-parser (built on fast-xml-parser, so
 * it needs no DOMParser: Chrome's service worker has none). The result is plain, capped, validated
 * data: an http(s) link, a title and summary as text (markup stripped), a publication date.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { isHttpUrl } from '../../core/coverage/canonical';

export interface FeedEntry {
  url: string;
  title: string;
  /** Plain text, at most 1,000 characters. */
  summary: string;
  /** Publication date in the UK (Europe/London), YYYY-MM-DD. */
  published: string;
}

export interface ParsedFeed {
  title: string | null;
  entries: FeedEntry[];
  /** Items left out (no link, no date, not http(s), no title). */
  skipped: number;
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

export const MAX_ENTRIES_PER_FEED = 300;
const MAX_TITLE = 500;
const MAX_SUMMARY = 1000;

// Control characters other than tab, line feed and carriage return (built from a string: no literal
// control characters in a regular expression).
const CONTROL_CHARS = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11, 12)}${String.fromCharCode(14)}-${String.fromCharCode(31)}${String.fromCharCode(127)}]`, 'g');

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '';
    }
    return NAMED[code.toLowerCase()] ?? m;
  });
}

/** Markup to plain text: tags (and script/style content) removed, entities decoded, white space folded. */
export function toPlainText(html: string | null | undefined, max: number): string {
  if (!html) return '';
  const text = decodeEntities(
    html
      .slice(0, 200_000)
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(CONTROL_CHARS, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A Date as the calendar day in the UK, YYYY-MM-DD. */
export function ukDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const parts = Object.fromEntries(londonDate.formatToParts(d).map((p) => [p.type, p.value]));
  const s = `${parts.year}-${parts.month}-${parts.day}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}

/** Cheap checks before parsing: an HTML page served where a feed was expected is an error, not a feed. */
function sniff(text: string): void {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<\?xml[^>]*>\s*<!doctype html/.test(head)) {
    throw new FeedParseError('the address returned a web page (HTML), not a feed');
  }
  if (!head.startsWith('<')) throw new FeedParseError('the address did not return XML');
}

export function parseFeedText(text: string): ParsedFeed {
  sniff(text);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new FeedParseError(`not a valid RSS or Atom feed (${msg.slice(0, 160)})`);
  }
  const entries: FeedEntry[] = [];
  let skipped = 0;
  for (const item of feed.items.slice(0, MAX_ENTRIES_PER_FEED)) {
    const url = item.url?.trim();
    const title = toPlainText(item.title, MAX_TITLE);
    const date = item.published ?? item.updated;
    const published = date ? ukDate(date) : null;
    if (!url || !isHttpUrl(url) || !title || !published) {
      skipped++;
      continue;
    }
    entries.push({ url, title, summary: toPlainText(item.description ?? item.content, MAX_SUMMARY), published });
  }
  skipped += Math.max(0, feed.items.length - MAX_ENTRIES_PER_FEED);
  return { title: feed.title ? toPlainText(feed.title, 200) || null : null, entries, skipped };
}
