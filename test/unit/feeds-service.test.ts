/**
 * The feed refresh end to end in node: fixture feeds served from 127.0.0.1 through fetchCapped, parsed,
 * matched by a stand-in detector, stored in a fake IndexedDB; broken feeds show their error and back off.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { openCoverageStore, type CoverageStore } from '../../src/background/coverage/store';
import { createCoverageService, type CoverageService } from '../../src/background/coverage/service';
import { createFeedService, backoffMs, cleanFeedList, FEED_FETCH, type FeedService } from '../../src/background/feeds/service';
import { DEFAULT_FEEDS } from '../../src/background/feeds/defaults';
import { parseFeedText, toPlainText } from '../../src/background/feeds/parse';
import { onNetworkRequest } from '../../src/background/net';
import { FIXTURE_FEEDS, hugeFeed, startFixtureServers, type FixtureServers } from '../fixtures/feeds/server';

const fixture = (name: string) => readFileSync(`test/fixtures/feeds/${name}`, 'utf8');

/** A stand-in for the detection engine: surface forms to entity ids (distinct entities included). */
const SURFACES: [string, string][] = [
  ['Hitachi Energy', 'hitachi-energy'],
  ['Hitachi Rail', 'hitachi-rail'],
  ['Hitachi', 'hitachi-rail'],
  ['Newton Aycliffe', 'newton-aycliffe'],
  ['Heidi Alexander', 'heidi-alexander'],
  ['Louise Haigh', 'louise-haigh'],
];
function detect(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (const [surface, id] of SURFACES) {
    if (rest.includes(surface)) {
      found.push(id);
      rest = rest.split(surface).join(' ');
    }
  }
  return found;
}
const isCore = (id: string) => id !== 'hitachi-energy';

let servers: FixtureServers;
const hits = (path: string) => servers.requests.filter((p) => p === path).length;

beforeAll(async () => {
  servers = await startFixtureServers();
  expect(hugeFeed().length).toBeGreaterThan(FEED_FETCH.maxBytes);
});
afterAll(() => servers.close());

let store: CoverageStore;
let coverage: CoverageService;
let feeds: FeedService;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-12-10T12:00:00Z'));
  servers.requests.length = 0;
  store = (await openCoverageStore({ factory: new IDBFactory() })).store;
  coverage = createCoverageService({ store });
  feeds = createFeedService({ meta: store, addItems: (items) => coverage.addFeedItems(items), detect, isCore, timeoutMs: 500 });
});
afterEach(() => {
  store.close();
  vi.useRealTimers();
});

describe('feed parsing', () => {
  it('reads RSS 2.0 and Atom as plain text with UK dates, skipping unusable items', () => {
    const rss = parseFeedText(fixture('rss2.xml'));
    expect(rss.entries.map((e) => e.published)).toEqual(['2024-09-11', '2024-12-06', '2024-12-06', '2024-12-07', '2024-09-10']);
    expect(rss.skipped).toBe(2); // the javascript: link and the undated item
    expect(rss.entries[0]!.summary).toBe('Union leaders met the Transport Secretary about the gap in orders.');
    expect(rss.entries.some((e) => /script|alert|javascript/i.test(e.summary + e.url))).toBe(false);
    const atom = parseFeedText(fixture('atom.xml'));
    expect(atom.entries[0]!.title).toBe('Hitachi Rail warns of job losses at Newton Aycliffe');
    expect(atom.entries[2]!.published).toBe('2024-09-13');
  });

  it('turns markup into capped plain text without control characters', () => {
    expect(toPlainText('<p>Hitachi&nbsp;Rail &amp; <i>Newton\u0000 Aycliffe</i>\u0007</p><style>p{}</style>&#8217;&#x1F686;', 100)).toBe('Hitachi Rail & Newton Aycliffe ’🚆');
    expect(toPlainText('x'.repeat(2000), 1000)).toHaveLength(1000);
    expect(toPlainText('&#xD800;&#0;ok', 10)).toBe('ok');
  });

  it('names what is wrong with a broken feed', () => {
    expect(() => parseFeedText(fixture('invalid.xml'))).toThrow(/not a valid RSS or Atom feed/);
    expect(() => parseFeedText(fixture('not-a-feed.html'))).toThrow(/web page \(HTML\), not a feed/);
    expect(() => parseFeedText('{"items": []}')).toThrow(/did not return XML/);
  });
});

describe('feed refresh', () => {
  it('stores the items that mention a core entity, and a broken feed breaks nothing else', async () => {
    const list = [...FIXTURE_FEEDS.map((f) => servers.feedUrl(f)), `${servers.base}/feeds/gone.xml`];
    const requested: string[] = [];
    const off = onNetworkRequest((u) => requested.push(u));
    const results = await feeds.refresh(list);
    off();
    expect(requested.sort()).toEqual([...list].sort());

    const byPath = Object.fromEntries(results.map((r) => [r.url.split('/').pop(), r]));
    expect(byPath['rss2.xml']).toMatchObject({ ok: true, items: 5, matches: 3 });
    expect(byPath['atom.xml']).toMatchObject({ ok: true, items: 3, matches: 2 });
    expect(byPath['invalid.xml']!.error).toMatch(/not a valid RSS or Atom feed/);
    expect(byPath['not-a-feed.html']!.error).toBe('unexpected content type text/html');
    expect(byPath['html-as-xml.xml']!.error).toMatch(/web page \(HTML\)/);
    expect(byPath['huge.xml']!.error).toMatch(/too large/);
    expect(byPath['slow.xml']!.error).toBe('no complete answer within 0.5 s');
    expect(byPath['gone.xml']!.error).toBe('HTTP 404 Not Found');

    const titles = (await store.all()).map((i) => i.title).sort();
    expect(titles).toEqual([
      'Heidi Alexander visits rail depot',
      'Hitachi Rail warns of job losses at Newton Aycliffe',
      'Late-night Hitachi Rail update',
      'Rail minister questioned on Hitachi orders',
      "Talks continue over the future of Hitachi Rail's Newton Aycliffe factory",
    ]);
    const talks = (await store.byEntity('newton-aycliffe')).find((i) => i.title.startsWith('Talks'))!;
    expect(talks.canonicalUrl).toBe('https://example.co.uk/news/1001.hitachi-talks');
    expect(talks.outlet).toBe('Example Echo: news');
    expect(talks.feedUrl).toBe(servers.feedUrl('rss2.xml'));

    // What the card for Hitachi on a 13 September 2024 article lists.
    const related = await coverage.related('hitachi-rail', {
      url: 'https://www.thenorthernecho.co.uk/news/demo',
      date: '2024-09-13',
      entities: ['hitachi-rail', 'newton-aycliffe'],
    });
    expect(related.map((r) => r.title)).toEqual([
      'Hitachi Rail warns of job losses at Newton Aycliffe',
      "Talks continue over the future of Hitachi Rail's Newton Aycliffe factory",
      'Late-night Hitachi Rail update',
    ]);

    const statuses = await feeds.statuses(list);
    const ok = statuses.find((s) => s.url.endsWith('/rss2.xml'))!;
    expect(ok).toMatchObject({ lastOkAt: Date.now(), lastError: null, failures: 0, lastItems: 5, lastMatches: 3 });
    const bad = statuses.find((s) => s.url.endsWith('/invalid.xml'))!;
    expect(statuses.find((s) => s.url.endsWith('/slow.xml'))!.lastError).toMatch(/within 0.5 s/);
    expect(bad.lastOkAt).toBeNull();
    expect(bad.failures).toBe(1);
    expect(bad.nextAttemptAt).toBe(Date.now() + backoffMs(1));
  });

  it('backs off exponentially after failures, per feed, and recovers', async () => {
    const broken = servers.feedUrl('invalid.xml');
    const good = servers.feedUrl('rss2.xml');
    await feeds.refresh([broken, good]);
    expect(hits('/feeds/invalid.xml')).toBe(1);

    // Half an hour later: the broken feed is still backing off (1 h); the good one is fetched again.
    vi.setSystemTime(Date.now() + 30 * 60_000);
    const r = await feeds.refresh([broken, good]);
    expect(r[0]).toMatchObject({ ok: false, skipped: true });
    expect(hits('/feeds/invalid.xml')).toBe(1);
    expect(hits('/feeds/rss2.xml')).toBe(2);

    // After the hour it is tried again, fails again, and waits 2 h, then 4 h.
    vi.setSystemTime(Date.now() + 31 * 60_000);
    await feeds.refresh([broken]);
    let s = (await feeds.statuses([broken]))[0]!;
    expect(s.failures).toBe(2);
    expect(s.nextAttemptAt! - Date.now()).toBe(2 * 3600_000);
    vi.setSystemTime(s.nextAttemptAt!);
    await feeds.refresh([broken]);
    s = (await feeds.statuses([broken]))[0]!;
    expect(s.failures).toBe(3);
    expect(s.nextAttemptAt! - Date.now()).toBe(4 * 3600_000);
    expect(hits('/feeds/invalid.xml')).toBe(3);

    // "Refresh now" ignores the backoff; a success clears the error.
    const ok = createFeedService({ meta: store, addItems: (items) => coverage.addFeedItems(items), detect, isCore, fetchText: async () => fixture('atom.xml') });
    await ok.refresh([broken], { force: true });
    s = (await ok.statuses([broken]))[0]!;
    expect(s).toMatchObject({ failures: 0, lastError: null, nextAttemptAt: null, lastMatches: 2 });
    expect(backoffMs(20)).toBe(48 * 3600_000);
  });

  it('survives a detector that throws and corrupted status storage', async () => {
    await store.setMeta('feedStatus', { [servers.feedUrl('rss2.xml')]: { url: 42 }, junk: 'x' });
    const flaky = createFeedService({
      meta: store,
      addItems: (items) => coverage.addFeedItems(items),
      detect: (text) => {
        if (text.includes('Heidi')) throw new Error('boom');
        return detect(text);
      },
      isCore,
    });
    const [r] = await flaky.refresh([servers.feedUrl('rss2.xml')]);
    expect(r).toMatchObject({ ok: true, matches: 2 });
    expect((await flaky.statuses([servers.feedUrl('rss2.xml')]))[0]!.lastMatches).toBe(2);
  });

  it('cleans the feed list from settings', () => {
    expect(cleanFeedList(['https://a.example/rss', 'javascript:alert(1)', 'https://a.example/rss', 42, ' http://b.example/feed '])).toEqual([
      'https://a.example/rss',
      'http://b.example/feed',
    ]);
  });

  it('the default list names only https feeds of known outlets', () => {
    expect(DEFAULT_FEEDS.length).toBeGreaterThanOrEqual(5);
    for (const f of DEFAULT_FEEDS) expect(f.url).toMatch(/^https:\/\/(www\.thenorthernecho\.co\.uk|feeds\.bbci\.co\.uk|www\.theguardian\.com|www\.politicshome\.com)\//);
  });
});
