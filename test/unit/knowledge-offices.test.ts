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

describe('documented vacancies of an office', () => {
  const welsh = (vacant: unknown[], to: string | null = null) =>
    office('wales-secretary', ['Welsh Secretary'], '2010-05-11', to, { vacant });
  const holders = [
    person('alun-cairns', [{ office: 'wales-secretary', from: '2016-03-19', to: '2019-11-06' }]),
    person('simon-hart', [{ office: 'wales-secretary', from: '2019-12-16', to: '2022-07-07' }]),
  ];
  const problems = (input: RawKnowledgeFile[]): string => {
    try {
      compileKnowledge(input);
    } catch (err) {
      return (err as KnowledgeError).problems.join('\n');
    }
    return '';
  };

  it('answers that nobody held the office on a documented vacant day, and who held it either side', () => {
    const kb = new KnowledgeBase(
      compileKnowledge(files([welsh([{ from: '2019-11-06', to: '2019-12-16', source: SRC, note: 'Cairns resigned' }])], holders)),
    );
    expect(kb.holderOn('wales-secretary', '2019-11-05')?.person.id).toBe('alun-cairns');
    expect(kb.holderOn('wales-secretary', '2019-11-20')).toBeUndefined();
    expect(kb.vacancyOn('wales-secretary', '2019-11-20')?.note).toBe('Cairns resigned');
    expect(kb.vacancyOn('wales-secretary', '2019-12-16')).toBeUndefined();
    expect(kb.holderOn('wales-secretary', '2019-12-16')?.person.id).toBe('simon-hart');
  });

  it('rejects a vacancy that overlaps a holder\'s tenure, naming the office and the holder', () => {
    const p = problems(files([welsh([{ from: '2019-11-01', to: '2019-12-16', source: SRC }])], holders));
    expect(p).toMatch(/wales-secretary: vacancy 2019-11-01\.\.2019-12-16 overlaps alun-cairns/);
    const q = problems(files([welsh([{ from: '2019-11-06', to: '2019-12-17', source: SRC }])], holders));
    expect(q).toMatch(/overlaps simon-hart/);
  });

  it('rejects a vacancy outside the office\'s existence, one that overlaps another, and one that ends before it starts', () => {
    expect(problems(files([welsh([{ from: '2009-01-01', to: '2009-02-01', source: SRC }])]))).toMatch(/outside the office's existence/);
    expect(problems(files([welsh([{ from: '2020-01-01', to: '2020-03-01', source: SRC }], '2020-02-01')]))).toMatch(/outside the office's existence/);
    expect(
      problems(files([welsh([{ from: '2019-11-06', to: '2019-12-01', source: SRC }, { from: '2019-11-20', to: '2019-12-16', source: SRC }])])),
    ).toMatch(/overlaps vacancy from 2019-11-20/);
    expect(problems(files([welsh([{ from: '2019-12-16', to: '2019-11-06', source: SRC }])]))).toMatch(/must end after it starts/);
    expect(problems(files([welsh([{ from: '2019-11-06', to: '2019-12-16' }])]))).not.toBe('');
  });

  it('records an office held by someone unknown, open-ended, and rejects one that clashes with a tenure or a vacancy', () => {
    const murray = person('james-murray', [{ office: 'cst', from: '2025-09-01', to: '2026-05-14' }]);
    const cst = (extra: Record<string, unknown>) => office('cst', ['Chief Secretary'], '2010-05-11', null, extra);
    const unknown = { from: '2026-05-14', to: null, source: SRC, note: 'Murray moved to Health; successor not in the sources' };
    const kb = new KnowledgeBase(compileKnowledge(files([cst({ holderUnknown: [unknown] })], [murray])));
    expect(kb.holderOn('cst', '2026-05-13')?.person.id).toBe('james-murray');
    expect(kb.holderOn('cst', '2026-06-01')).toBeUndefined();
    expect(kb.holderUnknownOn('cst', '2026-11-25')?.note).toMatch(/successor not in the sources/);
    expect(kb.vacancyOn('cst', '2026-06-01')).toBeUndefined();
    expect(kb.holderUnknownOn('cst', '2026-05-13')).toBeUndefined();

    expect(problems(files([cst({ holderUnknown: [{ ...unknown, from: '2026-05-01' }] })], [murray]))).toMatch(
      /cst: unknown-holder period 2026-05-01\.\.open overlaps james-murray/,
    );
    expect(
      problems(files([cst({ holderUnknown: [unknown], vacant: [{ from: '2026-06-01', to: '2026-06-02', source: SRC }] })], [murray])),
    ).toMatch(/unknown-holder period 2026-05-14\.\.open overlaps vacancy from 2026-06-01/);
    expect(problems(files([cst({ holderUnknown: [{ from: '2026-05-14', to: null, source: SRC }] })], [murray]))).not.toBe('');
  });
});
