import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalUrl, isHttpUrl, outletForUrl } from '../../src/core/coverage/canonical';

describe('canonicalUrl', () => {
  it('folds tracking parameters, fragments, http, host case and trailing slashes', () => {
    const want = 'https://thenorthernecho.co.uk/news/24567890.hitachi-talks';
    for (const u of [
      'https://www.thenorthernecho.co.uk/news/24567890.hitachi-talks/',
      'http://WWW.TheNorthernEcho.co.uk/news/24567890.hitachi-talks',
      'https://www.thenorthernecho.co.uk/news/24567890.hitachi-talks?utm_source=twitter&utm_medium=social#comments',
      'https://www.thenorthernecho.co.uk/news/24567890.hitachi-talks?fbclid=IwAR0abc&gclid=xyz&ocid=msn',
      'https://www.thenorthernecho.co.uk/news/24567890.hitachi-talks?at_medium=RSS&at_campaign=KARANGA',
    ]) {
      expect(canonicalUrl(u), u).toBe(want);
    }
  });

  it('folds AMP and mobile variants of the same story', () => {
    expect(canonicalUrl('https://amp.theguardian.com/business/2024/sep/10/hitachi-rail')).toBe(
      'https://theguardian.com/business/2024/sep/10/hitachi-rail',
    );
    expect(canonicalUrl('https://www.bbc.co.uk/news/articles/c0000000.amp')).toBe('https://bbc.co.uk/news/articles/c0000000');
    expect(canonicalUrl('https://m.example.co.uk/news/story/amp/')).toBe('https://example.co.uk/news/story');
    expect(canonicalUrl('https://mobile.example.co.uk/amp/news/story')).toBe('https://example.co.uk/news/story');
    expect(canonicalUrl('https://example.co.uk/news/story?amp')).toBe('https://example.co.uk/news/story');
    expect(canonicalUrl('https://example.co.uk/news/story.amp.html')).toBe('https://example.co.uk/news/story.html');
    expect(canonicalUrl('https://example.co.uk/news/story?outputType=amp')).toBe('https://example.co.uk/news/story');
  });

  it('keeps parameters that name a different story, in a stable order', () => {
    expect(canonicalUrl('https://example.com/article?id=2&page=1&utm_campaign=x')).toBe('https://example.com/article?id=2&page=1');
    expect(canonicalUrl('https://example.com/article?page=1&id=2')).toBe('https://example.com/article?id=2&page=1');
    expect(canonicalUrl('https://example.com/article?id=2')).not.toBe(canonicalUrl('https://example.com/article?id=3'));
    expect(canonicalUrl('https://example.com/search?outputType=print')).toBe('https://example.com/search?outputType=print');
  });

  it('does not fold hosts that merely start with m or amp, nor bare two-label hosts', () => {
    expect(canonicalUrl('https://metro.co.uk/news/x')).toBe('https://metro.co.uk/news/x');
    expect(canonicalUrl('https://m.me/x')).toBe('https://m.me/x');
    expect(canonicalUrl('https://example.com/ample/amp-up')).toBe('https://example.com/ample/amp-up');
  });

  it('rejects what is not an http(s) URL', () => {
    for (const u of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com/x', 'not a url', '', 'x'.repeat(5000)]) {
      expect(canonicalUrl(u)).toBeNull();
      expect(isHttpUrl(u)).toBe(false);
    }
  });

  it('is idempotent on any http(s) URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        const once = canonicalUrl(u);
        if (once === null) return true;
        return canonicalUrl(once) === once;
      }),
      { numRuns: 500 },
    );
  });
});

describe('outletForUrl', () => {
  it('names the known outlets and falls back to the host name', () => {
    expect(outletForUrl('https://www.thenorthernecho.co.uk/news/1/')).toBe('The Northern Echo');
    expect(outletForUrl('https://www.bbc.co.uk/news/articles/x')).toBe('BBC News');
    expect(outletForUrl('https://amp.theguardian.com/x')).toBe('The Guardian');
    expect(outletForUrl('https://www.railwaygazette.com/x')).toBe('railwaygazette.com');
    expect(outletForUrl('nonsense')).toBe('Unknown');
  });
});
