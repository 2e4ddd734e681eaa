/**
 * The reader's preferences (kept in storage.sync). Versioned: anything read from storage goes through
 * `readSettings`, which migrates older versions and falls back to defaults field by field, so corrupted
 * storage never crashes a page and never loses the fields that are still good.
 */
import * as v from 'valibot';

export const SETTINGS_VERSION = 1;
export const SETTINGS_KEY = 'settings';

export const EntityTypeSchema = v.picklist(['person', 'organisation', 'place']);
export type EntityType = v.InferOutput<typeof EntityTypeSchema>;

export const HighlightStyleSchema = v.picklist(['underline', 'background']);
export const MentionEmphasisSchema = v.picklist(['first-stronger', 'all-equal', 'first-only']);

export interface Settings {
  version: number;
  /** Highlighting on or off everywhere. */
  enabled: boolean;
  /** Hostnames where the reader switched highlighting off. */
  disabledSites: string[];
  style: v.InferOutput<typeof HighlightStyleSchema>;
  emphasis: v.InferOutput<typeof MentionEmphasisSchema>;
  types: Record<EntityType, boolean>;
  /** Record what the reader opens (locally) so cards can say "you read this on ...". */
  history: boolean;
  /** Weekly refresh of ministers from Wikidata. */
  knowledgeRefresh: boolean;
  /** Feed URLs; null = the default list. */
  feeds: string[] | null;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  enabled: true,
  disabledSites: [],
  style: 'underline',
  emphasis: 'first-stronger',
  types: { person: true, organisation: true, place: true },
  history: true,
  knowledgeRefresh: true,
  feeds: null,
};

const HostSchema = v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9.-]+(:\d+)?$/i));
const FeedUrlSchema = v.pipe(v.string(), v.maxLength(2048), v.url(), v.regex(/^https?:\/\//));

const fieldSchemas: { [K in keyof Omit<Settings, 'version'>]: v.GenericSchema<unknown, Settings[K]> } = {
  enabled: v.boolean(),
  disabledSites: v.pipe(v.array(HostSchema), v.maxLength(5000)),
  style: HighlightStyleSchema,
  emphasis: MentionEmphasisSchema,
  types: v.strictObject({ person: v.boolean(), organisation: v.boolean(), place: v.boolean() }),
  history: v.boolean(),
  knowledgeRefresh: v.boolean(),
  feeds: v.nullable(v.pipe(v.array(FeedUrlSchema), v.maxLength(100))),
};

export interface ReadSettingsResult {
  settings: Settings;
  /** Fields that were unreadable and were reset to their default (the caller keeps a backup of the raw value). */
  reset: string[];
  migratedFrom: number | null;
}

/** Turns whatever storage holds into valid settings, keeping every field that is still good. */
export function readSettings(raw: unknown): ReadSettingsResult {
  const reset: string[] = [];
  if (raw === undefined || raw === null) return { settings: structuredClone(DEFAULT_SETTINGS), reset, migratedFrom: null };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: structuredClone(DEFAULT_SETTINGS), reset: ['*'], migratedFrom: null };
  }
  const obj = { ...(raw as Record<string, unknown>) };
  const version = typeof obj.version === 'number' ? obj.version : 0;
  const migratedFrom = version === SETTINGS_VERSION ? null : version;
  // Version 0 (pre-release builds) stored `highlight: boolean` instead of `enabled`.
  if (version === 0 && typeof obj.highlight === 'boolean' && obj.enabled === undefined) obj.enabled = obj.highlight;
  const settings = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  for (const [key, schema] of Object.entries(fieldSchemas)) {
    if (!(key in obj)) continue;
    const r = v.safeParse(schema, obj[key]);
    if (r.success) settings[key] = r.output;
    else reset.push(key);
  }
  settings.version = SETTINGS_VERSION;
  return { settings: settings as unknown as Settings, reset, migratedFrom };
}

/** The host a page belongs to for the per-site switch ("example.com", "127.0.0.1:8080"); '' when none. */
export function siteHost(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.host.toLowerCase() : '';
  } catch {
    return '';
  }
}

/** The optional host permission that enables Backstory on a page's site: every page of that host, any port. */
export function siteOriginPattern(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return `${u.protocol}//${u.hostname.toLowerCase()}/*`;
  } catch {
    return null;
  }
}

/** Is highlighting on for this host? */
export function enabledFor(settings: Settings, host: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(host.toLowerCase());
}
