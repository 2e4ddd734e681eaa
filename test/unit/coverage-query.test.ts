import { describe, expect, it } from 'vitest';
import { relatedCoverage, dedupeByCanonical } from '../../src/core/coverage/query';
import { mergeItems, isEvictable, type CoverageItem } from '../../src/core/coverage/schema';
import { canonicalUrl } from '../../src/core/coverage/canonical';

function item(url: string, published: string, entities: string[], extra: Partial<CoverageItem> = {}): CoverageItem {
  return {
    url,
    canonicalUrl: canonicalUrl(url)!,
    title: `Story ${url.split('/').pop()}`,
    outlet: 'The Northern Echo',
    published,
    entities,
    origin: 'feed',
    origins: ['feed'],
    addedAt: 1_700_000_000_000,
    ...extra,
  };
}

const article = {
  url: 'https://www.thenorthernecho.co.uk/news/current-story/?utm_source=x',
  date: '2024-09-12',
  entities: ['hitachi-rail', 'newton-aycliffe', 'louise-haigh'],
};

describe('relatedCoverage', () => {
  const items = [
    item('https://example.co.uk/a', '2024-09-01', ['hitachi-rail']),
    item('https://example.co.uk/b', '2024-08-01', ['hitachi-rail', 'newton-aycliffe', 'louise-haigh']),
    item('https://example.co.uk/c', '2024-09-10', ['hitachi-rail', 'newton-aycliffe']),
    item('https://example.co.uk/d', '2024-09-20', ['hitachi-rail']),
    item('https://example.co.uk/e', '2024-09-12', ['hitachi-rail']),
    item('https://example.co.uk/f', '2024-01-01', ['louise-haigh']),
    item('https://thenorthernecho.co.uk/news/current-story', '2024-09-12', ['hitachi-rail']),
  ];

  it('lists earlier stories about the entity, most shared entities first, then newest', () => {
    const r = relatedCoverage(items, 'hitachi-rail', article);
    expect(r.map((x) => x.url.slice(-1))).toEqual(['b', 'c', 'a']);
    expect(r.map((x) => x.shared)).toEqual([2, 1, 0]);
    expect(r.every((x) => !x.later)).toBe(true);
  });

  it('never lists the page being read, whatever variant of its URL', () => {
    const r = relatedCoverage(items, 'hitachi-rail', { ...article, url: 'http://m.thenorthernecho.co.uk/news/current-story/amp#top' }, { includeLater: true });
    expect(r.some((x) => x.canonicalUrl.includes('current-story'))).toBe(false);
  });

  it('shows later stories (the same day included) only when asked', () => {
    const r = relatedCoverage(items, 'hitachi-rail', article, { includeLater: true });
    expect(r.map((x) => x.url.slice(-1)).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.filter((x) => x.later).map((x) => x.url.slice(-1)).sort()).toEqual(['d', 'e']);
  });

  it('folds the AMP, mobile and tracked copies of one story into one entry that keeps the reading date', () => {
    const dupes = [
      item('https://www.example.co.uk/story?utm_source=rss', '2024-05-01', ['hitachi-rail'], { origin: 'feed' }),
      item('https://amp.example.co.uk/story', '2024-05-01', ['hitachi-rail'], { origin: 'archive', origins: ['archive'], title: 'Checked title' }),
      item('http://m.example.co.uk/story/', '2024-05-01', ['hitachi-rail', 'newton-aycliffe'], {
        origin: 'history',
        origins: ['history'],
        readAt: 1_727_000_000_000,
      }),
    ];
    const r = relatedCoverage(dupes, 'hitachi-rail', article);
    expect(r).toHaveLength(1);
    expect(r[0]!.origins).toEqual(['archive', 'feed', 'history']);
    expect(r[0]!.readAt).toBe(1_727_000_000_000);
    expect(r[0]!.title).toBe('Checked title');
    expect(r[0]!.shared).toBe(1);
  });

  it('caps the number of results', () => {
    const many = Array.from({ length: 50 }, (_, i) => item(`https://example.co.uk/s${i}`, '2023-01-01', ['hitachi-rail']));
    expect(relatedCoverage(many, 'hitachi-rail', article)).toHaveLength(20);
    expect(relatedCoverage(many, 'hitachi-rail', article, { limit: 5 })).toHaveLength(5);
  });
});

describe('merging and eviction rules', () => {
  it('an item the reader read or the archive holds is never evictable', () => {
    const f = item('https://example.co.uk/x', '2020-01-01', ['hitachi-rail']);
    const h = item('https://example.co.uk/x', '2020-01-01', ['hitachi-rail'], { origin: 'history', origins: ['history'], readAt: 5 });
    expect(isEvictable(f)).toBe(true);
    const m = mergeItems(f, h);
    expect(m.origin).toBe('history');
    expect(isEvictable(m)).toBe(false);
    expect(m.readAt).toBe(5);
    expect(dedupeByCanonical([f, h])).toHaveLength(1);
  });
});
