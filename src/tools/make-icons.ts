/**
 * Renders the toolbar icons (public/icons/icon-N.png) from one SVG with headless Chromium. Run by hand after
 * changing the design: `npx tsx src/tools/make-icons.ts`. The PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath } from './browsers';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="24" fill="#1d4f91"/>
  <path d="M34 30h36c16 0 26 8 26 21 0 8-4 14-11 17 9 3 14 10 14 19 0 15-11 24-29 24H34z" fill="#fff"/>
  <path d="M52 46v18h16c6 0 10-3 10-9s-4-9-10-9zM52 78v20h18c7 0 11-4 11-10s-4-10-11-10z" fill="#1d4f91"/>
  <rect x="22" y="104" width="84" height="9" rx="4.5" fill="#f2b233"/>
</svg>`;

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml,${encodeURIComponent(SVG)}">`);
  await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('icons written to public/icons/');
