/** What a card says, computed from the real knowledge base for an article's date. */
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/core/card';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { loadKnowledge } from '../../src/knowledge/load-node';

const kb = new KnowledgeBase(loadKnowledge());

describe('card contents', () => {
  it('gives a person their office on the article date, not today', () => {
    // Louise Haigh was Transport Secretary in October 2024 and left in November 2024. (Jonathan Reynolds, used
    // here before, is Business Secretary again under Andy Burnham, so "not today" no longer holds for him.)
    const card = buildCard(kb, 'louise-haigh', '2024-10-10')!;
    expect(card.name).toBe('Louise Haigh');
    expect(card.officesOnDate.map((o) => o.officeId)).toContain('transport-secretary');
    expect(card.officesNow.map((o) => o.officeId)).not.toContain('transport-secretary');
    expect(card.knowledgeAsOf).toBe(kb.knowledgeAsOf);
  });

  it('shows only facts known by the article date, each with an http(s) source', () => {
    const card = buildCard(kb, 'hitachi-rail', '2016-01-01')!;
    for (const f of card.facts) {
      expect(f.asOf <= '2016-01-01').toBe(true);
      expect(f.source).toMatch(/^https?:\/\//);
    }
    expect(card.facts.length).toBeLessThanOrEqual(4);
  });

  it("shows the factory's story only up to the article date", () => {
    const early = buildCard(kb, 'hitachi-rail', '2014-01-01')!;
    const late = buildCard(kb, 'hitachi-rail', '2025-12-31')!;
    expect(early.timeline.every((t) => t.date <= '2014-01-01')).toBe(true);
    expect(late.timeline.length).toBeGreaterThan(0);
    expect(late.timeline.at(-1)!.date > (early.timeline.at(-1)?.date ?? '')).toBe(true);
  });

  it('returns nothing for an unknown id rather than a wrong card', () => {
    expect(buildCard(kb, 'no-such-person', '2024-01-01')).toBeNull();
  });
});
