/**
 * The background's message entry point: checks the sender, validates the message against the contract,
 * then dispatches it. Anything else is dropped with a console warning and no answer.
 */
import * as v from 'valibot';
import { buildCard } from '../core/card';
import { detectBatch, splitParts } from '../core/detect/batch';
import { MENTION_CSS } from '../core/mention-css';
import { ContentToBackgroundSchema, PageToBackgroundSchema } from '../messaging/contract';
import type { ContentToBackground, PageToBackground } from '../messaging/contract';
import { allowedFor, classifySender, type SenderLike } from '../messaging/guard';
import type { EntitySummary, Responses, TabState } from '../messaging/responses';
import { sendToTab } from '../messaging/send';
import { browser, extensionOrigin } from '../platform/browser';
import { knowledge, warmDetector } from './knowledge';
import { loadReport, saveReport } from './tabs';
import { coverageFor, engine, newestCoverage, recordVisit, recordCorrection } from './coverage-bridge';
import { DEFAULT_FEEDS } from './feeds/defaults';
import { builtInSite, canRunOn, listReaderSites, originPattern, rootPath, scanTab, syncSiteScripts } from './sites';
import { CARD_SCRIPT } from './card-script';

type Handler<M> = (msg: M, sender: SenderLike) => Promise<unknown>;

/**
 * Runs a scripting call on the frame a content message came from; { ok } says whether it worked. A failure (no
 * host permission, a closed tab) answers ok: false: for the stylesheet the content script then keeps its page
 * stylesheet, for the card it leaves the mention as it is.
 */
async function inSenderFrame(
  sender: SenderLike,
  call: (target: { tabId: number; frameIds: number[] }) => Promise<unknown>,
): Promise<{ ok: boolean }> {
  try {
    await call({ tabId: sender.tab?.id as number, frameIds: [sender.frameId ?? 0] });
    return { ok: true };
  } catch {
    return { ok: false };
  }
}

const contentHandlers: { [T in ContentToBackground['type']]: Handler<Extract<ContentToBackground, { type: T }>> } = {
  // Detection runs here, off the page's main thread; the context comes and goes with each batch, so nothing of
  // the page is kept between two batches.
  'content/detect': async (msg) => {
    const parts = splitParts(msg.text, msg.ends);
    if (!parts) throw new Error('content/detect: part ends out of order or longer than allowed');
    const { kb, detector } = knowledge();
    return detectBatch(detector, kb, msg.date, msg.context, parts) satisfies Responses['content/detect'];
  },
  // The page's first message (sent at document_start): the detector is compiled now, while the page is still
  // being parsed, rather than when the page asks for its first detection.
  'content/insert-style': async (_msg, sender) => {
    warmDetector();
    return inSenderFrame(sender, (target) => browser.scripting.insertCSS({ target, css: MENTION_CSS, origin: 'USER' }));
  },
  'content/remove-style': async (_msg, sender) =>
    inSenderFrame(sender, (target) => browser.scripting.removeCSS({ target, css: MENTION_CSS, origin: 'USER' })),
  'content/load-card': async (_msg, sender) =>
    inSenderFrame(sender, (target) => browser.scripting.executeScript({ target, files: [rootPath(CARD_SCRIPT)] })),
  'content/page-report': async (msg, sender) => {
    const tabId = sender.tab?.id as number;
    if (sender.frameId !== 0) return { ok: true }; // only the top frame speaks for the tab
    await saveReport(tabId, msg.report);
    if ((msg.report.status === 'done' || msg.report.status === 'partial') && msg.report.entities.length > 0) await recordVisit(msg.report);
    return { ok: true } satisfies Responses['content/page-report'];
  },
  'content/get-card': async (msg) => {
    const card = buildCard(knowledge().kb, msg.entity, msg.date);
    if (!card) return null;
    card.coverage = await coverageFor(msg.entity, { url: msg.url, date: msg.date, entities: msg.pageEntities });
    return card satisfies Responses['content/get-card'];
  },
  'content/not-this-one': async (msg) => {
    await recordCorrection(msg.entity, msg.url, msg.text);
    return { ok: true };
  },
};

/**
 * What the popup shows for a tab. The browser tells the tab's address only for sites Backstory may run on
 * (or after a click on the toolbar button, through activeTab); `hint` is the address the popup's opener gave.
 */
async function tabState(tabId: number, hint?: string): Promise<TabState> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? hint ?? null;
  const report = await loadReport(tabId);
  const canRun = report !== null || canRunOn(url);
  let siteEnabled = report !== null;
  if (!siteEnabled && url !== null && canRun) {
    const pattern = originPattern(url);
    siteEnabled = builtInSite(url, browser.runtime.getManifest() as never) || (pattern !== null && (await browser.permissions.contains({ origins: [pattern] })));
  }
  return { tabId, url, canRun, siteEnabled, report };
}

const pageHandlers: { [T in PageToBackground['type']]: Handler<Extract<PageToBackground, { type: T }>> } = {
  'popup/get-tab-state': async (msg) => tabState(msg.tabId, msg.url),
  'popup/jump': async (msg) => {
    try {
      return await sendToTab(msg.tabId, { type: 'bg/jump', entity: msg.entity });
    } catch {
      return { ok: false };
    }
  },
  'popup/read-page': async (msg) => {
    try {
      return await sendToTab(msg.tabId, { type: 'bg/read-all' });
    } catch {
      return { ok: false }; // no content script there (any more): nothing to read
    }
  },
  'popup/get-summaries': async (msg) => {
    const { kb } = knowledge();
    const out: EntitySummary[] = [];
    for (const id of msg.entities) {
      const e = kb.entity(id);
      if (!e) continue;
      const office = e.type === 'person' ? (kb.officesHeldOn(id, msg.date)[0]?.office.shortName ?? null) : null;
      out.push({ id, type: e.type, name: e.name, summary: e.summary, office, newestCoverage: msg.url ? await (await engine()).newest(id, msg.date, msg.url) : await newestCoverage(id, msg.date) });
    }
    return out;
  },
  'popup/enable-site': async (msg) => {
    const { url } = await tabState(msg.tabId);
    const pattern = url === null ? null : originPattern(url);
    if (pattern === null || !(await browser.permissions.contains({ origins: [pattern] }))) return { ok: false, scanned: false };
    await syncSiteScripts();
    return { ok: true, scanned: await scanTab(msg.tabId) } satisfies Responses['popup/enable-site'];
  },
  'popup/list-sites': async () => ({ origins: await listReaderSites() }) satisfies Responses['popup/list-sites'],
  'popup/default-feeds': async () => DEFAULT_FEEDS.map((f) => ({ url: f.url, label: f.label })) satisfies Responses['popup/default-feeds'],
  'popup/knowledge-info': async () => ({ knowledgeAsOf: knowledge().kb.knowledgeAsOf }) satisfies Responses['popup/knowledge-info'],
  'options/refresh-feeds': async () => (await (await engine()).refreshFeeds(true)) satisfies Responses['options/refresh-feeds'],
  'options/refresh-knowledge': async () => (await (await engine()).refreshKnowledge(true)) satisfies Responses['options/refresh-knowledge'],
  'options/history-clear': async () => ({ cleared: await (await engine()).clearHistory() }) satisfies Responses['options/history-clear'],
  'options/history-export': async () => ({ json: await (await engine()).exportHistory() }) satisfies Responses['options/history-export'],
};

export function handleMessage(raw: unknown, sender: SenderLike): Promise<unknown> | undefined {
  const kind = classifySender(sender, browser.runtime.id, extensionOrigin());
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !allowedFor(type, kind)) {
    console.warn('Backstory: dropped a message from an unexpected sender', kind, type);
    return undefined;
  }
  if (kind === 'content') {
    const parsed = v.safeParse(ContentToBackgroundSchema, raw);
    if (!parsed.success) return warnInvalid(type, parsed.issues);
    const msg = parsed.output;
    return (contentHandlers[msg.type] as Handler<typeof msg>)(msg, sender);
  }
  const parsed = v.safeParse(PageToBackgroundSchema, raw);
  if (!parsed.success) return warnInvalid(type, parsed.issues);
  const msg = parsed.output;
  return (pageHandlers[msg.type] as Handler<typeof msg>)(msg, sender);
}

function warnInvalid(type: string, issues: v.BaseIssue<unknown>[]): undefined {
  console.warn(`Backstory: invalid ${type} message:`, issues.map((i) => i.message).join('; '));
  return undefined;
}
