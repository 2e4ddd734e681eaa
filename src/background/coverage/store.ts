/**
 * The coverage index's storage: IndexedDB through `idb` (one object store keyed by canonical URL, with a
 * multiEntry index on entity ids and an index on the publication date, plus a small key-value store for
 * bookkeeping), or the same interface in memory when IndexedDB is unavailable (Firefox private windows,
 * a broken profile) or fails to open.
 *
 * Everything read back is validated: a corrupted record is skipped (and removed by `repair`), never
 * passed on.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { isEvictable, mergeItems, parseCoverageItem, type CoverageItem } from '../../core/coverage/schema';

export const DB_NAME = 'backstory-coverage';
export const DB_VERSION = 1;

interface CoverageDB extends DBSchema {
  items: {
    key: string;
    value: CoverageItem;
    indexes: { entity: string; published: string };
  };
  meta: {
    key: string;
    value: unknown;
  };
}

export interface CoverageStore {
  readonly kind: 'indexeddb' | 'memory';
  get(canonicalUrl: string): Promise<CoverageItem | undefined>;
  /** Add or merge (same canonical URL) records. Returns the merged records as stored. */
  upsert(items: readonly CoverageItem[]): Promise<CoverageItem[]>;
  /** Write records exactly as given (no merge), replacing what has the same key. */
  put(items: readonly CoverageItem[]): Promise<void>;
  delete(canonicalUrls: readonly string[]): Promise<void>;
  byEntity(entity: string): Promise<CoverageItem[]>;
  all(): Promise<CoverageItem[]>;
  count(): Promise<number>;
  /**
   * Keep at most `maxItems` records by removing the oldest (by publication date) feed-only ones. Items
   * from the archive or the reading history are never removed, even when they alone exceed the limit.
   * Returns how many were removed.
   */
  evict(maxItems: number): Promise<number>;
  /** Remove records that no longer validate. Returns how many were removed. */
  repair(): Promise<number>;
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
  close(): void;
}

function valid(raw: readonly unknown[]): CoverageItem[] {
  const out: CoverageItem[] = [];
  for (const r of raw) {
    const item = parseCoverageItem(r);
    if (item) out.push(item);
  }
  return out;
}

const byPublished = (a: CoverageItem, b: CoverageItem) =>
  a.published < b.published ? -1 : a.published > b.published ? 1 : a.addedAt - b.addedAt;

/** The in-memory store: same behaviour, lost when the background stops. */
export class MemoryCoverageStore implements CoverageStore {
  readonly kind = 'memory' as const;
  private readonly items = new Map<string, CoverageItem>();
  private readonly meta = new Map<string, unknown>();

  async get(key: string) {
    const item = this.items.get(key);
    return item ? structuredClone(item) : undefined;
  }
  async upsert(items: readonly CoverageItem[]) {
    const out: CoverageItem[] = [];
    for (const raw of items) {
      const item = parseCoverageItem(raw);
      if (!item) continue;
      const prev = this.items.get(item.canonicalUrl);
      const merged = prev ? mergeItems(prev, item) : item;
      this.items.set(item.canonicalUrl, merged);
      out.push(structuredClone(merged));
    }
    return out;
  }
  async put(items: readonly CoverageItem[]) {
    for (const raw of items) {
      const item = parseCoverageItem(raw);
      if (item) this.items.set(item.canonicalUrl, item);
    }
  }
  async delete(keys: readonly string[]) {
    for (const k of keys) this.items.delete(k);
  }
  async byEntity(entity: string) {
    return [...this.items.values()].filter((i) => i.entities.includes(entity)).map((i) => structuredClone(i));
  }
  async all() {
    return [...this.items.values()].map((i) => structuredClone(i));
  }
  async count() {
    return this.items.size;
  }
  async evict(maxItems: number) {
    let excess = this.items.size - maxItems;
    if (excess <= 0) return 0;
    let removed = 0;
    for (const item of [...this.items.values()].filter(isEvictable).sort(byPublished)) {
      if (excess <= 0) break;
      this.items.delete(item.canonicalUrl);
      excess--;
      removed++;
    }
    return removed;
  }
  async repair() {
    return 0;
  }
  async getMeta(key: string) {
    const v = this.meta.get(key);
    return v === undefined ? undefined : structuredClone(v);
  }
  async setMeta(key: string, value: unknown) {
    this.meta.set(key, structuredClone(value));
  }
  close() {}
}

function isQuotaError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
}

export class IdbCoverageStore implements CoverageStore {
  readonly kind = 'indexeddb' as const;
  constructor(private readonly db: IDBPDatabase<CoverageDB>) {}

  async get(key: string) {
    return parseCoverageItem(await this.db.get('items', key));
  }

  async upsert(items: readonly CoverageItem[]) {
    const write = async () => {
      const tx = this.db.transaction('items', 'readwrite');
      const out: CoverageItem[] = [];
      for (const raw of items) {
        const item = parseCoverageItem(raw);
        if (!item) continue;
        const prev = parseCoverageItem(await tx.store.get(item.canonicalUrl));
        const merged = prev ? mergeItems(prev, item) : item;
        await tx.store.put(merged);
        out.push(merged);
      }
      await tx.done;
      return out;
    };
    try {
      return await write();
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      // Over quota: make room by dropping the oldest feed items (never history or archive), then retry once.
      const n = await this.count();
      await this.evict(Math.floor(n * 0.8));
      return await write();
    }
  }

  async put(items: readonly CoverageItem[]) {
    const tx = this.db.transaction('items', 'readwrite');
    for (const raw of items) {
      const item = parseCoverageItem(raw);
      if (item) await tx.store.put(item);
    }
    await tx.done;
  }

  async delete(keys: readonly string[]) {
    const tx = this.db.transaction('items', 'readwrite');
    for (const k of keys) await tx.store.delete(k);
    await tx.done;
  }

  async byEntity(entity: string) {
    return valid(await this.db.getAllFromIndex('items', 'entity', entity));
  }

  async all() {
    return valid(await this.db.getAll('items'));
  }

  async count() {
    return this.db.count('items');
  }

  async evict(maxItems: number) {
    let excess = (await this.count()) - maxItems;
    if (excess <= 0) return 0;
    let removed = 0;
    const tx = this.db.transaction('items', 'readwrite');
    let cursor = await tx.store.index('published').openCursor();
    while (cursor && excess > 0) {
      const item = parseCoverageItem(cursor.value);
      if (!item || isEvictable(item)) {
        await cursor.delete();
        excess--;
        removed++;
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    return removed;
  }

  async repair() {
    let removed = 0;
    const tx = this.db.transaction('items', 'readwrite');
    let cursor = await tx.store.openCursor();
    while (cursor) {
      const item = parseCoverageItem(cursor.value);
      if (!item || item.canonicalUrl !== cursor.key) {
        await cursor.delete();
        removed++;
      }
      cursor = await cursor.continue();
    }
    await tx.done;
    return removed;
  }

  async getMeta(key: string) {
    return this.db.get('meta', key);
  }

  async setMeta(key: string, value: unknown) {
    await this.db.put('meta', value, key);
  }

  close() {
    this.db.close();
  }
}

export interface OpenStoreOptions {
  /** The IndexedDB factory; defaults to globalThis.indexedDB. `null` forces the in-memory store. */
  factory?: IDBFactory | null;
  name?: string;
  /** Give up opening after this long (a blocked upgrade must not hang the background). */
  timeoutMs?: number;
}

export interface OpenedStore {
  store: CoverageStore;
  /** Why the in-memory store is used, when it is. */
  fallbackReason?: string;
}

function openIdb(factory: IDBFactory, name: string): Promise<IDBPDatabase<CoverageDB>> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as IDBPDatabase<CoverageDB>;
    if (event.oldVersion < 1) {
      const items = db.createObjectStore('items', { keyPath: 'canonicalUrl' });
      items.createIndex('entity', 'entities', { multiEntry: true });
      items.createIndex('published', 'published');
      db.createObjectStore('meta');
    }
  });
  return new Promise((resolve, reject) => {
    request.addEventListener('success', () => resolve(wrap(request.result) as unknown as IDBPDatabase<CoverageDB>));
    request.addEventListener('error', () => reject(request.error ?? new Error('open request failed')));
  });
}

/** Open the IndexedDB store, or fall back to memory (with the reason) when that is impossible. */
export async function openCoverageStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const factory = options.factory === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : options.factory;
  if (!factory) return { store: new MemoryCoverageStore(), fallbackReason: 'IndexedDB is not available' };
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let gaveUp = false;
  try {
    const opening = openIdb(factory, options.name ?? DB_NAME);
    // A late open after the timeout must not leak a connection.
    opening.then((db) => gaveUp && db.close()).catch(() => undefined);
    const db = await Promise.race([
      opening,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          gaveUp = true;
          reject(new Error(`IndexedDB did not open within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
    return { store: new IdbCoverageStore(db) };
  } catch (e) {
    return {
      store: new MemoryCoverageStore(),
      fallbackReason: `IndexedDB failed to open: ${e instanceof Error ? e.message : String(e)}`,
    };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
