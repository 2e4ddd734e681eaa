/**
 * XSS payloads in what the popup shows (knowledge names and summaries, office titles, the newest coverage from
 * feeds and the archive, the page's own title and address) render inert: as text, never as elements, attributes or
 * links. The popup is rendered by preact in happy-dom over a fake browser (as test/dom/popup.test.tsx does).
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '../../src/messaging/contract';
import type { EntitySummary, TabState } from '../../src/messaging/responses';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const LINK = '<a href="javascript:window.__xss=1">click</a>';

const fake = vi.hoisted(() => ({ tab: null as unknown, summaries: [] as unknown[] }));

vi.mock('../../src/platform/browser', () => ({
  browser: {
    // Messages are returned raw, placeholders filled in: a payload passed as a substitution reaches the DOM as is.
    i18n: { getMessage: (key: string, subs?: string | string[]) => [key, ...(Array.isArray(subs) ? subs : subs ? [subs] : [])].join(' ') },
    tabs: { query: async () => [{ id: 7 }] },
    runtime: {
      openOptionsPage: async () => undefined,
      sendMessage: async (msg: { type: string }) => {
        if (msg.type === 'popup/get-tab-state') return fake.tab;
        if (msg.type === 'popup/get-summaries') return fake.summaries;
        return undefined;
      },
    },
    storage: { sync: { get: async () => ({}), set: async () => undefined }, local: { set: async () => undefined } },
    permissions: { request: async () => false },
  },
}));

const { Popup } = await import('../../src/popup/Popup');

const hostileReport: PageReport = {
  url: `https://news.example.org/story?x=${encodeURIComponent(IMG)}`,
  title: `Title ${IMG}${SCRIPT}`,
  date: '2024-10-10',
  dateSource: 'meta',
  status: 'done',
  entities: [
    { entity: 'hitachi-rail', count: 2, offices: [] },
    { entity: 'jonathan-reynolds', count: 1, offices: [] },
  ],
};
const tab: TabState = { tabId: 7, url: hostileReport.url, canRun: true, siteEnabled: true, report: hostileReport };
const summaries: EntitySummary[] = [
  {
    id: 'hitachi-rail',
    type: 'organisation',
    name: `Hitachi ${IMG}`,
    summary: `Summary ${SCRIPT}`,
    office: null,
    newestCoverage: { url: 'javascript:window.__xss=1', title: `Story ${LINK}`, outlet: `Outlet ${IMG}`, published: '2024-01-01' },
  },
  { id: 'jonathan-reynolds', type: 'person', name: `Reynolds ${LINK}`, summary: `MP ${IMG}`, office: `Office ${SCRIPT}`, newestCoverage: null },
];

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  fake.tab = tab;
  fake.summaries = summaries;
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('popup: hostile strings render as text', () => {
  it('no element, event handler or non-http(s) link comes from any string it shows', async () => {
    render(h(Popup, {}), root);
    await vi.waitFor(() => expect(root.querySelector('[data-entity="hitachi-rail"]')).not.toBeNull());
    await vi.waitFor(() => expect(root.textContent).toContain(`Hitachi ${IMG}`));
    expect(root.textContent).toContain(`Summary ${SCRIPT}`);
    expect(root.textContent).toContain(`Reynolds ${LINK}`);
    expect(root.querySelectorAll('img, script, svg, iframe, object, embed, style, link, meta, form, base').length).toBe(0);
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.localName} has ${attr}`).toBe(false);
    }
    for (const a of root.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^https?:\/\/[^/]/);
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });
});
