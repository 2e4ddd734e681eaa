import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, enabledFor, readSettings } from '../../src/core/settings';

describe('reading stored settings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(readSettings(undefined).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps every good field of corrupted settings and resets only the bad ones', () => {
    const r = readSettings({ version: 1, enabled: false, disabledSites: 'not a list', style: 'background', types: { person: 'yes' } });
    expect(r.settings.enabled).toBe(false);
    expect(r.settings.style).toBe('background');
    expect(r.settings.disabledSites).toEqual([]);
    expect(r.settings.types).toEqual(DEFAULT_SETTINGS.types);
    expect(r.reset.sort()).toEqual(['disabledSites', 'types']);
  });

  it('resets a value that is not an object at all, and says so', () => {
    const r = readSettings('garbage');
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.reset).toEqual(['*']);
  });

  it('migrates the pre-release shape (highlight: false) without losing the choice', () => {
    const r = readSettings({ highlight: false });
    expect(r.migratedFrom).toBe(0);
    expect(r.settings.enabled).toBe(false);
    expect(r.settings.version).toBe(DEFAULT_SETTINGS.version);
  });

  it('rejects feed URLs that are not http(s)', () => {
    const r = readSettings({ version: 1, feeds: ['javascript:alert(1)'] });
    expect(r.settings.feeds).toBeNull();
    expect(r.reset).toEqual(['feeds']);
  });

  it('switches a site off by host, case-insensitively', () => {
    const s = { ...DEFAULT_SETTINGS, disabledSites: ['www.bbc.co.uk'] };
    expect(enabledFor(s, 'WWW.BBC.CO.UK')).toBe(false);
    expect(enabledFor(s, 'www.theguardian.com')).toBe(true);
    expect(enabledFor({ ...s, enabled: false }, 'www.theguardian.com')).toBe(false);
  });
});
