/**
 * Content script entry. Everything it sets up (listeners, observer, timers, scans) hangs off one
 * AbortSignal; when the extension is updated or disabled underneath it, the orphaned script notices and
 * removes every trace it left in the page.
 */
import { joinParts } from '../core/detect/batch';
import { MENTION_CSS } from '../core/mention-css';
import { DEFAULT_SETTINGS, enabledFor, readSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { BackgroundToContentSchema, type PageReport } from '../messaging/contract';
import { sendToBackground } from '../messaging/send';
import { browser, contextInvalidated } from '../platform/browser';
import * as v from 'valibot';
import { CardController } from './card-controller';
import { isOurMention, MENTION_TAG, pageOwnsMentionTag, removeLeftovers, unwrapAll } from './highlight';
import { pageArticleDate } from './page-date';
import { Scanner, type DetectRemote } from './scanner';
import { MUTATION_DEBOUNCE_MS, ORPHAN_CHECK_MS, REPORT_THROTTLE_MS } from './timings';
import { insideSkipped } from './walk';

const today = (): string => new Date().toISOString().slice(0, 10);

/** Resolves once the page's DOM is complete (at once if it already is). */
function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

async function main(): Promise<void> {
  if (window.top !== window) return; // frames are not scanned (see README: "Which frames")
  // The manifest runs this script at document_start: the settings are read, and the background wakes up and
  // compiles its detector, while the browser is still parsing the page, so that highlighting can start as soon
  // as the DOM is complete. The page itself is read only then (and detected in the background: scanner.ts).
  const setup = browser.storage.sync.get(SETTINGS_KEY).then(
    (got) => readSettings(got[SETTINGS_KEY]).settings,
    () => DEFAULT_SETTINGS, // unreadable storage: the defaults apply; the options page shows and repairs it
  );
  // The highlight stylesheet, which also wakes the background. Chrome applies it only once the page is idle (up
  // to about 200 ms after the DOM is complete); until then the same rules in a page stylesheet style the first
  // highlights (below).
  const styled = sendToBackground({ type: 'content/insert-style' }).catch(() => ({ ok: false }));
  setup.catch(() => undefined); // awaited below; a page we leave alone never awaits it
  // The same rules as a page stylesheet, put in now, while the page is parsed, so that they are part of its first
  // style and layout: added once the DOM is complete, they made Chromium compute the style and lay out a 1 MB page
  // all over again (a 190 ms task after DOMContentLoaded, 50 ms without it; npm run bench's trace).
  const bootstrap = addPageStylesheet(document);
  await domReady();
  if (pageOwnsMentionTag(document)) {
    bootstrap.remove();
    // The page defined its own <backstory-mention>: Backstory writes nothing here (not even the clean-up of
    // leftovers, which would unwrap the page's own elements), takes its stylesheet back so that the page's
    // elements keep their own look, and says so to the popup.
    if ((await styled).ok) await sendToBackground({ type: 'content/remove-style' }).catch(() => undefined);
    await sendToBackground({
      type: 'content/page-report',
      report: { url: location.href.slice(0, 4096), title: document.title.slice(0, 1000), date: today(), dateSource: 'today', status: 'off', entities: [] },
    });
    return;
  }
  const life = new AbortController();
  const signal = life.signal;
  const host = location.host.toLowerCase();

  const storedSettings = await setup;
  // Chrome may stop its service worker between two messages: a request that got no answer is sent once more.
  const detect: DetectRemote = (date, context, parts) => {
    const ask = () => sendToBackground({ type: 'content/detect', date, context, ...joinParts(parts) });
    return ask().catch((err: unknown) => {
      if (orphaned()) throw err;
      return ask();
    });
  };
  removeLeftovers(document, bootstrap); // what an earlier instance of this script left
  // The user stylesheet wins over any page rule (`!important` included); the page stylesheet serves ordinary
  // pages until it is in, and stays only where it could not be injected. (Put back if the page's parsing or
  // scripts dropped it, or there was no element to hold it at document_start.)
  if (!bootstrap.isConnected) (document.head ?? document.documentElement)?.appendChild(bootstrap);
  void styled.then((style) => {
    if (style.ok) bootstrap.remove();
  });
  let settings: Settings = storedSettings;
  let tabOff = false; // the keyboard shortcut switches this tab off without touching the settings
  const on = (): boolean => enabledFor(settings, host) && !tabOff;

  // Re-read on client-side navigation (a new article in the same document).
  let articleDate = pageArticleDate(document, today());
  let pageUrl = location.href;

  // --- our own DOM writes are invisible to the observer ---
  let observer: MutationObserver | null = null;
  const pendingRoots = new Set<Node>();
  const writing = (fn: () => void): void => {
    if (observer) for (const r of observer.takeRecords()) collect(r);
    fn();
    observer?.takeRecords();
  };
  let scanner = new Scanner(detect, articleDate.date, () => settings, writing);

  // --- report to the background (popup list, badge, reading history) ---
  let status: PageReport['status'] = 'scanning';
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const report = (): void => {
    if (reportTimer !== undefined) return;
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      void sendReport();
    }, REPORT_THROTTLE_MS);
  };
  const sendReport = async (): Promise<void> => {
    if (orphaned()) return;
    const counts = new Map<string, { count: number; offices: Set<string> }>();
    const count = (entity: string, office: string | null | undefined): void => {
      const c = counts.get(entity) ?? { count: 0, offices: new Set<string>() };
      c.count++;
      if (office) c.offices.add(office);
      counts.set(entity, c);
    };
    if (on()) {
      for (const el of document.querySelectorAll(MENTION_TAG)) {
        const id = el.getAttribute('data-entity');
        if (!id || el.hasAttribute('hidden-by-reader') || !isOurMention(el)) continue; // a page's own elements do not count
        count(id, el.getAttribute('data-office'));
      }
      // On a very long page, mentions far from the screen are found but not wrapped yet: they count too.
      for (const m of scanner.deferred()) count(m.entity, m.office);
    }
    const entities = [...counts].map(([entity, c]) => ({ entity, count: c.count, offices: [...c.offices] }));
    await sendToBackground({
      type: 'content/page-report',
      report: {
        url: location.href.slice(0, 4096),
        title: document.title.slice(0, 1000),
        date: articleDate.date,
        dateSource: articleDate.source,
        status: on() ? status : 'off',
        entities: entities.slice(0, 500),
      },
    }).catch(() => orphaned());
  };

  // --- scanning ---
  let scanAbort: AbortController | null = null;
  const scanAll = async (): Promise<void> => {
    scanAbort?.abort();
    scanAbort = new AbortController();
    const s = AbortSignal.any([signal, scanAbort.signal]);
    status = 'scanning';
    // Changes are watched from the moment the page has been read (as far as it is read for now), not once it is
    // all detected: a live page appending paragraphs meanwhile must not lose them. A long page is read only as
    // far as the reader needs (scanner.ts); meanwhile the report says 'partial' and the badge "N+".
    await scanner.readDocument(document.body, s, {
      read: startObserving,
      paused: () => {
        status = 'partial';
        void sendReport();
      },
    });
    if (s.aborted) return;
    status = 'done';
    startObserving();
    await sendReport();
  };

  // A page that takes our highlights out as they appear is not fought: where it removed one of them in two
  // separate rounds, Backstory stops putting them back (otherwise the two would re-wrap and unwrap forever).
  let round = 0;
  const removals = new WeakMap<Node, { round: number; rounds: number }>();
  const leftAlone = (n: Node): boolean => {
    for (let p: Node | null = n; p; p = p.parentNode) if ((removals.get(p)?.rounds ?? 0) >= 2) return true;
    return false;
  };
  const collect = (r: MutationRecord): void => {
    if (r.type === 'characterData') pendingRoots.add(r.target.parentNode ?? r.target);
    else for (const n of r.addedNodes) pendingRoots.add(n);
    for (const n of r.removedNodes) {
      if (n.nodeType !== 1 || !isOurMention(n as Element)) continue;
      const seen = removals.get(r.target);
      if (!seen) removals.set(r.target, { round, rounds: 1 });
      else if (seen.round !== round) removals.set(r.target, { round, rounds: seen.rounds + 1 });
    }
  };
  let mutationTimer: ReturnType<typeof setTimeout> | undefined;
  const startObserving = (): void => {
    if (observer) return;
    observer = new MutationObserver((records) => {
      for (const r of records) collect(r);
      if (mutationTimer === undefined) mutationTimer = setTimeout(flushMutations, MUTATION_DEBOUNCE_MS);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', () => observer?.disconnect(), { once: true });
  };
  const flushMutations = async (): Promise<void> => {
    mutationTimer = undefined;
    if (orphaned() || !on()) return;
    if (location.href !== pageUrl) {
      // Client-side navigation: a new article with its own date and its own context.
      pageUrl = location.href;
      pendingRoots.clear();
      removeAll();
      articleDate = pageArticleDate(document, today());
      scanner = new Scanner(detect, articleDate.date, () => settings, writing);
      await scanAll();
      return;
    }
    round++;
    const roots = [...pendingRoots].filter((n) => n.isConnected && !isOurs(n) && !leftAlone(n));
    pendingRoots.clear();
    // Drop roots inside other roots: each subtree is scanned once; and those the document read has not reached
    // yet (it reads them when it gets there).
    const top = roots.filter((n) => !roots.some((o) => o !== n && o.contains(n)) && !scanner.unread(n));
    if (top.length) await scanner.scan(top, signal); // in one scan: one request for all of them
    report();
  };

  const removeAll = (): void => {
    cards.close(false);
    scanAbort?.abort();
    writing(() => unwrapAll(document.body));
    scanner.reset();
  };

  const apply = async (): Promise<void> => {
    if (on()) {
      if (![...document.querySelectorAll(MENTION_TAG)].some(isOurMention)) await scanAll();
      else {
        for (const el of [...document.querySelectorAll(MENTION_TAG)].filter(isOurMention)) {
          el.setAttribute('data-style', settings.style);
          el.setAttribute('data-emphasis', settings.emphasis);
        }
        await sendReport();
      }
    } else {
      removeAll();
      await sendReport();
    }
  };

  // --- cards ---
  const cards = new CardController({
    signal,
    dateSource: () => articleDate.source,
    load: async (mention) =>
      sendToBackground({
        type: 'content/get-card',
        entity: mention.getAttribute('data-entity') ?? '',
        date: articleDate.date,
        url: location.href.slice(0, 4096),
        pageEntities: [...scanner.seen].slice(0, 500),
      }),
    notThis: (mention) => {
      const entity = mention.getAttribute('data-entity') ?? '';
      const text = mention.textContent ?? '';
      writing(() => {
        mention.setAttribute('hidden-by-reader', '');
        mention.setAttribute('tabindex', '-1');
        mention.removeAttribute('role');
        mention.removeAttribute('aria-haspopup');
        mention.removeAttribute('aria-expanded');
        mention.removeAttribute('aria-label');
      });
      void sendToBackground({ type: 'content/not-this-one', entity, url: location.href.slice(0, 4096), text: text.slice(0, 1000) });
      report();
    },
  });

  // --- keyboard: Tab never skips a highlight that is still waiting for its part of a long page, and the read of a
  // long page keeps ahead of the focus ---
  window.addEventListener(
    'focusin',
    (e) => {
      if (e.target instanceof Node && on()) scanner.focusMoved(e.target);
    },
    { capture: true, signal },
  );
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey || !e.isTrusted || !on()) return;
      scanner.revealNext(document.activeElement ?? document.body, e.shiftKey);
    },
    { capture: true, signal },
  );

  // --- messages from the background (validated; never from the page) ---
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  function onMessage(raw: unknown, sender: { id?: string; tab?: unknown }): Promise<unknown> | undefined {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const parsed = v.safeParse(BackgroundToContentSchema, raw);
    if (!parsed.success) return undefined;
    const msg = parsed.output;
    if (msg.type === 'bg/jump') return jump(msg.entity);
    if (msg.type === 'bg/read-all') {
      void scanner.readAll(); // the popup's list is complete once the report says 'done'
      return Promise.resolve({ ok: true });
    }
    if (msg.type === 'bg/toggle') {
      tabOff = !tabOff;
      return apply().then(() => ({ enabled: on() }));
    }
    return sendReport().then(() => ({ ok: true }));
  }
  /** "Jump to" from the popup: the entity's first highlight, wrapped (and the page read that far) if need be. */
  async function jump(entity: string): Promise<{ ok: boolean }> {
    const find = (): HTMLElement | undefined =>
      [...document.querySelectorAll<HTMLElement>(`${MENTION_TAG}[data-entity="${CSS.escape(entity)}"]:not([hidden-by-reader])`)].find(isOurMention);
    let el = find() ?? (scanner.reveal(entity) ? find() : undefined);
    if (!el) {
      await scanner.readAll();
      el = find() ?? (scanner.reveal(entity) ? find() : undefined);
    }
    if (!el) return { ok: false };
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true });
    void cards.open(el);
    return { ok: true };
  }

  // --- settings changes take effect without a reload ---
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area !== 'sync' || !changes[SETTINGS_KEY]) return;
    const before = settings;
    settings = readSettings(changes[SETTINGS_KEY].newValue).settings;
    const typesChanged = JSON.stringify(before.types) !== JSON.stringify(settings.types);
    if (typesChanged && on()) removeAll();
    void apply();
  };
  browser.storage.onChanged.addListener(onStorage);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage), { once: true });

  // --- orphan detection: the extension was updated, reloaded or disabled ---
  function orphaned(): boolean {
    if (signal.aborted) return true;
    if (!contextInvalidated()) return false;
    observer?.disconnect();
    observer = null;
    removeAll();
    bootstrap.remove();
    life.abort();
    return true;
  }
  const orphanTimer = setInterval(orphaned, ORPHAN_CHECK_MS);
  signal.addEventListener('abort', () => clearInterval(orphanTimer), { once: true });

  if (on()) await scanAll();
  else await sendReport();
}

/**
 * The highlight rules as a page (author) stylesheet: they style the first highlights until the browser has
 * applied the user stylesheet, and stay where it could not be injected. Weaker against hostile page CSS, but
 * enough for ordinary pages.
 */
function addPageStylesheet(doc: Document): HTMLStyleElement {
  const el = doc.createElement('style');
  el.setAttribute('data-backstory', '');
  el.textContent = MENTION_CSS;
  (doc.head ?? doc.documentElement)?.appendChild(el);
  return el;
}

function isOurs(n: Node): boolean {
  const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
  return !!el && (el.localName === MENTION_TAG || !!el.closest(MENTION_TAG) || insideSkipped(el));
}

main().catch((err: unknown) => {
  // Never let an error escape into the page's console as an uncaught exception.
  if (!contextInvalidated()) console.warn('Backstory could not start on this page:', err);
});
