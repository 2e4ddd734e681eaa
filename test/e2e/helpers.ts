import type { TestPage } from '../../src/tools/harness/driver';

/** The position and size of every paragraph: highlighting must not move or reflow any of them. */
export function paragraphBoxes(page: TestPage): Promise<number[][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('p, h1, li')].map((p) => {
      const r = p.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 100) / 100);
    }),
  );
}

/** Flip the global highlighting switch on the options page and wait until it is saved. */
export async function setHighlighting(options: TestPage, on: boolean): Promise<void> {
  await options.waitFor(() => !!document.querySelector('#enabled'));
  const current = await options.evaluate(() => (document.querySelector('#enabled') as HTMLInputElement).checked);
  if (current !== on) await options.click('#enabled');
  await options.waitFor((want) => (document.querySelector('#enabled') as HTMLInputElement).checked === want, on);
}

/** Waits until the card is open and loaded (its dialog no longer says "Loading"), optionally showing `text`. */
export function waitForCard(page: TestPage, text = ''): Promise<void> {
  return page.waitFor((want) => {
    const d = document.querySelector('backstory-card')?.shadowRoot?.querySelector('[role="dialog"]');
    return !!d && !d.textContent?.includes('Loading') && (!want || !!d.textContent?.includes(want));
  }, text);
}
