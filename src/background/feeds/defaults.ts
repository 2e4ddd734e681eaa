/**
 * The default feed list: RSS feeds of UK outlets that cover Hitachi Rail at Newton Aycliffe and the
 * ministers. Each URL was checked (November 2026) in published feed lists and crawled copies of the
 * feeds themselves; none is guessed. The reader can replace the list in the options
 * (settings.feeds; null = this list).
 */
export interface FeedSource {
  url: string;
  /** The outlet shown on a card for items from this feed. */
  outlet: string;
  /** What the feed covers, for the options page. */
  label: string;
}

export const DEFAULT_FEEDS: readonly FeedSource[] = [
  { url: 'https://www.thenorthernecho.co.uk/news/rss/', outlet: 'The Northern Echo', label: 'The Northern Echo: news' },
  { url: 'https://feeds.bbci.co.uk/news/politics/rss.xml', outlet: 'BBC News', label: 'BBC News: politics' },
  { url: 'https://feeds.bbci.co.uk/news/business/rss.xml', outlet: 'BBC News', label: 'BBC News: business' },
  { url: 'https://feeds.bbci.co.uk/news/england/tees/rss.xml', outlet: 'BBC News', label: 'BBC News: Tees' },
  { url: 'https://www.theguardian.com/politics/rss', outlet: 'The Guardian', label: 'The Guardian: politics' },
  { url: 'https://www.theguardian.com/business/rss', outlet: 'The Guardian', label: 'The Guardian: business' },
  { url: 'https://www.politicshome.com/news/rss', outlet: 'PoliticsHome', label: 'PoliticsHome: news' },
];

export const DEFAULT_FEED_URLS: readonly string[] = DEFAULT_FEEDS.map((f) => f.url);

/** The outlet name for a feed URL: the default list's, else the feed's own title, else the host name. */
export function outletFor(feedUrl: string, feedTitle: string | null | undefined): string {
  const known = DEFAULT_FEEDS.find((f) => f.url === feedUrl);
  if (known) return known.outlet;
  const title = feedTitle?.replace(/\s+/g, ' ').trim();
  if (title) return title.slice(0, 120);
  try {
    return new URL(feedUrl).hostname.replace(/^www\./, '');
  } catch {
    return 'Feed';
  }
}
