/** The card speaks the reader's language from messages.json, with the article's date and the knowledge date. */
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../src/core/card';
import { Card } from '../../src/ui/card/Card';

vi.mock('../../src/platform/browser', async () => ({ browser: { i18n: { getMessage: (await import('./i18n-fake')).getMessage } } }));

const base: CardData = {
  id: 'jonathan-reynolds', type: 'person', name: 'Jonathan Reynolds', summary: 'Labour MP.', summarySource: 'https://www.gov.uk/',
  date: '2024-10-10', knowledgeAsOf: '2026-11-25',
  officesOnDate: [{ officeId: 'business-and-trade-secretary', title: 'Business and Trade Secretary', from: '2024-07-05', to: '2025-09-05' }],
  officesNow: [{ officeId: 'chief-whip', title: 'Chief Whip', from: '2025-09-05', to: null, evidenceAsOf: '2025-11-22' }],
  party: 'Labour', seat: 'Stalybridge and Hyde', facts: [], timeline: [],
  coverage: [{ url: 'https://www.thenorthernecho.co.uk/news/1/', title: 'Talks go on', outlet: 'The Northern Echo', published: '2024-09-01', readAt: '2024-09-02T10:00:00Z' }],
};

function text(data: CardData): string {
  const el = document.createElement('div');
  render(<Card titleId="t" data={data} dateSource="json-ld" onClose={() => undefined} onNotThis={() => undefined} />, el);
  return el.textContent ?? '';
}

describe('card text', () => {
  it('says the office on the article date, the office now with how recent the evidence is, and where the date came from', () => {
    const s = text(base);
    expect(s).toContain('Business and Trade Secretary when this was published, 10 Oct 2024');
    expect(s).toContain('Now: Chief Whip, last confirmed 22 Nov 2025');
    expect(s).toContain("Article date 10 Oct 2024, from the page's structured data. Knowledge as of 25 Nov 2026.");
    expect(s).toContain('you read this on 2 Sep 2024');
    expect(s).not.toMatch(/card[A-Z]\w+/); // no missing message key shows through
  });

  it('says "as of" the knowledge date when the evidence is current, and "Still in that office" when nothing changed', () => {
    const same = { ...base, officesNow: [{ ...base.officesOnDate[0]!, to: null, evidenceAsOf: '2026-11-25' }] };
    expect(text(same)).toContain('Still in that office, as of 25 Nov 2026');
  });

  it('says "Now", not "Still", for someone who left the office and came back to it', () => {
    const back = {
      ...base,
      officesNow: [{ officeId: 'business-and-trade-secretary', title: 'Business and Trade Secretary', from: '2026-09-03', to: null, evidenceAsOf: '2026-09-05' }],
    };
    const s = text(back);
    expect(s).toContain('Now: Business and Trade Secretary, last confirmed 5 Sep 2026');
    expect(s).not.toContain('Still in that office');
  });
});
