/**
 * `npm start`: builds Backstory, serves the demo article on 127.0.0.1 and opens a real browser with the
 * extension on it.
 *   npm start                         Chromium, in a window
 *   npm start -- --firefox            Firefox ESR
 *   npm start -- --headless --screenshot DIR   no window; writes PNGs of the page, an open card and the popup
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBrowsers } from './browsers';
import { startServer } from './harness/server';
import { OPTIONS_PATH } from './harness/driver';
import { launch, openPopupFor, waitForHighlights } from './harness/session';

const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const headless = args.includes('--headless');
const shotIdx = args.indexOf('--screenshot');
const shotDir = shotIdx >= 0 ? args[shotIdx + 1] : undefined;
if (shotIdx >= 0 && !shotDir) {
  console.error('--screenshot needs a directory: npm start -- --headless --screenshot DIR');
  process.exit(2);
}
const name = firefox ? 'firefox' : 'chromium';

try {
  ensureBrowsers([name]);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found: run `npm start -- --headless --screenshot DIR` on a machine without a screen.');
  process.exit(1);
}

console.log(`Building Backstory for ${firefox ? 'Firefox' : 'Chrome'}…`);
execFileSync('npx', ['vite', 'build', '--mode', firefox ? 'firefox' : 'chrome', '--logLevel', 'warn'], { stdio: 'inherit' });

const server = await startServer([], Number(process.env.BACKSTORY_PORT ?? 8787));
const demo = server.url('/demo/article.html');
const browser = await launch(name, headless);
const page = await browser.newPage();
await page.goto(demo);
console.log(`Backstory is running in ${name} on ${demo}`);

if (shotDir) {
  const dir = resolve(shotDir);
  mkdirSync(dir, { recursive: true });
  await waitForHighlights(page);
  await page.screenshot(join(dir, `${name}-page.png`));
  await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('backstory-mention[data-entity="jonathan-reynolds"]') ?? document.querySelector<HTMLElement>('backstory-mention');
    el?.scrollIntoView({ block: 'center' });
  });
  // A real click: cards open only on the reader's own input.
  await page.click('backstory-mention[data-entity="jonathan-reynolds"]');
  await page.waitFor(() => {
    const host = document.querySelector('backstory-card');
    return !!host?.shadowRoot?.querySelector('h2') && !host.shadowRoot.textContent?.includes('Loading');
  });
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot(join(dir, `${name}-card.png`));
  // Dark mode: Chromium switches the running page; Firefox takes the scheme at launch, so it gets its own browser.
  if (name === 'chromium') {
    await page.emulateColorScheme('dark');
    await new Promise((r) => setTimeout(r, 200));
    await page.screenshot(join(dir, `${name}-card-dark.png`));
    await page.emulateColorScheme('light');
  } else {
    const dark = await launch(name, true, 'dark');
    const p = await dark.newPage();
    await p.goto(demo);
    await waitForHighlights(p);
    await p.evaluate(() => document.querySelector('backstory-mention[data-entity="jonathan-reynolds"]')?.scrollIntoView({ block: 'center' }));
    await p.click('backstory-mention[data-entity="jonathan-reynolds"]');
    await p.waitFor(() => !!document.querySelector('backstory-card')?.shadowRoot?.querySelector('h2'));
    await new Promise((r) => setTimeout(r, 300));
    await p.screenshot(join(dir, `${name}-card-dark.png`));
    await dark.close();
  }
  // The Hitachi card: the factory's story up to the article's date and earlier coverage.
  await page.press('Escape');
  const hitachi = 'article p backstory-mention[data-entity="hitachi-rail"]';
  await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), hitachi);
  await page.click(hitachi);
  await page.waitFor(() => {
    const host = document.querySelector('backstory-card');
    return !!host?.shadowRoot?.querySelector('h2') && !host.shadowRoot.textContent?.includes('Loading');
  });
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot(join(dir, `${name}-card-hitachi.png`));
  await page.press('Escape');
  const popup = await openPopupFor(browser, server.origin);
  await popup.setViewport(400, 600);
  await popup.screenshot(join(dir, `${name}-popup.png`));
  const options = await browser.openExtensionPage(OPTIONS_PATH);
  await options.setViewport(900, 1100);
  await options.waitFor(() => !!document.querySelector('#enabled'));
  await options.screenshot(join(dir, `${name}-options.png`));
  console.log(`Screenshots written to ${dir}`);
}

if (headless) {
  await browser.close();
  await server.close();
} else {
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  const stop = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
}
