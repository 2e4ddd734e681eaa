/** Reading and writing the reader's settings from extension pages (popup, options). */
import { readSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { browser } from '../platform/browser';

const BACKUP_KEY = 'settingsBackup';

export async function loadSettings(): Promise<Settings> {
  const raw = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, reset, migratedFrom } = readSettings(raw);
  if (reset.length || migratedFrom !== null) {
    // Keep what was there before repairing it, so nothing is lost.
    await browser.storage.local.set({ [BACKUP_KEY]: { at: new Date().toISOString(), raw } });
    await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
  }
  return settings;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await loadSettings();
  const next = readSettings({ ...current, ...patch }).settings;
  await browser.storage.sync.set({ [SETTINGS_KEY]: next });
  return next;
}
