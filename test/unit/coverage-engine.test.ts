/**
 * The engine as the background uses it, against the fixture feed and query servers on 127.0.0.1:
 * after the feed alarm, the Hitachi card on the demo article lists the matching earlier items; a
 * reshuffle in the query answer changes who holds the office "now"; reading history appears and is
 * cleared; a broken or slow feed shows its error and breaks nothing else.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import type { Knowledge } from '../../src/core/knowledge/compile';
import { createEngine, ALARMS, type Engine, type EngineSettings } from '../../src/background/coverage/engine';
import { startFixtureServers, type FixtureServers } from '../fixtures/feeds/server';
import { testKnowledge } from '../fixtures/wikidata/knowledge';

const archive = JSON.parse(readFileSync('src/archive/coverage.json', 'utf8'));
const DEMO = { url: 'https://www.thenorthernecho.co.uk/news/24580000.demo/', date: '2024-09-13', entities: ['hitachi-rail', 'newton-aycliffe'] };

let servers: FixtureServers;
const engines: Engine[] = [];
beforeAll(async () => {
  servers = await startFixtureServers();
});
afterAll(() => servers.close());
afterEach(() => {
  for (const e of engines.splice(0)) e.coverage.store.close();
});

async function engineWith(options: { bundled: Knowledge; settings: EngineSettings; onKnowledge?: (k: Knowledge) => void; now?: () => number }): Promise<Engine> {
  const e = await createEngine({
    bundled: options.bundled,
    archive,
    settings: () => options.settings,
    indexedDB: new IDBFactory(),
    sparqlEndpoint: servers.sparqlEndpoint,
    feedTimeoutMs: 300,
    ...(options.onKnowledge ? { onKnowledge: options.onKnowledge } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  engines.push(e);
  return e;
}

describe('engine', () => {
  it('after the feed alarm, the Hitachi card lists the matching earlier items; broken feeds show errors', async () => {
    const settings: EngineSettings = {
      history: true,
      knowledgeRefresh: false,
      feeds: ['rss2.xml', 'atom.xml', 'invalid.xml', 'slow.xml', 'not-a-feed.html'].map((f) => servers.feedUrl(f as never)),
    };
    const engine = await engineWith({ bundled: loadKnowledge(), settings });
    const before = await engine.related('hitachi-rail', DEMO);
    expect(before.some((l) => l.url.includes('example'))).toBe(false);

    expect(await engine.onAlarm(ALARMS.feeds.name)).toBe(true);
    const after = await engine.related('hitachi-rail', DEMO);
    const titles = after.map((l) => l.title);
    expect(titles).toContain('Hitachi Rail warns of job losses at Newton Aycliffe');
    expect(titles).toContain("Talks continue over the future of Hitachi Rail's Newton Aycliffe factory");
    expect(titles).not.toContain('Hitachi Energy opens a new office');
    expect(after.every((l) => l.published < DEMO.date)).toBe(true);

    const statuses = await engine.feedStatuses();
    expect(statuses.map((s) => [s.url.split('/').pop(), s.lastError === null])).toEqual([
      ['rss2.xml', true],
      ['atom.xml', true],
      ['invalid.xml', false],
      ['slow.xml', false],
      ['not-a-feed.html', false],
    ]);
    expect(statuses.every((s) => !s.isDefault)).toBe(true);
  });

  it('reading history appears on the card and is cleared', async () => {
    const engine = await engineWith({ bundled: loadKnowledge(), settings: { history: true, knowledgeRefresh: false, feeds: [] } });
    const read = 'https://www.bbc.co.uk/news/articles/c000history';
    expect(await engine.recordVisit({ url: read, title: 'A story the reader read', date: '2024-09-12', entities: [{ entity: 'hitachi-rail' }, { entity: 'newton-aycliffe' }] })).toBe(true);
    let line = (await engine.related('hitachi-rail', DEMO)).find((l) => l.url === read);
    expect(line?.readAt).toBeDefined();
    expect((await engine.history()).map((h) => h.url)).toEqual([read]);
    expect(await engine.clearHistory()).toBe(1);
    line = (await engine.related('hitachi-rail', DEMO)).find((l) => l.url === read);
    expect(line).toBeUndefined();
    expect(await engine.history()).toEqual([]);
  });

  it('a reshuffle in the query answer changes who holds the office now', async () => {
    const served: Knowledge[] = [];
    const now = () => Date.parse('2026-11-25T12:00:00Z');
    const engine = await engineWith({
      bundled: testKnowledge(),
      settings: { history: true, knowledgeRefresh: true, feeds: [] },
      onKnowledge: (k) => served.push(k),
      now,
    });
    servers.setSparqlAnswer('holders');
    await engine.onAlarm(ALARMS.knowledge.name);
    let kb = new KnowledgeBase(served.at(-1)!);
    expect(kb.holderOn('examples-secretary', kb.knowledgeAsOf)?.person.name).toBe('Sam Sample');

    servers.setSparqlAnswer('reshuffle');
    expect(await engine.refreshKnowledge(true)).toMatchObject({ ok: true, changed: true, knowledgeAsOf: '2026-11-25' });
    kb = new KnowledgeBase(served.at(-1)!);
    expect(kb.holderOn('examples-secretary', kb.knowledgeAsOf)?.person.name).toBe('Jo Newholder');
    expect((await engine.knowledgeStatus()).source).toBe('wikidata');

    servers.setSparqlAnswer('invalid');
    expect(await engine.refreshKnowledge(true)).toMatchObject({ ok: false, changed: false });
    expect(new KnowledgeBase(engine.knowledge.current()).holderOn('examples-secretary', '2026-11-25')?.person.name).toBe('Jo Newholder');
    expect(servers.requests.filter((p) => p === '/sparql')).toHaveLength(3);
  });
});
