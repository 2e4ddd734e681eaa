/**
 * The Wikidata item ids on the real offices (src/knowledge/offices/*.json). The weekly refresh asks Wikidata
 * who held these items and merges the answer over the bundled data, so: a wrong id would bring in another
 * office's holders, an id shared by two offices would feed only one of them, and an id on an office the merge
 * cannot extend would leave that office's reshuffles out. Offices with an open "holder unknown" period have their
 * ids too: the holder Wikidata names ends the period on their first day.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { mergeWikidata } from '../../src/background/knowledge-refresh/merge';
import { buildHoldersQuery } from '../../src/background/knowledge-refresh/sparql';

const real = loadKnowledge();
const withIds = real.offices.filter((o) => o.wikidata);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const later = addDays(real.meta.knowledgeAsOf, 10);

describe('Wikidata ids of the real offices', () => {
  it('keeps the ids that were checked against their labels', () => {
    const ids = Object.fromEntries(withIds.map((o) => [o.id, o.wikidata]));
    expect(ids).toMatchObject({
      'prime-minister': 'Q14211',
      'chancellor-of-the-exchequer': 'Q531471',
      'home-secretary': 'Q2484309',
      'health-secretary': 'Q3397406',
      'education-secretary': 'Q3477306',
      'transport-secretary': 'Q3246797',
      'leader-of-the-house-of-lords': 'Q2012061',
      'chief-secretary-to-the-treasury': 'Q5096927',
      'transport-minister-of-state': 'Q15109454',
      'energy-security-secretary': 'Q116728869',
      'science-secretary': 'Q116719147',
    });
  });

  it('gives each Wikidata item to one office only', () => {
    const byQid = new Map<string, string[]>();
    for (const o of withIds) byQid.set(o.wikidata!, [...(byQid.get(o.wikidata!) ?? []), o.id]);
    expect([...byQid].filter(([, offices]) => offices.length > 1)).toEqual([]);
  });

  it('asks Wikidata about every office that has an id, in one query', () => {
    const query = buildHoldersQuery(withIds.map((o) => o.wikidata!));
    for (const o of withIds) expect(query).toContain(`wd:${o.wikidata} `);
    expect(query).toContain('wd:Q531471 ');
  });

  const open = withIds.filter((o) => o.to === null).map((o) => [o.id, o.wikidata!, o.holders] as const);
  it.each(open)('a (fictional) new holder of %s on Wikidata merges over the real data and is shown from that day', (id, qid, holders) => {
    const m = mergeWikidata(real, [{ office: qid, person: 'Q990000777', name: 'Fictional Appointee', start: later, end: null }], later);
    expect(m.conflicts).toEqual([]);
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holdersOn(id, later).map((h) => h.person.name)).toContain('Fictional Appointee');
    if (holders === 'single') expect(kb.holderOn(id, later)?.person.name).toBe('Fictional Appointee');
    // The bundled history before the change is untouched.
    const before = new KnowledgeBase(real).holdersOn(id, real.meta.knowledgeAsOf).map((h) => h.person.id);
    expect(kb.holdersOn(id, real.meta.knowledgeAsOf).map((h) => h.person.id)).toEqual(before);
  });

  // Offices whose holder is unknown today (the sources show the previous holder left but name nobody since).
  const unknownNow = withIds
    .filter((o) => o.to === null && o.holderUnknown?.some((g) => g.to === null))
    .map((o) => [o.id, o.wikidata!, o.holderUnknown!.find((g) => g.to === null)!] as const);
  it.each(unknownNow)('ends the open holder-unknown period of %s where the holder Wikidata names begins', (id, qid, period) => {
    const m = mergeWikidata(real, [{ office: qid, person: 'Q990000779', name: 'Fictional Appointee', start: later, end: null }], later);
    expect(m.conflicts).toEqual([]);
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn(id, later)?.person.name).toBe('Fictional Appointee');
    expect(kb.holderUnknownOn(id, later)).toBeUndefined();
    expect(kb.holderOn(id, addDays(later, -1))).toBeUndefined();
    expect(kb.holderUnknownOn(id, addDays(later, -1))).toMatchObject({ from: period.from, to: later });
    expect(m.periods).toEqual([expect.objectContaining({ office: id, from: period.from, to: later, updatedBy: 'wikidata-end' })]);

    // Named from the period's first day (appointed in the same reshuffle): the period goes, nothing else moves.
    const same = mergeWikidata(real, [{ office: qid, person: 'Q990000779', name: 'Fictional Appointee', start: period.from, end: null }], later);
    expect(same.conflicts).toEqual([]);
    const kb2 = new KnowledgeBase(same.knowledge);
    expect(kb2.holderOn(id, period.from)?.person.name).toBe('Fictional Appointee');
    expect(kb2.holderUnknownOn(id, period.from)).toBeUndefined();
    const previous = new KnowledgeBase(real).holderOn(id, addDays(period.from, -1))!;
    expect(previous.tenure.to).toBe(period.from);
    expect(kb2.holderOn(id, addDays(period.from, -1))?.person.id).toBe(previous.person.id);
  });

  const closed = withIds.filter((o) => o.to !== null).map((o) => [o.id, o.wikidata!] as const);
  it.each(closed)('a Wikidata holder of the abolished %s after it ended is refused, not merged', (id, qid) => {
    const m = mergeWikidata(real, [{ office: qid, person: 'Q990000778', name: 'Fictional Late Holder', start: later, end: null }], later);
    expect(m.used).toBe(0);
    expect(m.conflicts.join('\n')).toContain(id);
    expect(m.knowledge.entities.some((e) => e.name === 'Fictional Late Holder')).toBe(false);
  });
});
