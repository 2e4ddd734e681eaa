/**
 * The real knowledge base: it validates, every Cabinet-level office has a holder on every day it existed since the
 * Cameron–Clegg Cabinet took office, and known changeovers resolve to the right person on each side.
 */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { loadKnowledge } from '../../src/knowledge/load-node';

/**
 * The Cameron–Clegg Cabinet was appointed on 11 and 12 May 2010; the outgoing Brown ministers are out of scope,
 * so coverage is demanded from the first day after both days of appointments.
 */
const COVERAGE_FROM = '2010-05-13';

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * Every run of days (first..last inclusive) on which a Cabinet office that must be filled had nobody in it and no
 * documented vacancy (office `vacant`) or documented unknown holder (office `holderUnknown`), each with its source,
 * explains it.
 */
function cabinetGaps(kb: KnowledgeBase): string[] {
  const gaps: string[] = [];
  for (const office of kb.offices) {
    if (!office.cabinet || office.vacancies) continue;
    const start = office.from > COVERAGE_FROM ? office.from : COVERAGE_FROM;
    const endExclusive = office.to !== null && office.to <= kb.knowledgeAsOf ? office.to : nextDay(kb.knowledgeAsOf);
    let gapStart: string | null = null;
    let last = start;
    for (let d = start; d < endExclusive; d = nextDay(d)) {
      const filled =
        kb.holdersOn(office.id, d).length > 0 || kb.vacancyOn(office.id, d) !== undefined || kb.holderUnknownOn(office.id, d) !== undefined;
      if (!filled && gapStart === null) gapStart = d;
      if (filled && gapStart !== null) {
        gaps.push(`${office.id}: nobody from ${gapStart} to ${last}`);
        gapStart = null;
      }
      last = d;
    }
    if (gapStart !== null) gaps.push(`${office.id}: nobody from ${gapStart} to ${last}`);
  }
  return gaps;
}

let cached: KnowledgeBase | undefined;
/** The compiled real data (throws KnowledgeError, naming every problem, when it does not validate). */
function realKb(): KnowledgeBase {
  cached ??= new KnowledgeBase(loadKnowledge());
  return cached;
}

/** Who each title names on each day, as [title, day, person id] rows. */
function expectTitleHolders(kb: KnowledgeBase, rows: [title: string, day: string, person: string][]): void {
  for (const [title, day, person] of rows) expect(kb.holderOfTitleOn(title, day)?.person.id, `${title} on ${day}`).toBe(person);
}

describe('the knowledge base data', () => {
  it('validates against the schema and the cross-file rules', () => {
    expect(() => realKb()).not.toThrow();
  });

  it('has every Cabinet office filled or documented vacant on every day since May 2010 (offices that may stand vacant excepted)', () => {
    expect(cabinetGaps(realKb())).toEqual([]);
  });

  it('defines the Cabinet offices a reader meets in the news', () => {
    for (const id of [
      'prime-minister', 'chancellor-of-the-exchequer', 'home-secretary', 'foreign-secretary', 'defence-secretary',
      'transport-secretary', 'bis-secretary', 'beis-secretary', 'business-and-trade-secretary', 'rail-minister',
    ]) {
      expect(realKb().office(id), id).toBeDefined();
    }
    expect(realKb().office('business-and-trade-secretary')?.replaces).toBe('beis-secretary');
    expect(realKb().office('beis-secretary')?.replaces).toBe('bis-secretary');
  });

  it('keeps the Chancellor of the Duchy of Lancaster out of "Chancellor"', () => {
    expect(realKb().officesForTitle('Chancellor').map((o) => o.id)).toEqual(['chancellor-of-the-exchequer']);
  });

  it('hands the Transport Secretary from Louise Haigh to Heidi Alexander on 29 November 2024', () => {
    expect(realKb().holderOn('transport-secretary', '2024-11-28')?.person.id).toBe('louise-haigh');
    expect(realKb().holderOn('transport-secretary', '2024-11-29')?.person.id).toBe('heidi-alexander');
    expect(realKb().holderOfTitleOn('Transport Secretary', '2024-11-29')?.person.id).toBe('heidi-alexander');
  });

  it('hands the Business and Trade Secretary from Jonathan Reynolds to Peter Kyle on 5 September 2025', () => {
    expect(realKb().holderOfTitleOn('Business and Trade Secretary', '2025-09-04')?.person.id).toBe('jonathan-reynolds');
    expect(realKb().holderOfTitleOn('Business and Trade Secretary', '2025-09-06')?.person.id).toBe('peter-kyle');
    expect(realKb().holderOfTitleOn('Business Secretary', '2025-09-06')?.person.id).toBe('peter-kyle');
  });

  it('hands the Prime Minister from Rishi Sunak to Keir Starmer on 5 July 2024', () => {
    expect(realKb().holderOfTitleOn('Prime Minister', '2024-07-04')?.person.id).toBe('rishi-sunak');
    expect(realKb().holderOfTitleOn('PM', '2024-07-05')?.person.id).toBe('keir-starmer');
  });

  it('finds Vince Cable as "Business Secretary" in 2013 (the BIS secretary)', () => {
    const h = realKb().holderOfTitleOn('Business Secretary', '2013-06-01');
    expect(h?.person.id).toBe('vince-cable');
    expect(h?.office.id).toBe('bis-secretary');
  });

  it('records the Welsh Secretary as vacant between Alun Cairns and Simon Hart, not as an unexplained gap', () => {
    expect(realKb().holderOn('wales-secretary', '2019-11-05')?.person.id).toBe('alun-cairns');
    expect(realKb().holderOn('wales-secretary', '2019-11-20')).toBeUndefined();
    expect(realKb().vacancyOn('wales-secretary', '2019-11-20')?.source).toMatch(/^https:\/\//);
    expect(realKb().holderOn('wales-secretary', '2019-12-16')?.person.id).toBe('simon-hart');
  });

  it('keeps Amber Rudd Home Secretary on the day she resigned and hands over to Sajid Javid the next morning', () => {
    expect(realKb().holderOfTitleOn('Home Secretary', '2018-04-29')?.person.id).toBe('amber-rudd');
    expect(realKb().holderOfTitleOn('Home Secretary', '2018-04-30')?.person.id).toBe('sajid-javid');
  });

  it('hands Health from Wes Streeting to James Murray on 14 May 2026, the Treasury post he left to Lucy Rigby, then to Emma Reynolds', () => {
    expect(realKb().holderOfTitleOn('Health Secretary', '2026-05-13')?.person.id).toBe('wes-streeting');
    expect(realKb().holderOfTitleOn('Health Secretary', '2026-05-14')?.person.id).toBe('james-murray');
    expect(realKb().holderOn('chief-secretary-to-the-treasury', '2026-05-13')?.person.id).toBe('james-murray');
    // UK Parliament members data (Member 5333) date Lucy Rigby's appointment to the same day; she leaves on 20 July
    // 2026, when Andy Burnham forms his government, and the same data (Member 4077) name Emma Reynolds from that day.
    expect(realKb().holderOn('chief-secretary-to-the-treasury', '2026-05-14')?.person.id).toBe('lucy-rigby');
    expect(realKb().holderUnknownOn('chief-secretary-to-the-treasury', '2026-05-14')).toBeUndefined();
    expect(realKb().holderOfTitleOn('Chief Secretary to the Treasury', '2026-07-19')?.person.id).toBe('lucy-rigby');
    expect(realKb().holderOn('chief-secretary-to-the-treasury', '2026-07-20')?.person.id).toBe('emma-reynolds');
    expect(realKb().holderUnknownOn('chief-secretary-to-the-treasury', '2026-07-20')).toBeUndefined();
  });

  it('hands the Prime Minister from Keir Starmer to Andy Burnham on 20 July 2026, with his first appointments', () => {
    const kb = realKb();
    expectTitleHolders(kb, [
      ['PM', '2026-07-19', 'keir-starmer'],
      ['Prime Minister', '2026-07-20', 'andy-burnham'],
      ['Chancellor', '2026-07-19', 'rachel-reeves'],
      ['Chancellor', '2026-07-20', 'john-healey'],
      ['Foreign Secretary', '2026-07-20', 'ed-miliband'],
      ['Defence Secretary', '2026-07-19', 'dan-jarvis'],
      ['Defence Secretary', '2026-07-20', 'wes-streeting'],
      ['Health Secretary', '2026-07-20', 'yvette-cooper'],
    ]);
    // Miliband's successor at Energy, Member 5099 in UK Parliament members data, is Miatta Fahnbulleh.
    expect(kb.holderOn('energy-security-secretary', '2026-07-19')?.person.id).toBe('ed-miliband');
    expect(kb.holderOfTitleOn('Energy Secretary', '2026-07-20')?.person.id).toBe('miatta-fahnbulleh');
    expect(kb.holderUnknownOn('energy-security-secretary', '2026-07-20')).toBeUndefined();
  });

  it('follows the 20 July 2026 changeovers in UK Parliament members data, including the new Chief Whip', () => {
    const kb = realKb();
    expectTitleHolders(kb, [
      ['Justice Secretary', '2026-07-19', 'david-lammy'],
      ['Justice Secretary', '2026-07-20', 'alex-norris'],
      ['Northern Ireland Secretary', '2026-07-20', 'chris-bryant'],
      ['Welsh Secretary', '2026-07-20', 'stephen-kinnock'],
      ['Housing Secretary', '2026-07-19', 'steve-reed'],
      ['Housing Secretary', '2026-07-20', 'angela-rayner'],
      ['Attorney General', '2026-07-20', 'ellie-reeves'],
      ['Education Secretary', '2026-07-20', 'lucy-powell'],
      ['Business Secretary', '2026-07-20', 'jonathan-reynolds'],
    ]);
    expect(kb.holderOn('chancellor-of-the-duchy-of-lancaster', '2026-07-20')?.person.id).toBe('louise-haigh');
    // Member 491, Dame Angela Eagle, moved from Security Minister to Environment Secretary that day.
    expectTitleHolders(kb, [
      ['Environment Secretary', '2026-07-19', 'emma-reynolds'],
      ['Environment Secretary', '2026-07-20', 'angela-eagle'],
      ['Security Minister', '2026-07-19', 'angela-eagle'],
    ]);
    expect(kb.holderUnknownOn('environment-secretary', '2026-07-20')).toBeUndefined();
    // DSIT was abolished: Liz Kendall is the last Science Secretary.
    expect(kb.holderOn('science-secretary', '2026-07-19')?.person.id).toBe('liz-kendall');
    expect(kb.office('science-secretary')?.to).toBe('2026-07-20');
    // Still in office under Burnham.
    expect(kb.holderOn('leader-of-the-house-of-commons', '2026-07-22')?.person.id).toBe('alan-campbell');
    expect(kb.holderOn('leader-of-the-house-of-lords', '2026-07-22')?.person.id).toBe('angela-smith-basildon');
    // The data list a new Chief Whip, Member 5038, whom the Parliament member lookup names as Anneliese Midgley.
    expect(kb.holderOn('chief-whip', '2026-07-19')?.person.id).toBe('jonathan-reynolds');
    expect(kb.holderOfTitleOn('Chief Whip', '2026-07-20')?.person.id).toBe('anneliese-midgley');
    expect(kb.holderUnknownOn('chief-whip', '2026-07-20')).toBeUndefined();
  });
});
