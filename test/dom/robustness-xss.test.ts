/**
 * XSS payloads in every string a card shows (knowledge, refreshed knowledge, feeds and the coverage archive,
 * reading history, the page's own date source) render inert: as visible text, never as elements, attributes or
 * links; only http(s) links survive. The card is rendered by preact into happy-dom exactly as mountCard does.
 */
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../src/core/card';
import { Card } from '../../src/ui/card/Card';

// The card's strings come from messages.json through browser.i18n.
vi.mock('../../src/platform/browser', async () => ({ browser: { i18n: { getMessage: (await import('./i18n-fake')).getMessage } } }));

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '<svg onload="window.__xss=1"></svg>';
const PAYLOADS = [IMG, SCRIPT, SVG, '"><iframe src="javascript:window.__xss=1">', "'onmouseover='window.__xss=1"];
const BAD_URLS = [
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1',
  ' javascript:window.__xss=1',
  'java\tscript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'chrome-extension://abc/popup.html',
  '//evil.example/x',
  '',
];

function hostile(i: number, url: string): CardData {
  const p = PAYLOADS[i % PAYLOADS.length]!;
  return {
    id: 'hitachi-rail',
    type: 'person',
    name: `Name ${p}`,
    summary: `Summary ${p}`,
    summarySource: url,
    date: `2024-10-10${p}`,
    knowledgeAsOf: `2026-01-01${p}`,
    officesOnDate: [{ officeId: 'a', title: `Office ${p}`, from: '2024-07-05', to: null }],
    officesNow: [{ officeId: 'b', title: `Now ${p}`, from: '2025-01-01', to: null, evidenceAsOf: `2025-01-01${p}` }],
    party: `Party ${p}`,
    seat: `Seat ${p}`,
    facts: [
      { text: `Fact ${p}`, asOf: `2024-01-01${p}`, source: url },
      { text: `Fact two ${p}`, asOf: '2024-01-01', source: 'https://www.gov.uk/ok' },
    ] as CardData['facts'],
    timeline: [{ date: `2020-01-01${p}`, text: `Event ${p}`, source: url }] as CardData['timeline'],
    coverage: [
      { url, title: `Story ${p}`, outlet: `Outlet ${p}`, published: '2024-01-01', readAt: `2024-02-02${p}` },
      { url: 'https://www.thenorthernecho.co.uk/news/1', title: `Good story ${p}`, outlet: 'Echo', published: '2024-01-02' },
    ],
  };
}

function renderCard(data: CardData | 'error' | 'loading', dateSource = 'meta'): HTMLElement {
  const panel = document.createElement('div');
  document.body.append(panel);
  render(h(Card, { titleId: 't1', data, dateSource, onClose: () => undefined, onNotThis: () => undefined }), panel);
  return panel;
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'background', 'ping']);

/** What a payload would have created if it had been parsed as markup. */
function assertInert(panel: HTMLElement): void {
  expect(panel.querySelectorAll('img, script, svg, iframe, object, embed, style, link, meta, form, base').length).toBe(0);
  for (const el of panel.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.localName} has ${attr}`).toBe(false);
      if (URL_ATTRS.has(attr)) expect(/^\s*https?:\/\//i.test(el.getAttribute(attr) ?? ''), `${el.localName}[${attr}]`).toBe(true);
    }
  }
  for (const a of panel.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? '';
    expect(href, 'every link is http(s)').toMatch(/^https?:\/\/[^/]/);
    expect(a.getAttribute('rel')).toContain('noopener');
  }
  expect((window as { __xss?: number }).__xss).toBeUndefined();
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('card: hostile strings render as text', () => {
  it.each(BAD_URLS.map((u, i) => [u, i] as const))('source and story URL %j: no element from the payloads, no link but http(s)', (url, i) => {
    const panel = renderCard(hostile(i, url));
    assertInert(panel);
    // The payload is shown to the reader literally, as text.
    const p = PAYLOADS[i % PAYLOADS.length]!;
    expect(panel.textContent).toContain(`Name ${p}`);
    expect(panel.textContent).toContain(`Story ${p}`);
    expect(panel.textContent).toContain(`Fact ${p}`);
    // The bad URL gave no link at all; the good ones are still links.
    const hrefs = [...panel.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('https://www.gov.uk/ok');
    expect(hrefs).toContain('https://www.thenorthernecho.co.uk/news/1');
    expect(hrefs.length).toBe(2);
  });

  it('a hostile date source (from the page) is text, and loading/error states are inert too', () => {
    assertInert(renderCard(hostile(0, 'https://www.gov.uk/x'), IMG));
    expect(document.body.textContent).toContain(IMG);
    assertInert(renderCard('loading', SCRIPT));
    assertInert(renderCard('error', SCRIPT));
  });

  it('an http(s) URL carrying markup stays one escaped link, its label the host only', () => {
    const url = 'https://evil.example/"><img src=x onerror=alert(1)>?q=<script>';
    const panel = renderCard({ ...hostile(0, url), facts: [], timeline: [] });
    assertInert(panel);
    const src = panel.querySelector('a.src')!;
    expect(src.textContent).toBe('evil.example');
    expect(new URL(src.getAttribute('href')!).hostname).toBe('evil.example');
  });
});
