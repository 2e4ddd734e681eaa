/**
 * Offices and titles: a title may pass from an office to its renamed successor (BIS -> BEIS -> DBT share
 * "Business Secretary"), but two offices that exist at the same time must not share one, or "Chancellor" would
 * name both the Chancellor of the Exchequer and the Chancellor of the Duchy of Lancaster.
 */
import { describe, expect, it } from 'vitest';
import { compileKnowledge, KnowledgeError, type RawKnowledgeFile } from '../../src/core/knowledge/compile';
import { KnowledgeBase } from '../../src/core/knowledge/query';

const SRC = 'https://example.org/';

function office(id: string, titles: string[], from: string, to: string | null, extra: Record<string, unknown> = {}) {
  return {
    id, name: id, shortName: id, titles, department: 'Dept', cabinet: true, holders: 'single', from, to,
    source: SRC, ...extra,
  };
}

function person(id: string, tenures: { office: string; from: string; to: string | null }[]) {
  return {
    path: `people/${id}.json`,
    data: {
      id, type: 'person', name: id, surname: id, names: [], shortForms: [], summary: 'A minister.', summarySource: SRC,
      parties: [], seats: [], facts: [],
      tenures: tenures.map((t) => ({ ...t, source: SRC, ...(t.to === null ? { evidenceAsOf: '2026-01-01' } : {}) })),
    },
  };
}

function files(offices: unknown[], people: RawKnowledgeFile[] = []): RawKnowledgeFile[] {
  return [{ path: 'meta.json', data: { knowledgeAsOf: '2026-11-25' } }, { path: 'offices/test.json', data: { offices } }, ...people];
}

describe('office titles across offices', () => {
  it('rejects a title shared by two offices that exist at the same time, naming both', () => {
    const bad = files([
      office('chancellor-of-the-exchequer', ['Chancellor'], '2010-05-11', null),
      office('chancellor-of-the-duchy-of-lancaster', ['Chancellor'], '2010-05-11', null),
    ]);
    expect(() => compileKnowledge(bad)).toThrow(KnowledgeError);
    try {
      compileKnowledge(bad);
    } catch (err) {
      expect((err as KnowledgeError).problems.join('\n')).toMatch(/chancellor-of-the-exchequer and chancellor-of-the-duchy-of-lancaster/);
    }
  });

  it('lets a renamed department\'s office carry the old title, and resolves it by date', () => {
    const kb = new KnowledgeBase(
      compileKnowledge(
        files(
          [
            office('bis-secretary', ['Business Secretary'], '2010-05-11', '2016-07-14'),
            office('beis-secretary', ['Business Secretary'], '2016-07-14', null, { replaces: 'bis-secretary' }),
          ],
          [
            person('vince-cable', [{ office: 'bis-secretary', from: '2010-05-12', to: '2015-05-12' }]),
            person('greg-clark', [{ office: 'beis-secretary', from: '2016-07-14', to: '2019-07-24' }]),
          ],
        ),
      ),
    );
    expect(kb.holderOfTitleOn('Business Secretary', '2013-06-01')?.person.id).toBe('vince-cable');
    expect(kb.holderOfTitleOn('business secretary', '2017-01-01')?.person.id).toBe('greg-clark');
  });

  it('accepts the optional vacancies flag and rejects a non-boolean one', () => {
    expect(() => compileKnowledge(files([office('deputy-prime-minister', ['DPM'], '2010-05-11', null, { vacancies: true })]))).not.toThrow();
    expect(() => compileKnowledge(files([office('deputy-prime-minister', ['DPM'], '2010-05-11', null, { vacancies: 'yes' })]))).toThrow(KnowledgeError);
  });
});
