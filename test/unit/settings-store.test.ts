/**
 * The extension pages' door to the settings: damaged storage is repaired field by field and the damaged
 * value is kept as a backup; a save merges a patch into what is stored and never stores an invalid value.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const store = vi.hoisted(() => ({ sync: {} as Record<string, unknown>, local: {} as Record<string, unknown> }));
vi.mock('../../src/platform/browser', () => {
  const area = (name: 'sync' | 'local') => ({
    get: async (k: string) => (k in store[name] ? { [k]: structuredClone(store[name][k]) } : {}),
    set: async (o: Record<string, unknown>) => Object.assign(store[name], structuredClone(o)),
  });
  return { browser: { storage: { sync: area('sync'), local: area('local') } } };
});

const { loadSettings, saveSettings } = await import('../../src/ui/settings-store');
const { DEFAULT_SETTINGS } = await import('../../src/core/settings');

beforeEach(() => {
  store.sync = {};
  store.local = {};
});

describe('settings store', () => {
  it('gives the defaults for empty storage and writes nothing', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(store.sync).toEqual({});
    expect(store.local).toEqual({});
  });

  it('repairs a damaged field, keeps the good ones, and backs up what was there', async () => {
    const raw = { version: 1, enabled: false, style: 'sparkles', disabledSites: ['example.org'] };
    store.sync.settings = raw;
    const s = await loadSettings();
    expect(s).toMatchObject({ enabled: false, style: 'underline', disabledSites: ['example.org'] });
    expect(store.sync.settings).toEqual(s);
    expect(store.local.settingsBackup).toMatchObject({ raw });
  });

  it('merges a patch into the stored settings and drops an invalid value', async () => {
    store.sync.settings = { ...DEFAULT_SETTINGS, emphasis: 'first-only' };
    const s = await saveSettings({ style: 'background', feeds: ['javascript:alert(1)'] as string[] });
    expect(s).toMatchObject({ style: 'background', emphasis: 'first-only', feeds: null });
    expect(store.sync.settings).toEqual(s);
  });
});
