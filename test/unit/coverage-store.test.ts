import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openCoverageStore, MemoryCoverageStore, DB_NAME, type CoverageStore } from '../../src/background/coverage/store';
import { createCoverageService } from '../../src/background/coverage/service';
import { canonicalUrl } from '../../src/core/coverage/canonical';
import type { CoverageItem } from '../../src/core/coverage/schema';
import type { Archive } from '../../src/core/coverage/archive';

function feedItem(n: number, published: string, entities = ['hitachi-rail']): CoverageItem {
  const url = `https://example.co.uk/feed-${n}`;
  return {
    url,
    canonicalUrl: canonicalUrl(url)!,
    title: `Feed story ${n}`,
    outlet: 'Example',
    published,
    entities,
    origin: 'feed',
    origins: ['feed'],
    feedUrl: 'https://example.co.uk/rss',
    addedAt: 1_700_000_000_000 + n,
  };
}

const archive: Archive = {
  items: [
    {
      url: 'https://www.example.co.uk/archive-1',
      title: 'Archive one',
      outlet: 'Example',
      published: '2012-07-24',
      entities: ['hitachi-rail', 'newton-aycliffe'],
      checked: '2026-11-25',
    },
    {
      url: 'https://www.example.co.uk/archive-2',
      title: 'Archive two',
      outlet: 'Example',
      published: '2015-09-03',
      entities: ['hitachi-rail'],
      checked: '2026-11-25',
    },
  ],
};

const stores: Record<string, () => Promise<CoverageStore>> = {
  indexeddb: async () => {
    const { store, fallbackReason } = await openCoverageStore({ factory: new IDBFactory() });
    expect(fallbackReason).toBeUndefined();
    expect(store.kind).toBe('indexeddb');
    return store;
  },
  memory: async () => new MemoryCoverageStore(),
};

for (const [kind, open] of Object.entries(stores)) {
  describe(`coverage store (${kind})`, () => {
    let store: CoverageStore;
    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
      store = await open();
    });
    afterEach(() => {
      store.close();
      vi.useRealTimers();
    });

    it('finds items by entity and merges a story seen twice', async () => {
      await store.upsert([feedItem(1, '2024-01-01'), feedItem(2, '2024-02-01', ['newton-aycliffe'])]);
      await store.upsert([{ ...feedItem(1, '2024-01-01'), entities: ['newton-aycliffe'] }]);
      expect((await store.byEntity('hitachi-rail')).map((i) => i.title)).toEqual(['Feed story 1']);
      expect((await store.byEntity('newton-aycliffe')).map((i) => i.title).sort()).toEqual(['Feed story 1', 'Feed story 2']);
      expect(await store.count()).toBe(2);
    });

    it('evicts only the oldest feed items, never the history or the archive', async () => {
      const service = createCoverageService({ store, maxItems: 4, now: () => Date.now() });
      await service.seedArchive(archive); // 2 archive items, oldest of all
      await service.recordRead({
        url: 'https://example.co.uk/read-1',
        title: 'Read one',
        outlet: 'Example',
        published: '2013-01-01',
        entities: ['hitachi-rail'],
      });
      const r = await service.addFeedItems([feedItem(1, '2024-01-01'), feedItem(2, '2025-01-01'), feedItem(3, '2026-01-01')]);
      expect(r.evicted).toBe(2);
      const titles = (await store.all()).map((i) => i.title).sort();
      expect(titles).toEqual(['Archive one', 'Archive two', 'Feed story 3', 'Read one']);
      // Over the limit with kept items only: nothing of the reader's or the archive is dropped.
      const r2 = await createCoverageService({ store, maxItems: 1 }).addFeedItems([]);
      expect(r2.evicted).toBe(1);
      expect((await store.all()).map((i) => i.title).sort()).toEqual(['Archive one', 'Archive two', 'Read one']);
    });

    it('seeds the archive once per version and updates it when the archive changes', async () => {
      const service = createCoverageService({ store });
      expect((await service.seedArchive(archive)).seeded).toBe(true);
      expect((await service.seedArchive(archive)).seeded).toBe(false);
      expect(await store.count()).toBe(2);
      // A newer archive drops one story and corrects a title.
      const next: Archive = { items: [{ ...archive.items[0]!, title: 'Archive one (corrected)' }] };
      expect((await service.seedArchive(next)).seeded).toBe(true);
      expect((await store.all()).map((i) => i.title)).toEqual(['Archive one (corrected)']);
    });

    it('records, exports and clears the reading history, keeping what the archive holds', async () => {
      const service = createCoverageService({ store, now: () => Date.now() });
      await service.seedArchive(archive);
      await service.recordRead({
        url: 'http://m.example.co.uk/archive-1/?utm_source=twitter',
        title: 'Archive one as read',
        outlet: 'Example',
        published: '2012-07-24',
        entities: ['hitachi-rail'],
      });
      await service.recordRead({
        url: 'https://example.co.uk/other',
        title: 'Other',
        outlet: 'Example',
        published: '2024-09-12',
        entities: ['louise-haigh'],
      });
      const history = await service.history();
      expect(history.map((h) => h.url)).toHaveLength(2);
      expect(history[0]!.readAt).toBe('2026-11-25T10:00:00.000Z');
      const related = await service.related('hitachi-rail', { url: 'https://example.co.uk/now', date: '2024-09-12', entities: ['hitachi-rail'] });
      const archived = related.find((r) => r.canonicalUrl === 'https://example.co.uk/archive-1');
      expect(archived?.readAt).toBe(Date.parse('2026-11-25T10:00:00Z'));
      expect(archived?.title).toBe('Archive one');

      const exported = JSON.parse(await service.exportHistory());
      expect(exported.format).toBe('backstory-reading-history');
      expect(exported.items.map((i: { title: string }) => i.title).sort()).toEqual(['Archive one', 'Other']);

      expect(await service.clearHistory()).toBe(2);
      expect(await service.history()).toEqual([]);
      const after = await store.all();
      expect(after.map((i) => i.title).sort()).toEqual(['Archive one', 'Archive two']);
      expect(after.every((i) => i.readAt === undefined && i.origin === 'archive')).toBe(true);
    });

    it('refuses hostile or malformed reading records', async () => {
      const service = createCoverageService({ store });
      expect(await service.recordRead({ url: 'javascript:alert(1)', title: 'x', outlet: 'y', published: '2024-01-01', entities: ['a'] })).toBeNull();
      expect(await service.recordRead({ url: 'https://e.com/x', title: '', outlet: 'y', published: '2024-01-01', entities: ['a'] })).toBeNull();
      expect(await service.recordRead({ url: 'https://e.com/x', title: 't', outlet: 'y', published: '2024-02-30', entities: ['a'] })).toBeNull();
      expect(await service.recordRead({ url: 'https://e.com/x', title: 't', outlet: 'y', published: '2024-02-03', entities: [] })).toBeNull();
      expect(await service.recordRead(null as never)).toBeNull();
      const long = await service.recordRead({ url: 'https://e.com/x', title: 'T'.repeat(10_000), outlet: 'y', published: '2024-02-03', entities: ['a'] });
      expect(long?.title.length).toBe(500);
      expect(await store.count()).toBe(1);
    });
  });
}

describe('IndexedDB specifics', () => {
  it('skips and repairs corrupted records instead of crashing', async () => {
    const factory = new IDBFactory();
    const { store } = await openCoverageStore({ factory });
    await store.upsert([feedItem(1, '2024-01-01')]);
    store.close();
    // Corrupt the database behind the store's back.
    await new Promise<void>((resolve, reject) => {
      const req = factory.open(DB_NAME, 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('items', 'readwrite');
        tx.objectStore('items').put({ canonicalUrl: 'https://bad.example/x', entities: ['hitachi-rail'], title: 42 });
        tx.objectStore('items').put({ canonicalUrl: 'https://bad.example/y', entities: ['hitachi-rail'], url: 'javascript:alert(1)', title: 'x', outlet: 'x', published: '2024-01-01', origin: 'feed', addedAt: 1 });
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
    const { store: reopened } = await openCoverageStore({ factory });
    expect((await reopened.byEntity('hitachi-rail')).map((i) => i.title)).toEqual(['Feed story 1']);
    expect(await reopened.count()).toBe(3);
    expect(await reopened.repair()).toBe(2);
    expect(await reopened.count()).toBe(1);
    reopened.close();
  });

  it('over quota, makes room by evicting old feed items (never the history) and retries', async () => {
    const { store } = await openCoverageStore({ factory: new IDBFactory() });
    const service = createCoverageService({ store });
    await service.recordRead({ url: 'https://example.co.uk/read', title: 'Read', outlet: 'Example', published: '2010-01-01', entities: ['hitachi-rail'] });
    await store.upsert(Array.from({ length: 10 }, (_, i) => feedItem(i, `2020-01-${String(i + 1).padStart(2, '0')}`)));
    const proto = IDBObjectStore.prototype as unknown as { put: (...a: unknown[]) => unknown };
    const put = proto.put;
    let thrown = 0;
    proto.put = function (this: unknown, ...args: unknown[]) {
      if (thrown === 0 && (args[0] as { title?: string }).title === 'Feed story 99') {
        thrown++;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
    try {
      await store.upsert([feedItem(99, '2026-01-01')]);
    } finally {
      proto.put = put;
    }
    expect(thrown).toBe(1);
    const titles = (await store.all()).map((i) => i.title);
    expect(titles).toContain('Feed story 99');
    expect(titles).toContain('Read');
    expect(titles).not.toContain('Feed story 0'); // the oldest feed items made room
    expect(titles.length).toBeLessThan(12);
    store.close();
  });

  it('persists across reopening', async () => {
    const factory = new IDBFactory();
    const a = await openCoverageStore({ factory });
    await a.store.upsert([feedItem(7, '2024-01-01')]);
    await a.store.setMeta('k', { x: 1 });
    a.store.close();
    const b = await openCoverageStore({ factory });
    expect((await b.store.get('https://example.co.uk/feed-7'))?.title).toBe('Feed story 7');
    expect(await b.store.getMeta('k')).toEqual({ x: 1 });
    b.store.close();
  });

  it('falls back to memory when IndexedDB is unavailable or fails to open, and still works', async () => {
    const none = await openCoverageStore({ factory: null });
    expect(none.store.kind).toBe('memory');
    expect(none.fallbackReason).toMatch(/not available/);

    const throwing = { open: () => { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); } } as unknown as IDBFactory;
    const failed = await openCoverageStore({ factory: throwing });
    expect(failed.store.kind).toBe('memory');
    expect(failed.fallbackReason).toMatch(/failed to open/);

    const hanging = { open: () => ({ addEventListener() {}, removeEventListener() {} }) } as unknown as IDBFactory;
    vi.useFakeTimers();
    const pending = openCoverageStore({ factory: hanging, timeoutMs: 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    const hung = await pending;
    vi.useRealTimers();
    expect(hung.store.kind).toBe('memory');
    expect(hung.fallbackReason).toMatch(/did not open within 2000 ms/);

    const service = createCoverageService({ store: hung.store, fallbackReason: hung.fallbackReason });
    await service.addFeedItems([feedItem(1, '2024-01-01')]);
    expect((await service.related('hitachi-rail', { url: 'https://x.example/', date: '2025-01-01', entities: [] })).map((r) => r.title)).toEqual(['Feed story 1']);
    expect((await service.stats()).storage).toBe('memory');
  });
});
