/** Reads the inputs of the article date from the page (the rules themselves are pure, in src/core). */
import { readArticleDate, type ArticleDate } from '../core/article-date';

const MAX_JSON_LD = 20;
const MAX_JSON_LD_CHARS = 200_000;

export function pageArticleDate(doc: Document, today: string): ArticleDate {
  const jsonLd = [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .slice(0, MAX_JSON_LD)
    .map((s) => (s.textContent ?? '').slice(0, MAX_JSON_LD_CHARS));
  const meta = [...doc.querySelectorAll('meta[content]')].slice(0, 500).map((m) => ({
    name: m.getAttribute('name'),
    property: m.getAttribute('property'),
    itemprop: m.getAttribute('itemprop'),
    content: m.getAttribute('content'),
  }));
  const times = [...doc.querySelectorAll('time[datetime]')].slice(0, 50).map((t) => t.getAttribute('datetime') ?? '');
  // A dated canonical URL speaks for the article better than a tracking-laden address bar.
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return readArticleDate({ jsonLd, meta, times, url: canonical || (doc.location?.href ?? '') }, today);
}
