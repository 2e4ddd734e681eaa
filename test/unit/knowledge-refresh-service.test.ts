/**
 * The weekly knowledge refresh with a fixture Wikidata answer: the "now" holder changes after a
 * reshuffle, every tenure says where it came from, and a failed or invalid answer keeps the last good
 * knowledge.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knowledge } from '../../src/core/knowledge/compile';
import { testKnowledge } from '../fixtures/wikidata/knowledge';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { openCoverageStore, type CoverageStore } from '../../src/background/coverage/store';
import { createKnowledgeRefresh, REFRESH_INTERVAL_MS, type KnowledgeRefresh } from '../../src/background/knowledge-refresh/service';
import { buildHoldersQuery, parseHoldersAnswer, SCOPE_START, WIKIDATA_SPARQL_ENDPOINT } from '../../src/background/knowledge-refresh/sparql';
import { mergeWikidata } from '../../src/background/knowledge-refresh/merge';
import { onNetworkRequest } from '../../src/background/net';
import { loadKnowledge } from '../../src/knowledge/load-node';

const answer = (name: string) => readFileSync(`test/fixtures/wikidata/${name}.json`, 'utf8');

let store: CoverageStore;
let answerText = answer('holders');
let fetched: string[] = [];
let refresh: KnowledgeRefresh;
let changes: Knowledge[] = [];

function make(fetchText?: (url: string) => Promise<string>): KnowledgeRefresh {
  return createKnowledgeRefresh({
    bundled: testKnowledge(),
    meta: store,
    now: () => Date.now(),
    fetchText:
      fetchText ??
      (async (url) => {
        fetched.push(url);
        return answerText;
      }),
    onChange: (k) => changes.push(k),
  });
}

const nowHolder = (k: Knowledge, office = 'examples-secretary') => {
  const kb = new KnowledgeBase(k);
  return kb.holderOn(office, kb.knowledgeAsOf)?.person.name;
};

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T09:00:00Z'));
  store = (await openCoverageStore({ factory: new IDBFactory() })).store;
  answerText = answer('holders');
  fetched = [];
  changes = [];
  refresh = make();
});
afterEach(() => {
  store.close();
  vi.useRealTimers();
});

describe('the Wikidata query', () => {
  it('asks for the holders of the offices that have a Wikidata id, and nothing else', async () => {
    await refresh.init();
    await refresh.refresh();
    expect(fetched).toHaveLength(1);
    const url = new URL(fetched[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(WIKIDATA_SPARQL_ENDPOINT);
    const q = url.searchParams.get('query')!;
    expect(q).toBe(buildHoldersQuery(['Q990000001', 'Q990000002']));
    expect(q).toContain('VALUES ?office { wd:Q990000001 wd:Q990000002 }');
    expect(q).toContain('p:P39');
    expect(q).toContain('pqv:P580');
    expect(q).toContain('pqv:P582');
  });

  it('leaves out, on the server, statements that ended before the knowledge base begins (centuries of Chancellors)', () => {
    const q = buildHoldersQuery(['Q990000001']);
    const filter = 'FILTER(!BOUND(?end) || ?end >= "2010-05-11T00:00:00Z"^^xsd:dateTime)';
    expect(SCOPE_START).toBe('2010-05-11');
    expect(q).toContain(filter);
    // Inside the WHERE group, after ?end is bound by its OPTIONAL, so statements without an end are kept.
    const where = q.slice(q.indexOf('WHERE {'), q.lastIndexOf('}') + 1);
    expect(where.indexOf(filter)).toBeGreaterThan(where.indexOf('pqv:P582'));
    expect(where.indexOf(filter)).toBeLessThan(where.indexOf('SERVICE wikibase:label'));
    expect([...q].filter((c) => c === '{').length).toBe([...q].filter((c) => c === '}').length);
    // The filter drops nothing the merge could use: every office starts on or after it, and the merge ignores
    // whatever ended before the knowledge base's own date.
    const real = loadKnowledge();
    expect(real.offices.every((o) => o.from >= SCOPE_START)).toBe(true);
    const office = real.offices.find((o) => o.wikidata)!;
    const m = mergeWikidata(real, [{ office: office.wikidata!, person: 'Q990000999', name: 'Ancient Holder', start: '1780-01-01', end: '2010-05-10' }], '2026-12-01');
    expect(m.used).toBe(0);
    expect(m.knowledge.entities.some((e) => e.name === 'Ancient Holder')).toBe(false);
  });

  it('keeps only day-precise statements for the offices asked', () => {
    const { statements, skipped } = parseHoldersAnswer(answer('holders'), ['Q990000001', 'Q990000002']);
    expect(skipped).toBe(2);
    expect(statements.map((s) => s.name)).toEqual(['Old Holder', 'Alex Example', 'Sam Sample', 'Sam Sample']);
    expect(() => parseHoldersAnswer(answer('invalid'), ['Q990000001'])).toThrow(/SPARQL results schema/);
    expect(() => parseHoldersAnswer(answer('empty'), ['Q990000001'])).toThrow(/no usable statement/);
    expect(() => parseHoldersAnswer('<html>', ['Q990000001'])).toThrow(/not JSON/);
  });
});

describe('refresh and merge', () => {
  it('confirms the bundled holders and moves "knowledge as of" to the fetch date', async () => {
    const before = await refresh.init();
    expect(before.meta.knowledgeAsOf).toBe('2026-06-01');
    const r = await refresh.refresh();
    expect(r).toMatchObject({ ok: true, changed: true, knowledgeAsOf: '2026-11-25' });
    expect(refresh.knowledgeAsOf()).toBe('2026-11-25');
    expect(nowHolder(refresh.current())).toBe('Sam Sample');
    const sam = refresh.current().entities.find((e) => e.id === 'sam-sample')!;
    expect(sam.type === 'person' && sam.tenures[0]!.evidenceAsOf).toBe('2026-11-25');
    expect(refresh.origins()).toContainEqual({ person: 'sam-sample', office: 'examples-secretary', from: '2025-09-05', origin: 'bundled', updatedBy: 'wikidata-evidence', fetchedAt: '2026-11-25' });
    expect(refresh.origins()).toContainEqual({ person: 'alex-example', office: 'examples-secretary', from: '2024-07-05', origin: 'bundled' });
    // Old holders are not imported: the bundled data owns history.
    expect(refresh.current().entities.some((e) => e.name === 'Old Holder')).toBe(false);
  });

  it('changes the "now" holder after a reshuffle in the answer', async () => {
    await refresh.init();
    await refresh.refresh();
    answerText = answer('reshuffle');
    vi.setSystemTime(Date.now() + REFRESH_INTERVAL_MS);
    const r = await refresh.refresh();
    expect(r.ok).toBe(true);
    const k = refresh.current();
    const kb = new KnowledgeBase(k);
    expect(kb.holderOn('examples-secretary', '2026-11-19')?.person.name).toBe('Sam Sample');
    expect(kb.holderOn('examples-secretary', '2026-11-20')?.person.name).toBe('Jo Newholder');
    expect(kb.holderOfTitleOn('Examples Secretary', kb.knowledgeAsOf)?.person.id).toBe('wd-q990000103');
    expect(kb.knowledgeAsOf).toBe('2026-12-02');

    const jo = kb.person('wd-q990000103')!;
    expect(jo).toMatchObject({ name: 'Jo Newholder', surname: 'Jo Newholder', names: [], shortForms: [], wikidata: 'Q990000103' });
    expect(jo.tenures).toEqual([
      { office: 'examples-secretary', from: '2026-11-20', to: null, evidenceAsOf: '2026-12-02', source: 'https://www.wikidata.org/wiki/Q990000103', note: 'From Wikidata (fetched 2026-12-02).' },
    ]);
    expect(refresh.origins()).toContainEqual({ person: 'wd-q990000103', office: 'examples-secretary', from: '2026-11-20', origin: 'wikidata', fetchedAt: '2026-12-02' });
    expect(refresh.origins()).toContainEqual({ person: 'sam-sample', office: 'examples-secretary', from: '2025-09-05', origin: 'bundled', updatedBy: 'wikidata-end', fetchedAt: '2026-12-02' });
    // Sam stays a junior minister; the unnamed newcomer is not invented.
    expect(kb.holdersOn('examples-minister', '2026-12-01').map((h) => h.person.id)).toEqual(['sam-sample']);
    expect((await refresh.status()).peopleFromWikidata).toBe(1);
    expect(changes.at(-1)).toBe(k);
  });

  it('keeps the last good knowledge when the fetch fails or the answer is invalid, and retries with backoff', async () => {
    answerText = answer('reshuffle');
    await refresh.init();
    await refresh.refresh();
    expect(nowHolder(refresh.current())).toBe('Jo Newholder');
    const good = refresh.current();

    for (const bad of [answer('invalid'), answer('empty'), '<!doctype html><p>rate limited</p>']) {
      answerText = bad;
      const r = await refresh.refresh({ force: true });
      expect(r.ok).toBe(false);
      expect(r.changed).toBe(false);
      expect(refresh.current()).toBe(good);
    }
    const failing = make(async () => {
      throw new Error('no answer within 30 s');
    });
    await failing.init();
    expect(nowHolder(failing.current())).toBe('Jo Newholder'); // the stored last good answer
    const r = await failing.refresh({ force: true });
    expect(r).toMatchObject({ ok: false, error: 'no answer within 30 s' });
    expect(nowHolder(failing.current())).toBe('Jo Newholder');
    const s = await failing.status();
    expect(s.failures).toBe(4);
    expect(s.lastError).toBe('no answer within 30 s');
    // The last good answer is from today: the next scheduled try is a week after it...
    expect(s.nextDueAt).toBe(s.lastOkAt! + REFRESH_INTERVAL_MS);
    // ...and when the scheduled one fails too, retries back off (1 h, 2 h, ... at most a day).
    vi.setSystemTime(s.nextDueAt);
    expect(await failing.refresh()).toMatchObject({ ok: false });
    expect((await failing.status()).failures).toBe(5);
    expect((await failing.status()).nextDueAt).toBe(Date.now() + 16 * 3600_000);
    expect(await failing.refresh()).toMatchObject({ skipped: true });
    vi.setSystemTime(Date.now() + 16 * 3600_000);
    await failing.refresh();
    expect((await failing.status()).nextDueAt).toBe(Date.now() + 24 * 3600_000);
    expect(nowHolder(failing.current())).toBe('Jo Newholder');
  });

  it('refreshes weekly, not on every alarm, unless forced', async () => {
    await refresh.init();
    await refresh.refresh();
    vi.setSystemTime(Date.now() + 3 * 24 * 3600_000);
    expect(await refresh.refresh()).toMatchObject({ skipped: true });
    expect(fetched).toHaveLength(1);
    await refresh.refresh({ force: true });
    expect(fetched).toHaveLength(2);
    vi.setSystemTime(Date.now() + REFRESH_INTERVAL_MS);
    await refresh.refresh();
    expect(fetched).toHaveLength(3);
  });

  it('restores the merged knowledge at startup and survives corrupted storage', async () => {
    answerText = answer('reshuffle');
    await refresh.init();
    await refresh.refresh();
    const restarted = make();
    expect(nowHolder(await restarted.init())).toBe('Jo Newholder');
    expect(fetched).toHaveLength(1);

    await store.setMeta('knowledgeRefresh', { version: 1, statements: 'garbage' });
    const corrupted = make();
    expect(nowHolder(await corrupted.init())).toBe('Sam Sample');
    expect(corrupted.knowledgeAsOf()).toBe('2026-06-01');
  });

  it('can be reset to the bundled knowledge (refresh switched off)', async () => {
    answerText = answer('reshuffle');
    await refresh.init();
    await refresh.refresh();
    expect(nowHolder((await refresh.reset()))).toBe('Sam Sample');
    expect(nowHolder(await make().init())).toBe('Sam Sample');
  });
});

describe('merge rules', () => {
  const base = testKnowledge();
  const st = (person: string, start: string, end: string | null, name?: string, office = 'Q990000001') => ({ office, person, start, end, ...(name ? { name } : {}) });

  it('does not let a stale or contradicting answer override newer bundled evidence', () => {
    const m = mergeWikidata(
      base,
      [
        st('Q990000101', '2024-07-05', null), // Wikidata forgot that Alex left
        st('Q990000107', '2026-01-01', null, 'Pat Early'), // bundled saw Sam in office on 2026-06-01
        st('Q990000108', '2026-07-01', '2026-08-01', 'Brief Holder'), // would cut into Sam's open tenure
      ],
      '2026-11-25',
    );
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('examples-secretary', '2026-11-25')?.person.id).toBe('sam-sample');
    expect(kb.holderOn('examples-secretary', '2026-07-15')?.person.id).toBe('sam-sample');
    expect(kb.holderOn('examples-secretary', '2025-01-01')?.person.id).toBe('alex-example');
    expect(kb.person('wd-q990000107')).toBeUndefined();
    expect(kb.person('wd-q990000108')).toBeUndefined();
    expect(m.conflicts.some((c) => c.includes('Q990000107'))).toBe(true);
    expect(m.conflicts.some((c) => c.includes('Q990000108'))).toBe(true);
    expect(m.used).toBe(0);
    expect(m.knowledge.meta.knowledgeAsOf).toBe('2026-06-01');
  });

  it('recognises a known person without a Wikidata id by name instead of adding a duplicate', () => {
    const m = mergeWikidata(base, [st('Q990000102', '2025-09-05', '2026-09-01'), st('Q990000201', '2026-09-01', null, 'Alex Example')], '2026-11-25');
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('examples-secretary', '2026-11-25')?.person.id).toBe('alex-example');
    expect(m.addedPeople).toEqual([]);
    expect(kb.person('alex-example')!.tenures.map((t) => `${t.from}..${t.to}`)).toEqual(['2024-07-05..2025-09-05', '2026-09-01..null']);
  });

  it('takes an interim holder between two Wikidata statements', () => {
    const m = mergeWikidata(
      base,
      [st('Q990000102', '2025-09-05', '2026-07-01'), st('Q990000108', '2026-07-01', '2026-08-01', 'Brief Holder'), st('Q990000107', '2026-08-01', null, 'Pat Later')],
      '2026-11-25',
    );
    const kb = new KnowledgeBase(m.knowledge);
    expect(['2026-06-30', '2026-07-15', '2026-11-25'].map((d) => kb.holderOn('examples-secretary', d)?.person.name)).toEqual(['Sam Sample', 'Brief Holder', 'Pat Later']);
    expect(m.used).toBe(3);
  });

  it('never makes a request for anything but the scheduled query', async () => {
    const seen: string[] = [];
    const off = onNetworkRequest((u) => seen.push(u));
    await refresh.init();
    await refresh.refresh();
    new KnowledgeBase(refresh.current()).holderOn('examples-secretary', '2026-11-25');
    off();
    expect(seen).toEqual([]); // the stub fetcher was used: no real request at all
  });
});

describe('through fetchCapped against a query server on 127.0.0.1', () => {
  let server: Server;
  let endpoint = '';
  let contentType = 'application/sparql-results+json; charset=utf-8';
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(answer('reshuffle'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches, validates and merges; an HTML answer is refused', async () => {
    const seen: string[] = [];
    const off = onNetworkRequest((u) => seen.push(u));
    const live = createKnowledgeRefresh({ bundled: testKnowledge(), meta: store, endpoint });
    await live.init();
    expect(await live.refresh()).toMatchObject({ ok: true, changed: true });
    expect(nowHolder(live.current())).toBe('Jo Newholder');
    contentType = 'text/html';
    const r = await live.refresh({ force: true });
    expect(r).toMatchObject({ ok: false, error: 'unexpected content type text/html' });
    expect(nowHolder(live.current())).toBe('Jo Newholder');
    off();
    expect(seen.map((u) => new URL(u).pathname)).toEqual(['/sparql', '/sparql']);
  });
});

describe('over the real bundled knowledge', () => {
  it('re-validates the whole knowledge base and changes the Transport Secretary after a (fictional) reshuffle', () => {
    const real = loadKnowledge();
    const withIds: Knowledge = {
      ...real,
      // Test-only ids: the real offices get theirs in src/knowledge/offices/*.json.
      offices: real.offices.map((o) => (o.id === 'transport-secretary' ? { ...o, wikidata: 'Q990000301' } : o)),
    };
    const kb0 = new KnowledgeBase(withIds);
    const current = kb0.holderOn('transport-secretary', real.meta.knowledgeAsOf)!;
    const later = new Date(Date.parse(`${real.meta.knowledgeAsOf}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    const m = mergeWikidata(
      withIds,
      [
        { office: 'Q990000301', person: 'Q990000302', name: current.person.name, start: current.tenure.from, end: later },
        { office: 'Q990000301', person: 'Q990000303', name: 'Fictional Successor', start: later, end: null },
      ],
      later,
    );
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('transport-secretary', real.meta.knowledgeAsOf)?.person.id).toBe(current.person.id);
    expect(kb.holderOn('transport-secretary', later)?.person.name).toBe('Fictional Successor');
    expect(kb.knowledgeAsOf).toBe(later);
    expect(m.knowledge.entities.length).toBe(real.entities.length + 1);
  });
});
