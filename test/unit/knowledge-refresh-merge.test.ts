/**
 * The Wikidata merge around documented gaps, and its isolation per office: a new holder named by Wikidata
 * during an open "holder unknown" period is shown from their first day (the period ends there), answers
 * that contradict a documented period are refused with a conflict, and one office whose merged data would
 * be invalid never stops the reshuffle of another office from reaching the reader.
 * Synthetic data: made-up offices, people and Wikidata ids (Q9900...).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { compileKnowledge, type Knowledge } from '../../src/core/knowledge/compile';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { mergeWikidata } from '../../src/background/knowledge-refresh/merge';
import type { HolderStatement } from '../../src/background/knowledge-refresh/sparql';
import { createKnowledgeRefresh, KNOWLEDGE_REFRESH_KEY } from '../../src/background/knowledge-refresh/service';
import { openCoverageStore } from '../../src/background/coverage/store';

const SRC = 'https://example.org/source';
const FETCHED = '2026-11-25';

function office(id: string, name: string, wikidata: string, extra: Record<string, unknown> = {}) {
  return { id, name, shortName: name, titles: [name], department: 'Department for Examples', cabinet: true, holders: 'single', from: '2010-05-11', to: null, source: SRC, wikidata, ...extra };
}
function person(id: string, name: string, wikidata: string, tenures: unknown[]) {
  return { id, type: 'person', name, surname: name.split(' ').pop(), names: [], shortForms: [], summary: `${name}, a made-up minister.`, summarySource: SRC, parties: [], seats: [], tenures, facts: [], wikidata };
}

/**
 * Examples Secretary: Sam Sample in office (open). Treasury Example: Pat Former left on 2026-03-02 and the
 * sources name no successor (open holder-unknown period). Vacant Example: a documented vacancy after its last
 * known holder.
 */
function knowledge(): Knowledge {
  return compileKnowledge([
    { path: 'meta.json', data: { knowledgeAsOf: '2026-06-01' } },
    {
      path: 'offices/examples.json',
      data: {
        offices: [
          office('examples-secretary', 'Examples Secretary', 'Q990000001'),
          office('treasury-example', 'Treasury Example Secretary', 'Q990000003', {
            holderUnknown: [{ from: '2026-03-02', to: null, source: SRC, note: 'Pat Former left; no source names the successor.' }],
          }),
          office('vacant-example', 'Vacant Example Secretary', 'Q990000004', {
            vacant: [{ from: '2026-01-10', to: '2026-02-20', source: SRC }],
          }),
        ],
      },
    },
    { path: 'people/sam-sample.json', data: person('sam-sample', 'Sam Sample', 'Q990000102', [{ office: 'examples-secretary', from: '2025-09-05', to: null, source: SRC, evidenceAsOf: '2026-06-01' }]) },
    { path: 'people/pat-former.json', data: person('pat-former', 'Pat Former', 'Q990000103', [{ office: 'treasury-example', from: '2024-07-05', to: '2026-03-02', source: SRC }]) },
    { path: 'people/val-vacated.json', data: person('val-vacated', 'Val Vacated', 'Q990000104', [{ office: 'vacant-example', from: '2024-07-05', to: '2026-01-10', source: SRC }]) },
  ]);
}

const st = (office: string, person: string, start: string, end: string | null, name?: string): HolderStatement => ({ office, person, start, end, ...(name ? { name } : {}) });
/** A reshuffle in another office, in the same answer. */
const reshuffle = st('Q990000001', 'Q990000201', '2026-09-01', null, 'Jo Newholder');

describe('a new Wikidata holder during an open holder-unknown period', () => {
  it('is shown from their first day, and the unknown period ends that day', () => {
    const m = mergeWikidata(knowledge(), [st('Q990000003', 'Q990000401', '2026-07-10', null, 'Robin Newcomer'), reshuffle], FETCHED);
    expect(m.conflicts).toEqual([]);
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('treasury-example', '2026-07-10')?.person.name).toBe('Robin Newcomer');
    expect(kb.holderOn('treasury-example', FETCHED)?.person.name).toBe('Robin Newcomer');
    // Before that day the holder is still unknown, and the period says why it ends.
    expect(kb.holderOn('treasury-example', '2026-07-09')).toBeUndefined();
    const period = kb.holderUnknownOn('treasury-example', '2026-07-09')!;
    expect(period).toMatchObject({ from: '2026-03-02', to: '2026-07-10' });
    expect(period.note).toBe('Pat Former left; no source names the successor. Ended on 2026-07-10, when Robin Newcomer took office according to Wikidata (fetched 2026-11-25).');
    expect(kb.holderUnknownOn('treasury-example', '2026-07-10')).toBeUndefined();
    // The bundled history is untouched.
    expect(kb.holderOn('treasury-example', '2026-03-01')?.person.id).toBe('pat-former');
    // Where each change came from.
    expect(m.periods).toEqual([
      { office: 'treasury-example', kind: 'holder-unknown', from: '2026-03-02', to: '2026-07-10', person: 'wd-q990000401', updatedBy: 'wikidata-end', fetchedAt: FETCHED },
    ]);
    expect(m.origins).toContainEqual({ person: 'wd-q990000401', office: 'treasury-example', from: '2026-07-10', origin: 'wikidata', fetchedAt: FETCHED });
    // The rest of the answer is merged too.
    expect(kb.holderOn('examples-secretary', '2026-09-01')?.person.name).toBe('Jo Newholder');
    expect(kb.knowledgeAsOf).toBe(FETCHED);
  });

  it('names the unknown holder when Wikidata starts them on the period\'s first day (the period goes)', () => {
    const m = mergeWikidata(knowledge(), [st('Q990000003', 'Q990000401', '2026-03-02', null, 'Robin Newcomer')], FETCHED);
    expect(m.conflicts).toEqual([]);
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('treasury-example', '2026-03-01')?.person.id).toBe('pat-former');
    expect(kb.holderOn('treasury-example', '2026-03-02')?.person.name).toBe('Robin Newcomer');
    expect(kb.holderUnknownOn('treasury-example', '2026-03-02')).toBeUndefined();
    expect(kb.office('treasury-example')?.holderUnknown).toBeUndefined();
    const robin = kb.person('wd-q990000401')!;
    expect(robin.tenures[0]!.note).toContain('for the period from 2026-03-02 that the bundled data recorded as holder unknown');
    expect(m.periods).toEqual([
      { office: 'treasury-example', kind: 'holder-unknown', from: '2026-03-02', to: '2026-03-02', person: 'wd-q990000401', updatedBy: 'wikidata-named', fetchedAt: FETCHED },
    ]);
  });

  it('refuses a holder who starts before the period, or holds it only for a while inside it, and merges the rest', () => {
    const bundled = knowledge();
    for (const [bad, why] of [
      [st('Q990000003', 'Q990000402', '2026-02-01', null, 'Early Claimant'), /starts before the holder-unknown period 2026-03-02\.\.open/],
      [st('Q990000003', 'Q990000403', '2026-07-01', '2026-08-01', 'Brief Interim'), /would interrupt the holder-unknown period 2026-03-02\.\.open/],
      [st('Q990000004', 'Q990000404', '2026-02-01', null, 'Vacancy Filler'), /overlaps the documented vacancy 2026-01-10\.\.2026-02-20/],
    ] as const) {
      const m = mergeWikidata(bundled, [bad, reshuffle], FETCHED);
      expect(m.conflicts).toHaveLength(1);
      expect(m.conflicts[0]).toMatch(why);
      const kb = new KnowledgeBase(m.knowledge);
      expect(kb.person(`wd-${bad.person.toLowerCase()}`)).toBeUndefined();
      expect(kb.holderUnknownOn('treasury-example', FETCHED)?.to).toBeNull();
      expect(kb.vacancyOn('vacant-example', '2026-02-01')).toBeDefined();
      expect(kb.holderOn('examples-secretary', '2026-09-01')?.person.name).toBe('Jo Newholder');
    }
  });
});

describe('one office never stops the others', () => {
  // An impossible day: the stored answer is only checked for its shape (YYYY-MM-DD), so such a statement can
  // reach the merge from storage, and the office's merged data would fail validation.
  const broken = st('Q990000003', 'Q990000405', '2026-04-31', null, 'Broken Date');

  it('keeps the bundled data of an office whose merged data would be invalid, with a conflict, and takes the rest', () => {
    const m = mergeWikidata(knowledge(), [broken, reshuffle], FETCHED);
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('examples-secretary', '2026-09-01')?.person.name).toBe('Jo Newholder');
    expect(kb.holderOn('examples-secretary', '2026-08-31')?.person.name).toBe('Sam Sample');
    expect(kb.knowledgeAsOf).toBe(FETCHED);
    expect(kb.person('wd-q990000405')).toBeUndefined();
    expect(kb.holderUnknownOn('treasury-example', FETCHED)?.to).toBeNull();
    expect(m.conflicts).toEqual([expect.stringMatching(/^treasury-example: Wikidata's changes were not taken, the merged knowledge would be invalid \(.*real calendar date/)]);
    expect(m.used).toBe(1);
  });

  it('serves a stored answer with one broken office at startup instead of dropping it all', async () => {
    const { store } = await openCoverageStore({ factory: new IDBFactory() });
    await store.setMeta(KNOWLEDGE_REFRESH_KEY, {
      version: 1, fetchedAt: FETCHED, statements: [broken, reshuffle], lastAttemptAt: null, lastOkAt: null, lastError: null, failures: 0,
    });
    const refresh = createKnowledgeRefresh({ bundled: knowledge(), meta: store, fetchText: () => Promise.reject(new Error('offline')) });
    const k = await refresh.init();
    expect(new KnowledgeBase(k).holderOn('examples-secretary', FETCHED)?.person.name).toBe('Jo Newholder');
    expect((await refresh.status()).conflicts.join('\n')).toContain('treasury-example');
    store.close();
  });
});

describe('a known person without a Wikidata id in the bundled data', () => {
  // None of the real people files carries a Wikidata id: the merge finds them by their exact name.
  function withoutIds(): Knowledge {
    const k = structuredClone(knowledge());
    for (const e of k.entities) delete e.wikidata;
    return k;
  }

  it('is found by name, so Wikidata confirms that their open tenure continues', () => {
    const m = mergeWikidata(withoutIds(), [st('Q990000001', 'Q990000777', '2025-09-05', null, 'Sam Sample')], FETCHED);
    expect(m.conflicts).toEqual([]);
    const sam = new KnowledgeBase(m.knowledge).holderOn('examples-secretary', FETCHED)!;
    expect(sam.person.id).toBe('sam-sample');
    expect(sam.tenure.evidenceAsOf).toBe(FETCHED);
    expect(m.origins).toContainEqual({ person: 'sam-sample', office: 'examples-secretary', from: '2025-09-05', origin: 'bundled', updatedBy: 'wikidata-evidence', fetchedAt: FETCHED });
    expect(m.addedPeople).toEqual([]);
  });

  it('is found by name, so Wikidata can end their open tenure', () => {
    const m = mergeWikidata(withoutIds(), [st('Q990000001', 'Q990000777', '2025-09-05', '2026-08-01', 'Sam Sample')], FETCHED);
    expect(m.conflicts).toEqual([]);
    const kb = new KnowledgeBase(m.knowledge);
    expect(kb.holderOn('examples-secretary', '2026-07-31')?.person.id).toBe('sam-sample');
    expect(kb.holderOn('examples-secretary', '2026-08-01')).toBeUndefined();
    expect(kb.person('sam-sample')!.tenures[0]!.note).toBe('End date from Wikidata (fetched 2026-11-25).');
  });
});
