import { describe, expect, it } from 'vitest';
import { parseDateString, readArticleDate } from '../../src/core/article-date';

const TODAY = '2026-11-25';

describe('readArticleDate', () => {
  it('prefers JSON-LD datePublished of an article, as the publisher wrote the day', () => {
    const jsonLd = [
      JSON.stringify({ '@context': 'https://schema.org', '@type': 'WebSite', name: 'x' }),
      JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: '2015-07-24T00:05:24+01:00' }),
    ];
    const meta = [{ property: 'article:published_time', content: '2015-07-20T10:00:00Z' }];
    expect(readArticleDate({ jsonLd, meta, times: [], url: '' }, TODAY)).toEqual({ date: '2015-07-24', source: 'json-ld' });
  });

  it('finds datePublished inside @graph and nested objects, and in CDATA-wrapped blocks', () => {
    const graph = JSON.stringify({ '@graph': [{ '@type': 'WebPage' }, { '@type': ['NewsArticle'], datePublished: '2024-12-06T22:00:40.000Z' }] });
    expect(readArticleDate({ jsonLd: [graph] }, TODAY)).toEqual({ date: '2024-12-06', source: 'json-ld' });
    const cdata = `\n<![CDATA[\n${JSON.stringify({ '@type': 'NewsArticle', datePublished: '2023-01-02' })}\n]]>\n`;
    expect(readArticleDate({ jsonLd: [cdata] }, TODAY)).toEqual({ date: '2023-01-02', source: 'json-ld' });
  });

  it('skips broken JSON-LD and falls back to meta tags, most specific key first', () => {
    const meta = [
      { name: 'date', content: '2019-01-01' },
      { property: 'article:published_time', content: '2019-01-03T05:00:00+00:00' },
    ];
    expect(readArticleDate({ jsonLd: ['{not json'], meta }, TODAY)).toEqual({ date: '2019-01-03', source: 'meta' });
    expect(readArticleDate({ meta: [{ itemprop: 'datePublished', content: '2017-11-16T14:15+0000' }] }, TODAY)).toEqual({ date: '2017-11-16', source: 'meta' });
  });

  it('then <time datetime>, then a dated URL, then today', () => {
    expect(readArticleDate({ times: ['', 'garbage', '2020-02-29T12:00:00Z'] }, TODAY)).toEqual({ date: '2020-02-29', source: 'time' });
    expect(readArticleDate({ url: 'http://www.telegraph.co.uk/news/2017/11/16/zimbabwe-story/' }, TODAY)).toEqual({ date: '2017-11-16', source: 'url' });
    expect(readArticleDate({ url: 'https://www.theguardian.com/environment/2019/jan/03/whales' }, TODAY)).toEqual({ date: '2019-01-03', source: 'url' });
    expect(readArticleDate({ url: 'https://example.org/news/2024-05-16-hitachi.html' }, TODAY)).toEqual({ date: '2024-05-16', source: 'url' });
    expect(readArticleDate({ url: 'https://example.org/news/story' }, TODAY)).toEqual({ date: TODAY, source: 'today' });
    expect(readArticleDate({}, TODAY)).toEqual({ date: TODAY, source: 'today' });
  });

  it('ignores impossible and future dates', () => {
    expect(readArticleDate({ meta: [{ property: 'article:published_time', content: '2023-02-30' }] }, TODAY).source).toBe('today');
    expect(readArticleDate({ jsonLd: [JSON.stringify({ '@type': 'NewsArticle', datePublished: '2031-01-01' })] }, TODAY).source).toBe('today');
    // One day ahead is tolerated (time zones).
    expect(readArticleDate({ times: ['2026-11-26T01:00:00+09:00'] }, TODAY)).toEqual({ date: '2026-11-26', source: 'time' });
  });

  it('uses JSON-LD dateCreated only when nothing better exists', () => {
    const jsonLd = [JSON.stringify({ '@type': 'NewsArticle', dateCreated: '2017-11-17T10:41:09Z' })];
    expect(readArticleDate({ jsonLd, url: 'http://x.example/2017/11/16/a/' }, TODAY)).toEqual({ date: '2017-11-16', source: 'url' });
    expect(readArticleDate({ jsonLd }, TODAY)).toEqual({ date: '2017-11-17', source: 'json-ld' });
  });
});

describe('parseDateString', () => {
  it.each([
    ['2015-07-24T00:05:24+01:00', '2015-07-24'],
    ['2015/07/24', '2015-07-24'],
    ['20150724', '2015-07-24'],
    ['24 July 2015', '2015-07-24'],
    ['July 24, 2015', '2015-07-24'],
    ['Fri, 24 Jul 2015 10:00:00 GMT', '2015-07-24'],
    ['March 13, 2015 9:00PM', '2015-03-13'],
  ])('%s -> %s', (input, out) => {
    expect(parseDateString(input)).toBe(out);
  });

  it.each(['', 'yesterday', '2015-13-01', '31 February 2015'])('rejects %j', (input) => {
    expect(parseDateString(input)).toBeUndefined();
  });
});
