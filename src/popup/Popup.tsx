/** The toolbar popup: every entity Backstory found on the active tab, grouped, with a way to jump to it. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntitySummary, TabState } from '../messaging/responses';
import { sendToBackground } from '../messaging/send';
import { browser } from '../platform/browser';
import { DATE_SOURCE_LABEL, formatDate } from '../ui/format';
import { loadSettings, saveSettings } from '../ui/settings-store';
import { enabledFor, type Settings } from '../core/settings';

type Load = { kind: 'loading' } | { kind: 'ready'; tab: TabState; summaries: EntitySummary[]; settings: Settings } | { kind: 'error'; message: string };

const GROUPS: { type: EntitySummary['type']; label: string }[] = [
  { type: 'person', label: 'People' },
  { type: 'organisation', label: 'Organisations' },
  { type: 'place', label: 'Places' },
];

/**
 * The tab the popup speaks about: the active tab, or `?tab=ID` when the popup page is opened in a tab of
 * its own (the end-to-end tests and the screenshot tool do that; only extension code can open this page).
 */
async function targetTabId(): Promise<number | undefined> {
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(forced) && forced > 0) return forced;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function load(): Promise<Load> {
  const tabId = await targetTabId();
  if (tabId === undefined) return { kind: 'error', message: 'No active tab.' };
  const state = await sendToBackground({ type: 'popup/get-tab-state', tabId });
  const settings = await loadSettings();
  const report = state.report;
  const summaries = report?.entities.length
    ? await sendToBackground({ type: 'popup/get-summaries', entities: report.entities.map((e) => e.entity), date: report.date })
    : [];
  return { kind: 'ready', tab: state, summaries, settings };
}

export function Popup() {
  const [state, setState] = useState<Load>({ kind: 'loading' });
  const refresh = (): void => {
    load().then(setState, (err: unknown) => setState({ kind: 'error', message: String(err) }));
  };
  useEffect(refresh, []);

  if (state.kind === 'loading') return <p class="muted">Reading this page…</p>;
  if (state.kind === 'error') return <p role="alert">Backstory could not read this tab: {state.message}</p>;
  const { tab, summaries, settings } = state;
  const report = tab.report;
  if (!tab.canRun) {
    return (
      <>
        <h1>Backstory</h1>
        <p>Backstory can't run on this page (browser pages and PDFs are off limits).</p>
      </>
    );
  }
  if (!report) {
    return (
      <>
        <h1>Backstory</h1>
        <p>Backstory is not enabled on this site.</p>
      </>
    );
  }
  const host = safeHost(report.url);
  const siteOn = enabledFor(settings, host);
  const toggleSite = async (): Promise<void> => {
    const disabled = new Set(settings.disabledSites);
    if (siteOn) disabled.add(host);
    else disabled.delete(host);
    await saveSettings({ disabledSites: [...disabled] });
    setTimeout(refresh, 300);
  };
  const counts = new Map(report.entities.map((e) => [e.entity, e.count]));
  return (
    <>
      <h1>Backstory</h1>
      <label class="switch">
        <input type="checkbox" checked={siteOn} onChange={() => void toggleSite()} /> Highlight on this site ({host})
      </label>
      <p class="muted small">
        Article date {formatDate(report.date)}, from {DATE_SOURCE_LABEL[report.dateSource] ?? report.dateSource}.
      </p>
      {report.status === 'scanning' ? <p class="muted">Still scanning…</p> : null}
      {report.status === 'off' ? <p>Highlighting is off here.</p> : null}
      {report.status === 'done' && summaries.length === 0 ? <p>No known names on this page.</p> : null}
      <EntityList tabId={tab.tabId} summaries={summaries} counts={counts} />
    </>
  );
}

function EntityList({ tabId, summaries, counts }: { tabId: number; summaries: EntitySummary[]; counts: Map<string, number> }) {
  const ordered = GROUPS.flatMap((g) => summaries.filter((s) => s.type === g.type));
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLLIElement | null)[]>([]);
  if (!ordered.length) return null;
  const jump = async (id: string): Promise<void> => {
    await sendToBackground({ type: 'popup/jump', tabId, entity: id });
    window.close();
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
      {GROUPS.map((g) => {
        const items = summaries.filter((s) => s.type === g.type);
        if (!items.length) return null;
        const labelId = `group-${g.type}`;
        return (
          <section key={g.type}>
            <h2 id={labelId}>{g.label}</h2>
            <ul class="entities" role="listbox" aria-labelledby={labelId}>
              {items.map((s) => {
                const i = ++index;
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
                    <span class="count" aria-label={`${counts.get(s.id) ?? 0} mentions`}>
                      {counts.get(s.id) ?? 0}×
                    </span>
                    <span class="name">{s.name}</span>
                    {s.office ? <div class="small">{s.office}</div> : null}
                    {s.summary ? <div class="small muted">{s.summary}</div> : null}
                    {s.newestCoverage ? (
                      <div class="small muted">
                        Latest earlier story: {s.newestCoverage.title} ({s.newestCoverage.outlet}, {formatDate(s.newestCoverage.published)})
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}
