/**
 * The card, in real Chromium and Firefox: opened by mouse and keyboard, one at a time, closed by Escape with
 * focus returned, inside the viewport near its edges, clean under axe, following the reader's colour scheme;
 * and highlights that follow a page that keeps growing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser, TestPage } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch, waitForHighlights } from '../../src/tools/harness/session';
import { waitForCard } from './helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: DemoServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** What the open card shows, read through its (open) shadow root. */
function cardState(page: TestPage) {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('backstory-card');
    const host = hosts[0];
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
    const labelId = dialog?.getAttribute('aria-labelledby');
    const label = labelId ? host!.shadowRoot!.getElementById(labelId)?.textContent : null;
    const active = document.activeElement;
    return {
      count: hosts.length,
      label,
      text: dialog?.textContent ?? '',
      loading: !!dialog?.textContent?.includes('Loading'),
      focusInCard: active === host,
      activeEntity: active?.localName === 'backstory-mention' ? active.getAttribute('data-entity') : null,
      expanded: [...document.querySelectorAll('backstory-mention[aria-expanded="true"]')].map((m) => m.getAttribute('data-entity')),
    };
  });
}

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  let browser: ExtensionBrowser;
  let page: TestPage;
  beforeAll(async () => {
    browser = await launch(name);
    page = await browser.newPage();
    await page.setViewport(1200, 800);
    await page.goto(server.url('/demo/article.html'));
    await waitForHighlights(page, 5);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens a card by mouse with the person as of the article date, and closes it by Escape returning focus', async () => {
    await page.evaluate(() => document.querySelector('backstory-mention[data-entity="jonathan-reynolds"]')!.scrollIntoView({ block: 'center' }));
    await page.click('backstory-mention[data-entity="jonathan-reynolds"]');
    await waitForCard(page);
    let s = await cardState(page);
    expect(s.count).toBe(1);
    expect(s.label).toBe('Jonathan Reynolds');
    expect(s.text).toContain('Business and Trade Secretary when this was published, 10 Oct 2024');
    expect(s.text).toMatch(/Now: .+, (as of|last confirmed) \d/);
    expect(s.focusInCard).toBe(true);
    expect(s.expanded).toEqual(['jonathan-reynolds']);
    await page.press('Escape');
    s = await cardState(page);
    expect(s.count).toBe(0);
    expect(s.activeEntity).toBe('jonathan-reynolds');
    expect(s.expanded).toEqual([]);
  });

  it('opens by Enter and by Space on a focused mention, one card at a time', async () => {
    await page.evaluate(() => (document.querySelector('backstory-mention[data-entity="hitachi-rail"]') as HTMLElement).focus());
    await page.press('Enter');
    await waitForCard(page);
    expect((await cardState(page)).label).toBe('Hitachi Rail');
    await page.press('Escape');
    await page.evaluate(() => (document.querySelector('backstory-mention[data-entity="newton-aycliffe"]') as HTMLElement).focus());
    await page.press(' ');
    await waitForCard(page);
    const s = await cardState(page);
    expect(s.count).toBe(1);
    expect(s.label).toBe('Newton Aycliffe');
    // Hitachi's timeline on the card stops at the article's date.
    await page.press('Escape');
  });

  it('shows the Hitachi factory story only up to the article date', async () => {
    await page.evaluate(() => (document.querySelector('backstory-mention[data-entity="hitachi-rail"]') as HTMLElement).focus());
    await page.press('Enter');
    await waitForCard(page);
    const dates = await page.evaluate(() =>
      [...document.querySelector('backstory-card')!.shadowRoot!.querySelectorAll('time')].map((t) => t.getAttribute('datetime')),
    );
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(d! <= '2024-10-10').toBe(true);
    // Earlier coverage from the bundled archive: real stories, published before the article, newest first.
    const coverage = await page.evaluate(() =>
      [...document.querySelector('backstory-card')!.shadowRoot!.querySelectorAll('.coverage li')].map((li) => ({
        href: li.querySelector('a')?.getAttribute('href') ?? '',
        target: li.querySelector('a')?.getAttribute('target'),
        text: li.textContent ?? '',
      })),
    );
    expect(coverage.length).toBeGreaterThan(0);
    expect(coverage.length).toBeLessThanOrEqual(5);
    for (const c of coverage) {
      expect(c.href).toMatch(/^https?:\/\//);
      expect(c.target).toBe('_blank');
    }
    await page.press('Escape');
  });

  it('has no axe violations in the open card, in light and in dark mode, and follows the colour scheme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      // A browser per scheme: Firefox takes prefers-color-scheme at launch.
      const b = scheme === 'light' ? browser : await launch(name, true, 'dark');
      const p = scheme === 'light' ? page : await b.newPage();
      if (p !== page) {
        await p.goto(server.url('/demo/article.html'));
        await waitForHighlights(p, 5);
      }
      await p.evaluate(() => (document.querySelector('backstory-mention[data-entity="john-healey"]') as HTMLElement).focus());
      await p.press('Enter');
      await waitForCard(p);
      const result = await p.evaluate(async (src) => {
        if (!(window as unknown as { axe?: unknown }).axe) {
          const s = document.createElement('script');
          s.textContent = src;
          document.head.appendChild(s);
        }
        const axe = (window as unknown as { axe: { run(ctx: Element, o: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const host = document.querySelector('backstory-card')!;
        const panel = host.shadowRoot!.querySelector('.panel')!;
        const r = await axe.run(host, { resultTypes: ['violations'] });
        return { violations: r.violations.map((v) => v.id), bg: getComputedStyle(panel).backgroundColor };
      }, AXE);
      expect(result.violations).toEqual([]);
      expect(result.bg).toBe(scheme === 'dark' ? 'rgb(22, 27, 34)' : 'rgb(255, 255, 255)');
      await p.press('Escape');
      if (b !== browser) await b.close();
    }
  });

  it('keeps the card inside the viewport near its edges without covering the mention', async () => {
    await page.setViewport(700, 500);
    for (const where of ['bottom', 'right'] as const) {
      const box = await page.evaluate((w) => {
        const el = [...document.querySelectorAll<HTMLElement>('backstory-mention')].at(w === 'bottom' ? -1 : 0)!;
        el.scrollIntoView({ block: w === 'bottom' ? 'end' : 'start', inline: 'end' });
        return el.getBoundingClientRect().toJSON() as DOMRect;
      }, where);
      expect(box.bottom).toBeLessThanOrEqual(500);
      await page.evaluate((w) => [...document.querySelectorAll<HTMLElement>('backstory-mention')].at(w === 'bottom' ? -1 : 0)!.focus({ preventScroll: true }), where);
      await page.press('Enter');
      await waitForCard(page);
      await new Promise((r) => setTimeout(r, 150));
      const r = await page.evaluate(() => {
        const panel = document.querySelector('backstory-card')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
        const m = (document.querySelector('backstory-mention[aria-expanded="true"]') as HTMLElement).getBoundingClientRect();
        const overlap = !(panel.right <= m.left || panel.left >= m.right || panel.bottom <= m.top || panel.top >= m.bottom);
        return { left: panel.left, top: panel.top, right: panel.right, bottom: panel.bottom, vw: innerWidth, vh: innerHeight, overlap };
      });
      expect(r.left).toBeGreaterThanOrEqual(0);
      expect(r.top).toBeGreaterThanOrEqual(0);
      expect(r.right).toBeLessThanOrEqual(r.vw);
      expect(r.bottom).toBeLessThanOrEqual(r.vh);
      expect(r.overlap).toBe(false);
      await page.press('Escape');
    }
    await page.setViewport(1200, 800);
  });

  it('closes on a click outside the card', async () => {
    await page.evaluate(() => (document.querySelector('backstory-mention[data-entity="hitachi-rail"]') as HTMLElement).focus());
    await page.press('Enter');
    await waitForCard(page);
    await page.click('h1');
    expect((await cardState(page)).count).toBe(0);
  });

  it('does not open a card when the reader drags across a name to select it', async () => {
    // A mention on one line (the headline's wraps), in the first body paragraph.
    const target = 'article p backstory-mention[data-entity="newton-aycliffe"]';
    await page.evaluate((sel) => document.querySelector(sel)!.scrollIntoView({ block: 'center' }), target);
    await page.dragAcross(target);
    const state = await page.evaluate(async () => {
      await new Promise((r) => setTimeout(r, 300));
      const selected = getSelection()!.toString();
      getSelection()!.removeAllRanges();
      return { selected, cards: document.querySelectorAll('backstory-card').length };
    });
    expect(state.selected).toContain('Aycliff');
    expect(state.cards).toBe(0);
    // The same mention still opens on a plain click.
    await page.click(target);
    await waitForCard(page);
    await page.press('Escape');
  });

  it('"Not this one?" turns that mention back into plain text and keeps the text', async () => {
    const before = await page.evaluate(() => document.body.textContent);
    await page.evaluate(() => (document.querySelectorAll('backstory-mention[data-entity="hitachi-rail"]')[1] as HTMLElement).focus());
    await page.press('Enter');
    await waitForCard(page);
    await page.evaluate(() => (document.querySelector('backstory-card')!.shadowRoot!.querySelector('button.link') as HTMLElement).click());
    const after = await page.evaluate(() => {
      const m = document.querySelectorAll('backstory-mention[data-entity="hitachi-rail"]')[1]!;
      return { hidden: m.hasAttribute('hidden-by-reader'), role: m.getAttribute('role'), tabindex: m.getAttribute('tabindex'), cards: document.querySelectorAll('backstory-card').length, text: document.body.textContent };
    });
    expect(after).toMatchObject({ hidden: true, role: null, tabindex: '-1', cards: 0 });
    expect(after.text).toBe(before);
  });

  it('follows client-side navigation: a new article gets its own date and its own people', async () => {
    const spa = await browser.newPage();
    await spa.goto(server.url('/fixtures/e2e/spa.html'));
    await spa.waitFor(() => !!document.querySelector('backstory-mention[data-kind="role"]'));
    expect(await spa.evaluate(() => document.querySelector('backstory-mention[data-kind="role"]')!.getAttribute('data-entity'))).toBe('jonathan-reynolds');
    await spa.evaluate(() => (window as unknown as { navigateToOlderStory(): void }).navigateToOlderStory());
    await spa.waitFor(() => document.querySelector('backstory-mention[data-kind="role"]')?.getAttribute('data-entity') === 'vince-cable');
    await spa.close();
  });

  it('highlights paragraphs a live page keeps appending (every 10 ms for 3 s)', async () => {
    const live = await browser.newPage();
    await live.goto(server.url('/fixtures/e2e/live-blog.html'));
    await live.waitFor(() => document.body.dataset.done === '300', undefined, 20_000);
    await live.waitFor(() => {
      const updates = [...document.querySelectorAll('p.update')];
      return updates.length === 300 && updates.every((p) => p.querySelectorAll('backstory-mention').length === 2);
    }, undefined, 20_000);
    const wrong = await live.evaluate(() =>
      [...document.querySelectorAll('p.update backstory-mention')].filter(
        (m) => !['hitachi-rail', 'newton-aycliffe'].includes(m.getAttribute('data-entity') ?? '') || !['Hitachi', 'Newton Aycliffe'].includes(m.textContent ?? ''),
      ).length,
    );
    expect(wrong).toBe(0);
    await live.close();
  });
});
