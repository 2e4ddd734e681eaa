/**
 * Messages from where they should not come, through the background's real entry point (router.handleMessage):
 * another extension, a web page, a sender without a tab or frame, a content script asking for a popup-only
 * action, a look-alike origin, a malformed message. Each is dropped: no answer, and no handler runs (nothing
 * stored, no tab scanned, no message forwarded to a tab). The browser and the stores are replaced by spies.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ID = 'ownextensionidabcdefghijklmnopqr';
const ORIGIN = `chrome-extension://${ID}`;

const spies = vi.hoisted(() => ({
  saveReport: vi.fn(async () => undefined),
  loadReport: vi.fn(async () => null),
  recordVisit: vi.fn(async () => undefined),
  recordCorrection: vi.fn(async () => undefined),
  coverageFor: vi.fn(async () => []),
  newestCoverage: vi.fn(async () => null),
  sendToTab: vi.fn(async () => ({ ok: true })),
  syncSiteScripts: vi.fn(async () => []),
  scanTab: vi.fn(async () => true),
  listReaderSites: vi.fn(async () => []),
  tabsGet: vi.fn(async (id: number) => ({ id, url: 'https://www.bbc.co.uk/news/x' })),
  permissionsContains: vi.fn(async () => true),
}));

vi.mock('../../src/platform/browser', () => ({
  browser: {
    runtime: { id: ID, getURL: (p: string) => `${ORIGIN}/${p}`, getManifest: () => ({ content_scripts: [] }) },
    tabs: { get: spies.tabsGet },
    permissions: { contains: spies.permissionsContains },
  },
  extensionOrigin: () => ORIGIN,
  contextInvalidated: () => false,
}));
vi.mock('../../src/background/tabs', () => ({ saveReport: spies.saveReport, loadReport: spies.loadReport }));
vi.mock('../../src/background/coverage-bridge', () => ({
  coverageFor: spies.coverageFor,
  newestCoverage: spies.newestCoverage,
  recordVisit: spies.recordVisit,
  recordCorrection: spies.recordCorrection,
}));
vi.mock('../../src/messaging/send', () => ({ sendToTab: spies.sendToTab, sendToBackground: vi.fn() }));
vi.mock('../../src/background/sites', () => ({
  canRunOn: (url: string | null) => !!url && /^https?:\/\//.test(url),
  originPattern: (url: string) => `${new URL(url).origin}/*`,
  builtInSite: () => true,
  syncSiteScripts: spies.syncSiteScripts,
  scanTab: spies.scanTab,
  listReaderSites: spies.listReaderSites,
}));

const { handleMessage } = await import('../../src/background/router');

const report = {
  url: 'https://www.bbc.co.uk/news/x',
  title: 'A page',
  date: '2024-10-10',
  dateSource: 'meta',
  status: 'done',
  entities: [{ entity: 'hitachi-rail', count: 2, offices: [] }],
};
const pageReport = { type: 'content/page-report', report };
const contentSender = { id: ID, url: 'https://www.bbc.co.uk/news/x', tab: { id: 7 }, frameId: 0 };
const popupSender = { id: ID, url: `${ORIGIN}/src/popup/index.html` };

/** Runs a message and says whether the background answered and whether anything happened. */
async function send(msg: unknown, sender: unknown): Promise<{ answered: boolean; sideEffects: number }> {
  const out = handleMessage(msg, sender as never);
  if (out) await out;
  const sideEffects = Object.values(spies).reduce((n, s) => n + s.mock.calls.length, 0);
  return { answered: out !== undefined, sideEffects };
}

beforeEach(() => {
  for (const s of Object.values(spies)) s.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('the background drops messages from forged senders', () => {
  it('accepts the real thing (so the drops below are the guard at work, not a broken router)', async () => {
    expect(await send(pageReport, contentSender)).toEqual({ answered: true, sideEffects: 2 }); // saved + visit recorded
    expect(spies.saveReport).toHaveBeenCalledWith(7, expect.objectContaining({ url: report.url }));
    spies.sendToTab.mockClear();
    expect((await send({ type: 'popup/jump', tabId: 7, entity: 'hitachi-rail' }, popupSender)).answered).toBe(true);
    expect(spies.sendToTab).toHaveBeenCalledWith(7, { type: 'bg/jump', entity: 'hitachi-rail' });
    expect((await send({ type: 'popup/read-page', tabId: 7 }, popupSender)).answered).toBe(true);
    expect(spies.sendToTab).toHaveBeenCalledWith(7, { type: 'bg/read-all' });
  });

  it.each([
    ['another extension, from a tab', { ...contentSender, id: 'someotherextensionid' }],
    ['another extension, from its own page', { id: 'someotherextensionid', url: 'chrome-extension://someotherextensionid/popup.html' }],
    ['no extension id at all (a web page)', { url: 'https://evil.example/', tab: { id: 7 }, frameId: 0 }],
    ['our id, a page URL but no tab', { id: ID, url: 'https://evil.example/' }],
    ['our id, a tab without an id', { id: ID, url: 'https://evil.example/', tab: {}, frameId: 0 }],
    ['our id, a tab id of -1 (not a real tab)', { id: ID, url: 'https://evil.example/', tab: { id: -1 }, frameId: 0 }],
    ['our id and tab, but no frame', { id: ID, url: 'https://evil.example/', tab: { id: 7 } }],
    ['an empty sender', {}],
    ['a null sender', null],
  ])('a content message from %s is dropped', async (_label, sender) => {
    expect(await send(pageReport, sender)).toEqual({ answered: false, sideEffects: 0 });
    expect(await send({ type: 'content/not-this-one', entity: 'hitachi-rail', url: 'https://evil.example/', text: 'x' }, sender)).toEqual({
      answered: false,
      sideEffects: 0,
    });
  });

  it.each([
    ['a content script (a page may run one of ours)', contentSender],
    ['a look-alike origin', { id: ID, url: `${ORIGIN}.evil.example/src/popup/index.html`, tab: { id: 7 }, frameId: 0 }],
    ['a page whose URL merely contains our origin', { id: ID, url: `https://evil.example/?${ORIGIN}/`, tab: { id: 7 }, frameId: 0 }],
    ['another extension\'s page', { id: 'someotherextensionid', url: 'chrome-extension://someotherextensionid/x.html' }],
  ])('a popup-only action from %s is dropped (no tab scanned or messaged)', async (_label, sender) => {
    expect(await send({ type: 'popup/enable-site', tabId: 7 }, sender)).toEqual({ answered: false, sideEffects: 0 });
    expect(await send({ type: 'popup/jump', tabId: 7, entity: 'hitachi-rail' }, sender)).toEqual({ answered: false, sideEffects: 0 });
    expect(await send({ type: 'popup/read-page', tabId: 7 }, sender)).toEqual({ answered: false, sideEffects: 0 });
  });

  it('our own pages may not send content messages (no forged page reports from an extension page)', async () => {
    expect(await send(pageReport, popupSender)).toEqual({ answered: false, sideEffects: 0 });
  });

  it.each([
    ['an unknown type', { type: 'content/eval', code: 'alert(1)' }],
    ['no type', { report }],
    ['not an object', 'content/page-report'],
    ['a javascript: URL', { type: 'content/page-report', report: { ...report, url: 'javascript:alert(1)' } }],
    ['markup as an entity id', { type: 'content/get-card', entity: '<img src=x onerror=alert(1)>', date: '2024-10-10', url: 'https://a.example/', pageEntities: [] }],
    ['an oversized title', { type: 'content/page-report', report: { ...report, title: 'x'.repeat(100_000) } }],
    ['too many entities', { type: 'content/page-report', report: { ...report, entities: Array.from({ length: 501 }, () => report.entities[0]) } }],
    ['a prototype-polluting key', JSON.parse('{"type":"content/page-report","__proto__":{"polluted":true},"report":{"url":"javascript:1"}}')],
  ])('a malformed message from the right sender is dropped: %s', async (_label, msg) => {
    expect(await send(msg, contentSender)).toEqual({ answered: false, sideEffects: 0 });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('detects the text a content script sends, and refuses text beyond the limits or part ends that do not fit it', async () => {
    const text = 'Business Secretary Jonathan Reynolds visited Hitachi.';
    const answer = (await handleMessage({ type: 'content/detect', date: '2025-01-10', context: null, text, ends: [text.length] }, contentSender as never)) as {
      mentions: { entity: string }[][];
      context: { date: string };
    };
    expect(answer.mentions[0]!.map((m) => m.entity)).toEqual(['jonathan-reynolds', 'hitachi-rail']);
    expect(answer.context.date).toBe('2025-01-10');
    for (const bad of [
      { text: 'x'.repeat(1_048_577), ends: [1_048_577] },
      { text: 'abc', ends: Array.from({ length: 20_001 }, () => 3) },
      { text: 'abc', ends: [-1, 3] },
    ]) {
      expect(await send({ type: 'content/detect', date: '2025-01-10', context: null, ...bad }, contentSender)).toEqual({ answered: false, sideEffects: 0 });
    }
    // A context whose shape is wrong is refused as a whole, before any detection.
    const forged = { date: '2025-01-10', seq: 1, established: [['<script>', 'x']], otherPeople: [], department: null, weakDepartment: null, political: true, foreignOffices: [] };
    expect(await send({ type: 'content/detect', date: '2025-01-10', context: forged, text, ends: [text.length] }, contentSender)).toEqual({ answered: false, sideEffects: 0 });
    // Ends that pass the schema but do not describe the text: an error, not mentions at made-up offsets.
    await expect(handleMessage({ type: 'content/detect', date: '2025-01-10', context: null, text, ends: [10, 5, text.length] }, contentSender as never)).rejects.toThrow(/part ends/);
    // And a popup cannot ask for detection: only content scripts read pages.
    expect(await send({ type: 'content/detect', date: '2025-01-10', context: null, text, ends: [text.length] }, popupSender)).toEqual({ answered: false, sideEffects: 0 });
  });

  it('only the top frame speaks for the tab: a frame\'s report is not stored', async () => {
    const r = await send(pageReport, { ...contentSender, frameId: 3 });
    expect(r.answered).toBe(true);
    expect(spies.saveReport).not.toHaveBeenCalled();
    expect(spies.recordVisit).not.toHaveBeenCalled();
  });
});
