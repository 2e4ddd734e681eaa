/**
 * Privacy: what the reader reads never causes a request. Recording a page, opening a card (related
 * coverage), the history and the options' status views are local; the only requests are the scheduled
 * refreshes, for the fixed feed list, and all of them go through src/background/net.ts.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { createEngine, ALARMS, type Engine, type EngineSettings } from '../../src/background/coverage/engine';
import { DEFAULT_FEED_URLS } from '../../src/background/feeds/defaults';

const bundled = loadKnowledge();
const archive = JSON.parse(readFileSync('src/archive/coverage.json', 'utf8'));
const rss = readFileSync('test/fixtures/feeds/rss2.xml', 'utf8');
const READ_URL = 'https://www.thenorthernecho.co.uk/news/24600000.private-reading/';

let requests: string[];
let settings: EngineSettings;
let engine: Engine;

beforeEach(async () => {
  requests = [];
  settings = { history: true, knowledgeRefresh: true, feeds: null };
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requests.push(url);
    return new Response(rss, { status: 200, headers: { 'content-type': 'application/rss+xml' } });
  });
  engine = await createEngine({ bundled, archive, settings: () => settings, indexedDB: new IDBFactory() });
});
afterEach(() => {
  engine.coverage.store.close();
  vi.restoreAllMocks();
});

describe('privacy', () => {
  it('reading a page and opening cards makes no request at all', async () => {
    expect('error' in engine.seed).toBe(false);
    expect(await engine.recordRead({ url: READ_URL, title: 'Private reading', outlet: 'The Northern Echo', published: '2024-09-12', entities: ['hitachi-rail', 'newton-aycliffe'] })).toBe(true);
    const lines = await engine.related('hitachi-rail', { url: 'https://www.bbc.co.uk/news/some-page', date: '2024-10-01', entities: ['hitachi-rail', 'newton-aycliffe'] });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.find((l) => l.url === READ_URL)?.readAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await engine.recordVisit({ url: 'https://www.bbc.co.uk/news/articles/c000private', title: 'Another read', date: '2024-09-20', entities: [{ entity: 'hitachi-rail' }, { entity: 'hitachi-rail' }] })).toBe(true);
    const newest = await engine.newest('hitachi-rail', '2024-09-30');
    expect(newest).toMatchObject({ url: 'https://www.bbc.co.uk/news/articles/c000private', outlet: 'BBC News', published: '2024-09-20' });
    expect((await engine.newest('hitachi-rail', '2024-09-30', 'https://bbc.co.uk/news/articles/c000private?at_medium=x'))?.url).not.toBe(newest!.url);
    expect(await engine.newest('hitachi-rail', '2000-01-01')).toBeNull();
    await engine.history();
    await engine.exportHistory();
    await engine.feedStatuses();
    await engine.knowledgeStatus();
    await engine.stats();
    await engine.clearHistory();
    expect(requests).toEqual([]);
  });

  it('with the history switched off, nothing is recorded', async () => {
    settings.history = false;
    expect(await engine.recordRead({ url: READ_URL, title: 'Private reading', outlet: 'The Northern Echo', published: '2024-09-12', entities: ['hitachi-rail'] })).toBe(false);
    expect(await engine.history()).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('the scheduled refresh requests exactly the feed list, whatever the reader read', async () => {
    await engine.recordRead({ url: READ_URL, title: 'Private reading', outlet: 'The Northern Echo', published: '2024-09-12', entities: ['hitachi-rail'] });
    expect(await engine.onAlarm(ALARMS.feeds.name)).toBe(true);
    expect([...requests].sort()).toEqual([...DEFAULT_FEED_URLS].sort());
    requests = [];
    settings.feeds = ['https://feeds.example.test/custom.xml'];
    await engine.refreshFeeds(true);
    expect(requests).toEqual(['https://feeds.example.test/custom.xml']);
    expect(requests.some((u) => u.includes('private-reading'))).toBe(false);
    expect(await engine.onAlarm('someone-elses-alarm')).toBe(false);
  });

  it('with the knowledge refresh switched off, Wikidata is never asked', async () => {
    settings.knowledgeRefresh = false;
    await engine.settingsChanged();
    expect(await engine.onAlarm(ALARMS.knowledge.name)).toBe(true);
    expect(await engine.refreshKnowledge(true)).toMatchObject({ ok: false, error: 'the knowledge refresh is switched off' });
    expect((await engine.knowledgeStatus()).enabled).toBe(false);
    expect(engine.knowledge.current()).toBe(bundled);
    expect(requests).toEqual([]);
  });

  it('only src/background/net.ts touches the network', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx|js|mjs)$/.test(name) && full !== join('src', 'background', 'net.ts') && !full.startsWith(join('src', 'tools'))) {
          const text = readFileSync(full, 'utf8');
          for (const pattern of [/\bfetch\s*\(/, /XMLHttpRequest/, /new\s+WebSocket/, /sendBeacon/, /new\s+EventSource/, /importScripts/]) {
            if (pattern.test(text)) offenders.push(`${full}: ${pattern}`);
          }
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });
});
