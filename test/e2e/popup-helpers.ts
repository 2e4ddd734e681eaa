/** Helpers for the popup and options end-to-end tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExtensionBrowser, TestPage } from '../../src/tools/harness/driver';
import { openPopupFor } from '../../src/tools/harness/session';
import { isTransientBidi } from '../../src/tools/harness/firefox';

const AXE_SOURCE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * Runs axe-core in the page. The source is handed to the driver as an expression (not eval'd by the page,
 * which an extension page's CSP forbids), then `axe.run` checks the whole document.
 */
export async function axeViolations(page: TestPage): Promise<AxeViolation[]> {
  const evaluate = page.evaluate as unknown as (expr: string) => Promise<unknown>;
  await evaluate(`${AXE_SOURCE}\n;void 0`);
  return page.evaluate(async () => {
    type Axe = { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> };
    const axe = (globalThis as unknown as { axe: Axe }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** The id of the tab showing a page the extension may not see the address of: the newest tab but `self`. */
export async function newestOtherTab(page: TestPage): Promise<number> {
  return page.evaluate(async () => {
    type Api = { tabs: { getCurrent(): Promise<{ id: number }>; query(q: object): Promise<{ id: number }[]> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = (g.browser ?? g.chrome)!;
    const me = await api.tabs.getCurrent();
    const all = await api.tabs.query({});
    return Math.max(...all.map((t) => t.id).filter((id) => id !== me.id));
  });
}

export const mentionCount = (page: TestPage): Promise<number> => page.evaluate(() => document.querySelectorAll('backstory-mention').length);

/**
 * Firefox over WebDriver BiDi now and then fails a navigation to an extension page with a protocol error
 * inside its own evaluation ("right-hand side of 'in' should be an object, got null"); the page itself is
 * fine. Such a failure is retried once; any other error is the test's.
 */
export async function openExtensionPage(b: ExtensionBrowser, path: string): Promise<TestPage> {
  try {
    return await b.openExtensionPage(path);
  } catch (err) {
    if (!isTransientBidi(err)) throw err;
    return b.openExtensionPage(path);
  }
}

/** openPopupFor, once the tab's content script has reported (it throws until then). */
export async function openPopupWhenReported(b: ExtensionBrowser, url: string, timeoutMs = 15_000): Promise<TestPage> {
  const until = Date.now() + timeoutMs;
  let bidiRetries = 1;
  for (;;) {
    try {
      return await openPopupFor(b, url);
    } catch (err) {
      if (isTransientBidi(err) && bidiRetries-- > 0) continue;
      if (Date.now() > until || !/no tab shows/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
