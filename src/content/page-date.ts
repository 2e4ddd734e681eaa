/** Reads the inputs of the article date from the page (the rules themselves are pure, in src/core). */
import { readArticleDate, type ArticleDate } from '../core/article-date';

const MAX_JSON_LD = 20;
const MAX_JSON_LD_CHARS = 200_000;

export function pageArticleDate(doc: Document, today: string): ArticleDate {
  const jsonLd = [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .slice(0, MAX_JSON_LD)
    .map((s) => (s.textContent ?? '').slice(0, MAX_JSON_LD_CHARS));
  const meta = [...doc.querySelectorAll('meta[content]')].map((m) => ({
    name: m.getAttribute('name') ?? m.getAttribute('property') ?? m.getAttribute('itemprop') ?? '',
    content: m.getAttribute('content') ?? '',
  }));
  const times = [...doc.querySelectorAll('time[datetime]')].slice(0, 50).map((t) => t.getAttribute('datetime') ?? '');
  return readArticleDate({ jsonLd, meta, times, url: doc.location?.href ?? '' }, today);
}
