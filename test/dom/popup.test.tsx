/**
 * The popup's states, rendered with preact in happy-dom over a fake browser whose i18n reads the real
 * public/_locales/en/messages.json (with Chrome's placeholder rules): can't run, not enabled (one click asks
 * for the site's permission), still scanning, nothing found, off on this site, off everywhere.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '../../src/messaging/contract';
import type { TabState } from '../../src/messaging/responses';

const MESSAGES = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

const fake = vi.hoisted(() => ({
  tab: null as unknown as TabState,
  settings: undefined as unknown,
  requests: [] as unknown[],
  grant: true,
  sent: [] as { type: string }[],
}));

vi.mock('../../src/platform/browser', () => {
  const getMessage = (key: string, subs?: string[]): string => {
    const m = MESSAGES[key];
    if (!m) return '';
    const withPlaceholders = m.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => m.placeholders?.[name.toLowerCase()]?.content ?? '');
    return withPlaceholders.replace(/\$(\d)/g, (_, n: string) => subs?.[Number(n) - 1] ?? '');
  };
  return {
    browser: {
      i18n: { getMessage },
      tabs: { query: async () => [{ id: 7 }] },
      runtime: {
        openOptionsPage: async () => undefined,
        sendMessage: async (msg: { type: string }) => {
          fake.sent.push(msg);
          if (msg.type === 'popup/get-tab-state') return fake.tab;
          if (msg.type === 'popup/get-summaries') {
            return [{ id: 'hitachi-rail', type: 'organisation', name: 'Hitachi Rail', summary: 'Train maker.', office: null, newestCoverage: null }];
          }
          if (msg.type === 'popup/enable-site') return { ok: true, scanned: true };
          return undefined;
        },
      },
      storage: {
        sync: {
          get: async () => ({ settings: fake.settings }),
          set: async (o: { settings: unknown }) => {
            fake.settings = o.settings;
          },
        },
        local: { set: async () => undefined },
      },
      permissions: {
        request: async (p: unknown) => {
          fake.requests.push(p);
          return fake.grant;
        },
      },
    },
  };
});

const { Popup } = await import('../../src/popup/Popup');

const report = (over: Partial<PageReport> = {}): PageReport => ({
  url: 'https://news.example.org/story',
  title: 'Story',
  date: '2024-10-10',
  dateSource: 'meta',
  status: 'done',
  entities: [],
  ...over,
});
const tab = (over: Partial<TabState> = {}): TabState => ({ tabId: 7, url: 'https://news.example.org/story', canRun: true, siteEnabled: true, report: null, ...over });

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  Object.assign(fake, { settings: undefined, requests: [], grant: true, sent: [] });
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const text = () => root.textContent ?? '';
const show = async (state: TabState, expected: string): Promise<void> => {
  fake.tab = state;
  render(<Popup />, root);
  await vi.waitFor(() => expect(text()).toContain(expected));
};

describe('popup states', () => {
  it("says it can't run on browser pages and PDFs", async () => {
    await show(tab({ url: null, canRun: false, siteEnabled: false }), "Backstory can't run on this page.");
    expect(root.querySelector('[role="listbox"], #site-switch')).toBeNull();
  });

  it('offers to enable a site that is not on the list, asking for that site only', async () => {
    await show(tab({ siteEnabled: false }), 'Backstory is not enabled on news.example.org yet.');
    const button = root.querySelector<HTMLButtonElement>('#enable-site')!;
    expect(button.textContent).toBe('Enable on news.example.org');
    fake.tab = tab({ report: report({ entities: [{ entity: 'hitachi-rail', count: 3, offices: [] }] }) });
    button.click();
    await vi.waitFor(() => expect(root.querySelector('[data-entity="hitachi-rail"]')?.textContent).toContain('3 mentions'));
    expect(fake.requests).toEqual([{ origins: ['https://news.example.org/*'] }]);
    expect(fake.sent.map((m) => m.type)).toContain('popup/enable-site');
  });

  it('says so when the reader declines the permission, and does not ask the background to scan', async () => {
    fake.grant = false;
    await show(tab({ siteEnabled: false }), 'Enable on news.example.org');
    root.querySelector<HTMLButtonElement>('#enable-site')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Not enabled: the permission was not given.'));
    expect(fake.sent.map((m) => m.type)).not.toContain('popup/enable-site');
  });

  it('shows "still scanning" until the page reports, then the list', async () => {
    await show(tab({ report: null }), 'Still scanning this page…');
    fake.tab = tab({ report: report({ status: 'scanning' }) });
    await vi.waitFor(() => expect(text()).toContain('Article date 10 Oct 2024, from the page\'s publication metadata.'));
    expect(text()).toContain('Still scanning this page…');
    fake.tab = tab({ report: report({ entities: [{ entity: 'hitachi-rail', count: 1, offices: [] }] }) });
    await vi.waitFor(() => expect(root.querySelector('[data-entity="hitachi-rail"]')?.textContent).toContain('1 mention'), { timeout: 3000 });
    expect(text()).not.toContain('Still scanning');
  });

  it('on a long page read only in part, has the rest read and shows the list as it grows, then complete', async () => {
    fake.tab = tab({ report: report({ status: 'partial', entities: [{ entity: 'hitachi-rail', count: 2, offices: [] }] }) });
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelector('[data-entity="hitachi-rail"]')?.textContent).toContain('2 mentions'));
    expect(text()).toContain('Still scanning this page…');
    expect(fake.sent).toContainEqual({ type: 'popup/read-page', tabId: 7 });
    fake.tab = tab({ report: report({ entities: [{ entity: 'hitachi-rail', count: 40, offices: [] }] }) });
    await vi.waitFor(() => expect(root.querySelector('[data-entity="hitachi-rail"]')?.textContent).toContain('40 mentions'), { timeout: 3000 });
    expect(text()).not.toContain('Still scanning');
  });

  it('says when nothing known is on the page', async () => {
    await show(tab({ report: report() }), 'No known names on this page.');
    expect(root.querySelector<HTMLInputElement>('#site-switch')!.checked).toBe(true);
  });

  it('shows the site switched off, and off everywhere', async () => {
    fake.settings = { version: 1, disabledSites: ['news.example.org'] };
    await show(tab({ report: report({ status: 'off' }) }), 'Highlighting is off on this site.');
    expect(root.querySelector<HTMLInputElement>('#site-switch')!.checked).toBe(false);
    render(null, root);
    fake.settings = { version: 1, enabled: false };
    await show(tab({ report: report({ status: 'off' }) }), 'Highlighting is switched off everywhere.');
    expect(root.querySelector<HTMLInputElement>('#site-switch')!.disabled).toBe(true);
  });

  it('turning the site switch off stores the host in the settings', async () => {
    await show(tab({ report: report({ entities: [{ entity: 'hitachi-rail', count: 2, offices: [] }] }) }), 'Hitachi Rail');
    root.querySelector<HTMLInputElement>('#site-switch')!.click();
    await vi.waitFor(() => expect((fake.settings as { disabledSites: string[] }).disabledSites).toEqual(['news.example.org']));
    // The page takes its time to report the change; the popup follows it until it does.
    await new Promise((r) => setTimeout(r, 1500));
    fake.tab = tab({ report: report({ status: 'off' }) });
    await vi.waitFor(() => expect(text()).toContain('Highlighting is off on this site.'), { timeout: 3000 });
    expect(root.querySelector('[role="listbox"]')).toBeNull();
  });
});
