/** The options page. Preferences live in storage.sync; a change takes effect in open tabs without a reload. */
import { useEffect, useState } from 'preact/hooks';
import { siteOriginPattern, type EntityType, type Settings } from '../core/settings';
import { sendToBackground } from '../messaging/send';
import { browser } from '../platform/browser';
import { formatDate } from '../ui/format';
import { t } from '../ui/i18n';
import { loadSettings, saveSettings } from '../ui/settings-store';

type Patch = (patch: Partial<Settings>) => Promise<void>;

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void loadSettings().then(setSettings);
    // Another page (the popup, another options tab) changed the settings: show them.
    const onChange = (changes: Record<string, unknown>, area: string): void => {
      if (area === 'sync' && 'settings' in changes) void loadSettings().then(setSettings);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  if (!settings) return <p class="muted">{t('optionsLoading')}</p>;
  const update: Patch = async (patch) => {
    setSettings(await saveSettings(patch));
    setSaved(t('optionsSaved'));
  };
  return (
    <>
      <h1>{t('optionsTitle')}</h1>
      <Highlighting settings={settings} update={update} />
      <Sites />
      <Appearance settings={settings} update={update} />
      <Feeds settings={settings} update={update} />
      <History settings={settings} update={update} />
      <KnowledgeSection settings={settings} update={update} />
      <Shortcut />
      <Privacy />
      <p role="status" class="muted small" id="saved">
        {saved}
      </p>
    </>
  );
}

function Switch({ id, checked, onChange, label, describedBy }: { id: string; checked: boolean; onChange: (on: boolean) => void; label: string; describedBy?: string }) {
  return (
    <label class="switch">
      <input type="checkbox" id={id} checked={checked} aria-describedby={describedBy} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <span>{label}</span>
    </label>
  );
}

function Highlighting({ settings, update }: { settings: Settings; update: Patch }) {
  return (
    <fieldset>
      <legend>{t('optionsHighlighting')}</legend>
      <Switch id="enabled" checked={settings.enabled} onChange={(on) => void update({ enabled: on })} label={t('optionsEnabled')} />
      <p class="muted small">{t('optionsEnabledHelp')}</p>
      <h2 id="off-sites">{t('optionsOffSites')}</h2>
      {settings.disabledSites.length ? (
        <ul class="rows" aria-labelledby="off-sites">
          {settings.disabledSites.map((host) => (
            <li key={host} data-host={host}>
              <span>{host}</span>
              <button type="button" onClick={() => void update({ disabledSites: settings.disabledSites.filter((h) => h !== host) })}>
                {t('optionsTurnBackOn', host)}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('optionsNoOffSites')}</p>
      )}
    </fieldset>
  );
}

/** Turns what the reader typed ("example.com", "https://example.com/news") into an origin pattern. */
export function patternFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const pattern = siteOriginPattern(withScheme);
  if (!pattern) return null;
  const host = pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');
  return /^[a-z0-9.-]+$/.test(host) && (host.includes('.') || host === 'localhost') ? pattern : null;
}

function Sites() {
  const [origins, setOrigins] = useState<string[] | null>(null);
  const [input, setInput] = useState('');
  const [note, setNote] = useState('');
  const reload = (): void => {
    void sendToBackground({ type: 'popup/list-sites' }).then((r) => setOrigins(r.origins));
  };
  useEffect(() => {
    reload();
    // Permissions can also change from the browser's own add-on settings.
    const onPerm = (): void => reload();
    browser.permissions.onAdded.addListener(onPerm);
    browser.permissions.onRemoved.addListener(onPerm);
    return () => {
      browser.permissions.onAdded.removeListener(onPerm);
      browser.permissions.onRemoved.removeListener(onPerm);
    };
  }, []);
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    const pattern = patternFromInput(input);
    if (!pattern) {
      setNote(t('optionsSiteInvalid'));
      return;
    }
    // Straight from the click: the browser asks the reader; nothing is granted silently.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    setNote(granted ? t('optionsSiteAdded', pattern) : t('optionsSiteDeclined'));
    if (granted) setInput('');
    reload();
  };
  const remove = async (origin: string): Promise<void> => {
    await browser.permissions.remove({ origins: [origin] });
    setNote(t('optionsSiteRemoved', origin));
    reload();
  };
  return (
    <fieldset>
      <legend>{t('optionsSites')}</legend>
      <p class="muted small">{t('optionsSitesHelp')}</p>
      {origins === null ? null : origins.length ? (
        <ul class="rows" aria-label={t('optionsSitesListLabel')} id="reader-sites">
          {origins.map((o) => (
            <li key={o} data-origin={o}>
              <span>{o}</span>
              <button type="button" onClick={() => void remove(o)}>
                {t('optionsSiteRemove', o)}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('optionsNoSites')}</p>
      )}
      <form onSubmit={(e) => void add(e)} class="row">
        <label for="site-input">{t('optionsSiteInput')}</label>
        <input id="site-input" type="text" inputMode="url" autoComplete="off" spellcheck={false} value={input} onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">{t('optionsSiteAdd')}</button>
      </form>
      {note ? <p role="status" class="small">{note}</p> : null}
    </fieldset>
  );
}

function Radio<V extends string>({ name, value, current, label, onPick }: { name: string; value: V; current: V; label: string; onPick: (v: V) => void }) {
  return (
    <label class="switch">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => onPick(value)} />
      <span>{label}</span>
    </label>
  );
}

function Appearance({ settings, update }: { settings: Settings; update: Patch }) {
  const types: EntityType[] = ['person', 'organisation', 'place'];
  return (
    <>
      <fieldset>
        <legend>{t('optionsStyle')}</legend>
        <Radio name="style" value="underline" current={settings.style} label={t('optionsStyleUnderline')} onPick={(v) => void update({ style: v })} />
        <Radio name="style" value="background" current={settings.style} label={t('optionsStyleBackground')} onPick={(v) => void update({ style: v })} />
      </fieldset>
      <fieldset>
        <legend>{t('optionsEmphasis')}</legend>
        <Radio name="emphasis" value="first-stronger" current={settings.emphasis} label={t('optionsEmphasisFirstStronger')} onPick={(v) => void update({ emphasis: v })} />
        <Radio name="emphasis" value="all-equal" current={settings.emphasis} label={t('optionsEmphasisAllEqual')} onPick={(v) => void update({ emphasis: v })} />
        <Radio name="emphasis" value="first-only" current={settings.emphasis} label={t('optionsEmphasisFirstOnly')} onPick={(v) => void update({ emphasis: v })} />
      </fieldset>
      <fieldset>
        <legend>{t('optionsTypes')}</legend>
        {types.map((type) => (
          <Switch
            key={type}
            id={`type-${type}`}
            checked={settings.types[type]}
            onChange={(on) => void update({ types: { ...settings.types, [type]: on } })}
            label={t(`optionsType_${type}`)}
          />
        ))}
      </fieldset>
    </>
  );
}

function Feeds({ settings, update }: { settings: Settings; update: Patch }) {
  const [defaults, setDefaults] = useState<{ url: string; label: string }[]>([]);
  const [input, setInput] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    void sendToBackground({ type: 'popup/default-feeds' }).then(setDefaults);
  }, []);
  const [busy, setBusy] = useState(false);
  const refreshNow = async (): Promise<void> => {
    setBusy(true);
    setNote(t('optionsFeedsRefreshing'));
    try {
      const results = await sendToBackground({ type: 'options/refresh-feeds' });
      const read = results.filter((r) => r.ok).length;
      const failed = results.filter((r) => !r.ok && !r.skipped).length;
      setNote(t('optionsFeedsRefreshed', [read, failed]));
    } catch (err) {
      setNote(t('optionsFeedsRefreshFailed', String(err)));
    } finally {
      setBusy(false);
    }
  };
  const usingDefault = settings.feeds === null;
  const list = settings.feeds ?? defaults.map((d) => d.url);
  const labelFor = (url: string): string => defaults.find((d) => d.url === url)?.label ?? url;
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    const url = input.trim();
    if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(url)) {
      setNote(t('optionsFeedInvalid'));
      return;
    }
    if (!list.includes(url)) await update({ feeds: [...list, url] });
    setInput('');
    setNote(t('optionsFeedAdded', url));
  };
  return (
    <fieldset>
      <legend>{t('optionsFeeds')}</legend>
      <p class="muted small">{usingDefault ? t('optionsFeedsDefault') : t('optionsFeedsCustom')}</p>
      <ul class="rows" aria-label={t('optionsFeedsListLabel')} id="feeds">
        {list.map((url) => (
          <li key={url} data-feed={url}>
            <span class="wrap">{labelFor(url) === url ? url : `${labelFor(url)} (${url})`}</span>
            <button type="button" onClick={() => void update({ feeds: list.filter((u) => u !== url) })}>
              {t('optionsFeedRemove', labelFor(url))}
            </button>
          </li>
        ))}
      </ul>
      {!list.length ? <p class="small">{t('optionsFeedsNone')}</p> : null}
      <form onSubmit={(e) => void add(e)} class="row">
        <label for="feed-input">{t('optionsFeedInput')}</label>
        <input id="feed-input" type="url" autoComplete="off" spellcheck={false} value={input} onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">{t('optionsFeedAdd')}</button>
      </form>
      <div class="buttons">
        <button type="button" id="feeds-refresh-now" disabled={busy || !list.length} onClick={() => void refreshNow()}>
          {t('optionsFeedsRefreshNow')}
        </button>
        {!usingDefault ? (
          <button type="button" id="feeds-restore" onClick={() => void update({ feeds: null })}>
            {t('optionsFeedsRestore')}
          </button>
        ) : null}
      </div>
      {note ? <p role="status" class="small">{note}</p> : null}
    </fieldset>
  );
}

/** Hands a text to the reader as a file download. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function History({ settings, update }: { settings: Settings; update: Patch }) {
  const [note, setNote] = useState('');
  const exportJson = async (): Promise<void> => {
    const { json } = await sendToBackground({ type: 'options/history-export' });
    const count = (JSON.parse(json) as { items?: unknown[] }).items?.length ?? 0;
    download(`backstory-reading-history-${new Date().toISOString().slice(0, 10)}.json`, json, 'application/json');
    setNote(t('optionsHistoryExported', count));
  };
  const clear = async (): Promise<void> => {
    const { cleared } = await sendToBackground({ type: 'options/history-clear' });
    setNote(t('optionsHistoryCleared', cleared));
  };
  return (
    <fieldset>
      <legend>{t('optionsHistory')}</legend>
      <Switch id="history" checked={settings.history} onChange={(on) => void update({ history: on })} label={t('optionsHistoryOn')} describedBy="history-help" />
      <p class="muted small" id="history-help">
        {t('optionsHistoryHelp')}
      </p>
      <div class="buttons">
        <button type="button" id="history-export" onClick={() => void exportJson()}>
          {t('optionsHistoryExport')}
        </button>
        <button type="button" id="history-clear" onClick={() => void clear()}>
          {t('optionsHistoryClear')}
        </button>
      </div>
      {note ? (
        <p role="status" class="small" id="history-note">
          {note}
        </p>
      ) : null}
    </fieldset>
  );
}

function KnowledgeSection({ settings, update }: { settings: Settings; update: Patch }) {
  const [asOf, setAsOf] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const reload = (): void => {
    void sendToBackground({ type: 'popup/knowledge-info' }).then((r) => setAsOf(r.knowledgeAsOf));
  };
  useEffect(reload, [settings.knowledgeRefresh]);
  const refreshNow = async (): Promise<void> => {
    setBusy(true);
    setNote(t('optionsKnowledgeRefreshing'));
    try {
      const r = await sendToBackground({ type: 'options/refresh-knowledge' });
      setNote(r.ok ? (r.changed ? t('optionsKnowledgeUpdated') : t('optionsKnowledgeUnchanged')) : t('optionsKnowledgeFailed', r.error ?? ''));
    } catch (err) {
      setNote(t('optionsKnowledgeFailed', String(err)));
    } finally {
      setBusy(false);
      reload();
    }
  };
  return (
    <fieldset>
      <legend>{t('optionsKnowledge')}</legend>
      <Switch
        id="knowledge-refresh"
        checked={settings.knowledgeRefresh}
        onChange={(on) => void update({ knowledgeRefresh: on })}
        label={t('optionsKnowledgeRefresh')}
        describedBy="knowledge-help"
      />
      <p class="muted small" id="knowledge-help">
        {t('optionsKnowledgeHelp')}
      </p>
      {asOf ? <p id="knowledge-as-of">{t('optionsKnowledgeAsOf', formatDate(asOf))}</p> : null}
      <button type="button" id="knowledge-refresh-now" disabled={!settings.knowledgeRefresh || busy} onClick={() => void refreshNow()}>
        {t('optionsKnowledgeRefreshNow')}
      </button>
      {note ? (
        <p role="status" class="small" id="knowledge-note">
          {note}
        </p>
      ) : null}
    </fieldset>
  );
}

function Shortcut() {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then((all) => setShortcut(all.find((c) => c.name === 'toggle-highlights')?.shortcut ?? ''));
  }, []);
  return (
    <fieldset>
      <legend>{t('optionsShortcut')}</legend>
      <p id="shortcut">{shortcut ? t('optionsShortcutIs', shortcut) : t('optionsShortcutNone')}</p>
      <p class="muted small">{t('optionsShortcutHelp')}</p>
    </fieldset>
  );
}

function Privacy() {
  return (
    <section aria-labelledby="privacy-title" class="privacy">
      <h2 id="privacy-title">{t('optionsPrivacy')}</h2>
      <p>{t('optionsPrivacyStays')}</p>
      <p>{t('optionsPrivacyStored')}</p>
      <p>{t('optionsPrivacyFetched')}</p>
      <p>{t('optionsPrivacyNoTracking')}</p>
    </section>
  );
}
