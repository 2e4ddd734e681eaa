/**
 * End-to-end: the built extension in real headless Chromium and real headless Firefox ESR, on the demo
 * article served from 127.0.0.1. Run after `npm run build` (npm test does both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS_PATH, type ExtensionBrowser, type TestPage } from '../../src/tools/harness/driver';
import { startServer, type DemoServer } from '../../src/tools/harness/server';
import { launch, openPopupFor, waitForHighlights } from '../../src/tools/harness/session';
import { paragraphBoxes, setHighlighting } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe.each(['chromium', 'firefox'] as const)('%s', (name) => {
  let browser: ExtensionBrowser;
  let page: TestPage;
  beforeAll(async () => {
    browser = await launch(name);
    page = await browser.newPage();
    await page.goto(server.url('/demo/article.html'));
    await waitForHighlights(page, 5);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('highlights Hitachi, Newton Aycliffe and the ministers of the article, resolved on its date', async () => {
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('backstory-mention')].map((m) => ({
        entity: m.getAttribute('data-entity'),
        kind: m.getAttribute('data-kind'),
        text: m.textContent,
      })),
    );
    const entities = new Set(found.map((f) => f.entity));
    expect(entities).toContain('hitachi-rail');
    expect(entities).toContain('newton-aycliffe');
    expect(entities).toContain('jonathan-reynolds');
    expect(entities).toContain('john-healey');
    // "the Secretary of State for Transport" on 10 October 2024 was Louise Haigh.
    expect(found).toContainEqual({ entity: 'louise-haigh', kind: 'role', text: 'Secretary of State for Transport' });
    expect(found).toContainEqual({ entity: 'jonathan-reynolds', kind: 'honorific', text: 'Mr Reynolds' });
    // Every highlight is a keyboard-reachable, labelled control.
    const attrs = await page.evaluate(() =>
      [...document.querySelectorAll('backstory-mention')].every(
        (m) => m.getAttribute('role') === 'button' && m.getAttribute('tabindex') === '0' && m.getAttribute('aria-haspopup') === 'dialog' && /: show backstory$/.test(m.getAttribute('aria-label') ?? ''),
      ),
    );
    expect(attrs).toBe(true);
  });

  it('lists what the page mentions in the toolbar popup, through the background', async () => {
    const popup = await openPopupFor(browser, server.origin);
    const names = await popup.evaluate(() => [...document.querySelectorAll('[role="option"]')].map((li) => li.getAttribute('data-entity')));
    expect(names).toEqual(expect.arrayContaining(['jonathan-reynolds', 'hitachi-rail', 'newton-aycliffe']));
    await popup.close();
  });

  it('switching highlighting off in the options restores the page exactly; on again highlights again', async () => {
    const before = await page.evaluate(() => ({ text: document.body.innerText }));
    const boxesOn = await paragraphBoxes(page);
    const options = await browser.openExtensionPage(OPTIONS_PATH);
    await setHighlighting(options, false);
    await page.waitFor(() => document.querySelectorAll('backstory-mention').length === 0);
    const after = await page.evaluate(async () => {
      const original = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return { text: document.body.innerText, sameDom: original.body.innerHTML === document.body.innerHTML };
    });
    expect(after.sameDom).toBe(true);
    expect(after.text).toBe(before.text);
    expect(await paragraphBoxes(page)).toEqual(boxesOn);
    await setHighlighting(options, true);
    await waitForHighlights(page, 5);
    await options.close();
  });
});
