/** The toolbar popup: every entity Backstory found on the active tab, grouped, with a way to jump to it. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntitySummary, TabState } from '../messaging/responses';
import { sendToBackground } from '../messaging/send';
import { browser } from '../platform/browser';
import { DATE_SOURCE_KEY, formatDate } from '../ui/format';
import { t } from '../ui/i18n';
import { loadSettings, saveSettings } from '../ui/settings-store';
import { enabledFor, siteHost, siteOriginPattern, type Settings } from '../core/settings';

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; tab: TabState; summaries: EntitySummary[]; settings: Settings }
  | { kind: 'error'; message: string };

const GROUPS: { type: EntitySummary['type']; label: string }[] = [
  { type: 'person', label: 'popupGroupPeople' },
  { type: 'organisation', label: 'popupGroupOrganisations' },
  { type: 'place', label: 'popupGroupPlaces' },
];

/** How often the popup looks again while the page is still being scanned. */
const POLL_MS = 400;

interface Target {
  tabId: number;
  /** True when the popup page was opened in a tab of its own (`?tab=ID`), not as the toolbar popup. */
  inTab: boolean;
  /** The tab's address when the opener passed it (`&url=`); the browser hides it for sites not enabled. */
  urlHint?: string;
}

/**
 * The tab the popup speaks about: the active tab, or `?tab=ID` when the popup page is opened in a tab of
 * its own (the end-to-end tests and the screenshot tool do that; only extension code can open this page).
 */
async function target(): Promise<Target | undefined> {
  const params = new URLSearchParams(location.search);
  const forced = Number(params.get('tab'));
  if (Number.isInteger(forced) && forced > 0) {
    const hint = params.get('url') ?? undefined;
    return { tabId: forced, inTab: true, urlHint: hint && /^https?:\/\//.test(hint) ? hint : undefined };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? undefined : { tabId: tab.id, inTab: false };
}

/** The pages (tab and address) this popup has asked to have read to the end. */
const askedToRead = new Set<string>();

async function load(where: Target): Promise<Load> {
  const state = await sendToBackground({ type: 'popup/get-tab-state', tabId: where.tabId, ...(where.urlHint ? { url: where.urlHint } : {}) });
  const settings = await loadSettings();
  const report = state.report;
  // A long page read only as far as its reader has got: the list is to count the whole page, so it is read now
  // (asked once; the popup looks again every POLL_MS until the report is complete).
  const page = `${where.tabId} ${report?.url ?? ''}`;
  if (report?.status === 'partial' && !askedToRead.has(page)) {
    askedToRead.add(page);
    void sendToBackground({ type: 'popup/read-page', tabId: where.tabId }).catch(() => undefined);
  }
  const summaries = report?.entities.length
    ? await sendToBackground({ type: 'popup/get-summaries', entities: report.entities.map((e) => e.entity), date: report.date, url: report.url })
    : [];
  return { kind: 'ready', tab: state, summaries, settings };
}

export function Popup() {
  const [where, setWhere] = useState<Target | null>(null);
  const [state, setState] = useState<Load>({ kind: 'loading' });
  const refresh = async (w: Target | null = where): Promise<Load> => {
    if (!w) return state;
    const next = await load(w).catch((err: unknown): Load => ({ kind: 'error', message: String(err) }));
    setState(next);
    return next;
  };
  useEffect(() => {
    target().then(
      (w) => {
        if (!w) return setState({ kind: 'error', message: t('popupNoTab') });
        setWhere(w);
        void refresh(w);
      },
      (err: unknown) => setState({ kind: 'error', message: String(err) }),
    );
  }, []);
  // Still scanning (or the content script has not reported yet): look again shortly.
  const pending = state.kind === 'ready' && state.tab.canRun && state.tab.siteEnabled && (!state.tab.report || state.tab.report.status === 'scanning' || state.tab.report.status === 'partial');
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <header class="bar">
        <h1>{t('extName')}</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupOptions')}
        </button>
      </header>
      <Body state={state} where={where} refresh={() => refresh()} />
    </>
  );
}

type Refresh = () => Promise<Load>;

function Body({ state, where, refresh }: { state: Load; where: Target | null; refresh: Refresh }) {
  if (state.kind === 'loading') return <p class="muted">{t('popupLoading')}</p>;
  if (state.kind === 'error') return <p role="alert">{t('popupError', state.message)}</p>;
  const { tab, summaries, settings } = state;
  const report = tab.report;
  if (!tab.canRun) return <p data-state="cant-run">{t('popupCantRun')}</p>;
  if (!tab.siteEnabled) return <EnableSite tab={tab} refresh={refresh} />;
  const host = siteHost(report?.url ?? tab.url ?? '');
  const siteOn = enabledFor(settings, host);
  const counts = new Map((report?.entities ?? []).map((e) => [e.entity, e.count]));
  return (
    <>
      <SiteSwitch host={host} settings={settings} refresh={refresh} />
      {!settings.enabled ? <p class="small" data-state="off-everywhere">{t('popupOffEverywhere')}</p> : null}
      {report ? (
        <p class="muted small" data-state="date">
          {t('popupArticleDate', [formatDate(report.date), t(DATE_SOURCE_KEY[report.dateSource] ?? 'dateSourceToday')])}
        </p>
      ) : null}
      {!report || report.status === 'scanning' || report.status === 'partial' ? (
        <p class="muted" data-state="scanning">
          {t('popupScanning')}
        </p>
      ) : null}
      {report?.status === 'off' && settings.enabled && !siteOn ? <p data-state="off">{t('popupOffHere')}</p> : null}
      {report?.status === 'done' && summaries.length === 0 ? <p data-state="nothing">{t('popupNothingFound')}</p> : null}
      {report?.status !== 'off' ? <EntityList tabId={tab.tabId} summaries={summaries} counts={counts} closeAfter={!where?.inTab} /> : null}
    </>
  );
}

/** How long the popup follows the page after the site switch, until the page's report shows the change. */
const SWITCH_FOLLOW_MS = 10_000;

function SiteSwitch({ host, settings, refresh }: { host: string; settings: Settings; refresh: Refresh }) {
  const [on, setOn] = useState(!settings.disabledSites.includes(host));
  const toggle = async (): Promise<void> => {
    const next = !on;
    setOn(next);
    const disabled = new Set((await loadSettings()).disabledSites);
    if (next) disabled.delete(host);
    else disabled.add(host);
    await saveSettings({ disabledSites: [...disabled] });
    // The content script reacts to the change and reports again: follow until its report shows it.
    const until = Date.now() + SWITCH_FOLLOW_MS;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const now = await refresh();
      const status = now.kind === 'ready' ? now.tab.report?.status : undefined;
      if (status !== undefined && (next ? status !== 'off' : status === 'off')) break;
    }
  };
  return (
    <label class="switch">
      <input type="checkbox" role="switch" id="site-switch" checked={on} disabled={!settings.enabled} onChange={() => void toggle()} />
      <span>{t('popupSiteSwitch', host)}</span>
    </label>
  );
}

/** A site Backstory does not run on yet: one click asks the browser for that site's permission, then scans. */
function EnableSite({ tab, refresh }: { tab: TabState; refresh: Refresh }) {
  const [note, setNote] = useState('');
  const pattern = tab.url ? siteOriginPattern(tab.url) : null;
  const host = pattern ? pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '') : '';
  if (!pattern) return <p data-state="not-enabled">{t('popupNotEnabledUnknown')}</p>;
  const enable = async (): Promise<void> => {
    setNote('');
    let granted: boolean;
    try {
      // Must run straight from the click (a user gesture) for the browser to show its prompt.
      granted = await browser.permissions.request({ origins: [pattern] });
    } catch (err) {
      setNote(t('popupEnableFailed', String(err)));
      return;
    }
    if (!granted) {
      setNote(t('popupEnableDeclined'));
      return;
    }
    try {
      await sendToBackground({ type: 'popup/enable-site', tabId: tab.tabId });
    } catch (err) {
      setNote(t('popupEnableFailed', String(err)));
    }
    await refresh();
  };
  return (
    <div data-state="not-enabled">
      <p>{t('popupNotEnabled', host)}</p>
      <button type="button" id="enable-site" class="primary" onClick={() => void enable()}>
        {t('popupEnableButton', host)}
      </button>
      <p class="muted small">{t('popupEnableExplain')}</p>
      {note ? <p role="alert">{note}</p> : null}
    </div>
  );
}

function EntityList({
  tabId,
  summaries,
  counts,
  closeAfter,
}: {
  tabId: number;
  summaries: EntitySummary[];
  counts: Map<string, number>;
  closeAfter: boolean;
}) {
  const ordered = GROUPS.flatMap((g) => summaries.filter((s) => s.type === g.type));
  const [active, setActive] = useState(0);
  const [note, setNote] = useState('');
  const refs = useRef<(HTMLLIElement | null)[]>([]);
  if (!ordered.length) return null;
  const jump = async (id: string): Promise<void> => {
    const res = await sendToBackground({ type: 'popup/jump', tabId, entity: id });
    if (!res?.ok) {
      setNote(t('popupJumpFailed'));
      return;
    }
    if (closeAfter) window.close();
  };
  const onKey = (e: KeyboardEvent, i: number): void => {
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(ordered.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = ordered.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void jump(ordered[i]!.id);
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    refs.current[next]?.focus();
  };
  let index = -1;
  return (
    <>
      <p class="muted small">{t('popupListHelp')}</p>
      {GROUPS.map((g) => {
        const items = summaries.filter((s) => s.type === g.type);
        if (!items.length) return null;
        const labelId = `group-${g.type}`;
        return (
          <section key={g.type}>
            <h2 id={labelId}>
              {t(g.label)} <span class="muted">({items.length})</span>
            </h2>
            <ul class="entities" role="listbox" aria-labelledby={labelId}>
              {items.map((s) => {
                const i = ++index;
                const n = counts.get(s.id) ?? 0;
                return (
                  <li
                    key={s.id}
                    role="option"
                    data-entity={s.id}
                    aria-selected={i === active}
                    tabIndex={i === active ? 0 : -1}
                    ref={(el) => {
                      refs.current[i] = el;
                    }}
                    onClick={() => void jump(s.id)}
                    onKeyDown={(e) => onKey(e as unknown as KeyboardEvent, i)}
                    onFocus={() => setActive(i)}
                  >
                    <span class="count">{n === 1 ? t('popupMentionOne') : t('popupMentionMany', n)}</span>
                    <span class="name">{s.name}</span>
                    {s.office ? <span class="office small">{s.office}</span> : null}
                    {s.summary ? <span class="summary small muted">{s.summary}</span> : null}
                    {s.newestCoverage ? (
                      <span class="coverage small muted">
                        {t('popupNewestCoverage', [s.newestCoverage.title, s.newestCoverage.outlet, formatDate(s.newestCoverage.published)])}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {note ? <p role="alert">{note}</p> : null}
    </>
  );
}
