/**
 * Merge Wikidata's "position held" statements over the bundled knowledge, conservatively.
 *
 * The bundled knowledge is hand-checked and sourced; it stays authoritative for everything up to its
 * own `knowledgeAsOf` date. Wikidata is only used for what happened since:
 *  1. Statements that ended on or before the bundled knowledgeAsOf are ignored (history is bundled).
 *  2. A statement for a person who already holds the office in the bundled data (overlapping period):
 *     it may *end* an open bundled tenure (the end date comes from Wikidata), or confirm that it
 *     continues (evidenceAsOf moves to the fetch date). It never moves a bundled start or end.
 *  3. A new tenure is added only if it starts after every bundled tenure of that office started. For a
 *     single-holder office, a new *open* tenure ends the open tenure of the previous holder on the new
 *     holder's first day (a reshuffle), unless the bundled data has evidence that the previous holder
 *     was still in office on that day; a new tenure that would overlap a closed tenure, or a closed one
 *     that would cut into an open tenure, is refused.
 *  3a. Documented gaps. An open "holder unknown" period (the bundled sources show the previous holder
 *     left on day G but name no successor) is what Wikidata can fill. A new *open* tenure from day D:
 *      - D after G: the period ends on D (from G to D the holder stays unknown; from D it is Wikidata's).
 *      - D equal to G: Wikidata names the unknown holder from the period's first day, so the period is
 *        removed; the bundled end of the previous tenure (G) is unchanged, and the new tenure's note says
 *        which period it replaced.
 *      - D before G: refused. The days before G belong to the bundled history (the previous holder's
 *        sourced tenure ended on G); a start before G contradicts it, like an overlap with a closed tenure.
 *     A *closed* new tenure inside an open period is refused, as a closed tenure cutting into an open
 *     tenure is (it would leave the office with nobody, not even "unknown", after its end). A documented
 *     vacancy is always closed (the schema requires its end) and is a sourced statement that nobody held
 *     the office on those days: a new tenure overlapping one is refused. A closed holder-unknown period
 *     is refused in the same way (the bundled data already says who did not hold it there: nobody known).
 *     Each changed period gets a note and an entry in `periods`.
 *  4. Statements with dates outside the office's existence, or not given to the day, are ignored.
 *  5. A statement's person is matched by Wikidata id, else by exact name (full name or another full
 *     form, when exactly one person of the knowledge base has it).
 *     A person unknown to the knowledge base is added only when Wikidata gives a proper name, as a
 *     minimal person: id `wd-q<number>`, that name, `surname` = the full name (so the bare surname never
 *     links on its own), no other names, a summary naming the office, Wikidata as the source, no
 *     parties, seats or facts. Nothing else about people is taken from Wikidata.
 * The result is validated with compileKnowledge (every cross-file rule) before it can be used. One office
 * never spoils the rest: when the merged whole is invalid, the offices are merged again one at a time,
 * each validated on top of the ones already taken, and an office whose changes would make the knowledge
 * invalid keeps its bundled data, with a conflict saying why. So the merge itself never throws for the
 * data of one office.
 *
 * Each tenure's origin is recorded: `bundled`, `wikidata` (added), or `bundled` with its end or evidence
 * from Wikidata; Wikidata-derived tenures also carry a `note` saying so, with the fetch date.
 */
import { compileKnowledge, KnowledgeError, type Knowledge, type RawKnowledgeFile } from '../../core/knowledge/compile';
import { foldSurface } from '../../core/knowledge/query';
import type { HolderUnknown, Office, Person, Tenure } from '../../core/knowledge/schema';
import type { HolderStatement } from './sparql';

export interface TenureOrigin {
  person: string;
  office: string;
  from: string;
  origin: 'bundled' | 'wikidata';
  /** For a bundled tenure: Wikidata supplied its end date, or confirmed it continues. */
  updatedBy?: 'wikidata-end' | 'wikidata-evidence';
  /** Fetch date (YYYY-MM-DD) of the Wikidata answer, when Wikidata contributed. */
  fetchedAt?: string;
}

/** A bundled "holder unknown" period that Wikidata's answer changed (rule 3a). */
export interface PeriodOrigin {
  office: string;
  kind: 'holder-unknown';
  /** The period's (bundled) first day. */
  from: string;
  /**
   * `wikidata-end`: it now ends on `to`, the first day of the holder Wikidata names;
   * `wikidata-named`: removed, because Wikidata names the holder from its first day (`person`).
   */
  updatedBy: 'wikidata-end' | 'wikidata-named';
  to: string;
  /** Knowledge-base id of the holder Wikidata names from `to`. */
  person: string;
  fetchedAt: string;
}

export interface MergeResult {
  knowledge: Knowledge;
  origins: TenureOrigin[];
  /** Holder-unknown periods ended or removed by Wikidata's answer. */
  periods: PeriodOrigin[];
  /** Statements used / ignored, and why some were refused (for the options page and debugging). */
  used: number;
  ignored: number;
  conflicts: string[];
  addedPeople: string[];
}

const wikidataUrl = (qid: string) => `https://www.wikidata.org/wiki/${qid}`;

function overlaps(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  return (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);
}

function appendNote(t: { note?: string }, note: string): void {
  t.note = t.note ? `${t.note} ${note}` : note;
}

function minimalPerson(qid: string, name: string, office: Office): Person {
  return {
    id: `wd-${qid.toLowerCase()}`,
    type: 'person',
    name,
    surname: name,
    names: [],
    shortForms: [],
    summary: `Holder of the office of ${office.name}, according to Wikidata.`,
    summarySource: wikidataUrl(qid),
    parties: [],
    seats: [],
    tenures: [],
    facts: [],
    wikidata: qid,
  };
}

function toFiles(k: Knowledge): RawKnowledgeFile[] {
  return [
    { path: 'meta.json', data: k.meta },
    { path: 'offices/all.json', data: { offices: k.offices } },
    ...k.entities.map((e) => ({
      path: `${e.type === 'person' ? 'people' : e.type === 'place' ? 'places' : 'organisations'}/${e.id}.json`,
      data: e,
    })),
  ];
}

/** A tenure's identity across copies of the knowledge: person, office and first day never change. */
const tenureKey = (person: string, office: string, from: string) => `${person}\u0000${office}\u0000${from}`;

/** A working copy of the knowledge with its lookups. */
interface Working {
  k: Knowledge;
  people: Map<string, Person>;
  byQid: Map<string, Person>;
  officeByQid: Map<string, Office>;
}

function working(k: Knowledge): Working {
  const people = new Map<string, Person>();
  const byQid = new Map<string, Person>();
  for (const e of k.entities) {
    if (e.type !== 'person') continue;
    people.set(e.id, e);
    if (e.wikidata) byQid.set(e.wikidata, e);
  }
  const officeByQid = new Map<string, Office>();
  for (const o of k.offices) if (o.wikidata) officeByQid.set(o.wikidata, o);
  return { k, people, byQid, officeByQid };
}

/** What merging one office's statements did. */
interface OfficeOutcome {
  used: number;
  ignored: number;
  conflicts: string[];
  added: Set<string>;
  updated: Map<string, NonNullable<TenureOrigin['updatedBy']>>;
  addedPeople: string[];
  periods: PeriodOrigin[];
}

/** Merge the statements of one office (sorted by start) into the working copy, in place. */
function mergeOffice(w: Working, office: Office, statements: readonly HolderStatement[], asOf: string, fetchedAt: string): OfficeOutcome {
  const note = `From Wikidata (fetched ${fetchedAt}).`;
  const out: OfficeOutcome = { used: 0, ignored: 0, conflicts: [], added: new Set(), updated: new Map(), addedPeople: [], periods: [] };
  const { conflicts } = out;
  const holdings = () =>
    [...w.people.values()].flatMap((p) => p.tenures.filter((t) => t.office === office.id).map((t) => ({ person: p, tenure: t })));
  const markUpdated = (p: Person, t: Tenure, by: NonNullable<TenureOrigin['updatedBy']>) => out.updated.set(tenureKey(p.id, t.office, t.from), by);
  const isAdded = (p: Person, t: Tenure) => out.added.has(tenureKey(p.id, t.office, t.from));

  for (const s of statements) {
    if (s.start === null || (s.end !== null && s.end <= s.start)) {
      out.ignored++;
      continue;
    }
    // 1. History up to the bundled date is the bundled data's.
    if (s.end !== null && s.end <= asOf) {
      out.ignored++;
      continue;
    }
    // 4. Inside the office's existence.
    if (s.start < office.from || (office.to !== null && (s.end === null || s.end > office.to))) {
      out.ignored++;
      conflicts.push(`${office.id}: ${s.person} ${s.start}..${s.end ?? 'open'} lies outside the office's existence`);
      continue;
    }
    const start = s.start;
    const span = { from: start, to: s.end };
    let person = w.byQid.get(s.person);
    if (!person && s.name) {
      // 5. A person the knowledge base knows without a Wikidata id: match on the exact name (one match only),
      // so that Wikidata can also confirm or end their bundled tenure (rule 2), not only add new ones.
      const matches = [...w.people.values()].filter((p) => [p.name, ...p.names].some((n) => foldSurface(n) === foldSurface(s.name!)));
      if (matches.length === 1) {
        person = matches[0]!;
        w.byQid.set(s.person, person);
      }
    }
    const existing = holdings();

    // 2. The same person already holds it in the bundled data.
    if (person) {
      const holder = person;
      const mine = existing.filter((h) => h.person === holder && overlaps(h.tenure, span));
      if (mine.length > 0) {
        for (const { tenure } of mine) {
          if (tenure.to === null && s.end !== null && s.end > tenure.from && s.end > (tenure.evidenceAsOf ?? asOf)) {
            // Closing an open tenure must not cut into a later tenure of someone else; the end is Wikidata's.
            tenure.to = s.end;
            delete tenure.evidenceAsOf;
            appendNote(tenure, `End date from Wikidata (fetched ${fetchedAt}).`);
            markUpdated(holder, tenure, 'wikidata-end');
            out.used++;
          } else if (tenure.to === null && s.end === null) {
            if (!tenure.evidenceAsOf || tenure.evidenceAsOf < fetchedAt) {
              tenure.evidenceAsOf = fetchedAt;
              if (!out.updated.has(tenureKey(holder.id, tenure.office, tenure.from))) markUpdated(holder, tenure, 'wikidata-evidence');
            }
            out.used++;
          } else {
            out.ignored++;
          }
        }
        continue;
      }
    }

    // 3. A new tenure: only after every bundled tenure of this office started.
    const latestStart = existing.reduce((m, h) => (h.tenure.from > m ? h.tenure.from : m), '');
    if (start <= latestStart) {
      out.ignored++;
      conflicts.push(`${office.id}: ${s.person} from ${start} does not come after the known holders`);
      continue;
    }
    // 3a. Documented vacancies and holder-unknown periods it would overlap: only an open holder-unknown
    // period that began on or before the new holder's first day, ended by an open tenure, gives way.
    const vacancy = (office.vacant ?? []).find((g) => overlaps(g, span));
    if (vacancy) {
      out.ignored++;
      conflicts.push(`${office.id}: ${s.person} ${start}..${s.end ?? 'open'} overlaps the documented vacancy ${vacancy.from}..${vacancy.to}`);
      continue;
    }
    const unknown = (office.holderUnknown ?? []).filter((g) => overlaps(g, span));
    const blocking = unknown.find((g) => g.to !== null || start < g.from || s.end !== null);
    if (blocking) {
      out.ignored++;
      const period = `holder-unknown period ${blocking.from}..${blocking.to ?? 'open'}`;
      conflicts.push(
        blocking.to !== null
          ? `${office.id}: ${s.person} ${start}..${s.end ?? 'open'} overlaps the documented ${period}`
          : start < blocking.from
            ? `${office.id}: ${s.person} from ${start} starts before the ${period} (the bundled previous holder left on ${blocking.from})`
            : `${office.id}: ${s.person} ${start}..${s.end ?? 'open'} would interrupt the ${period}`,
      );
      continue;
    }
    let clash: typeof existing = [];
    if (office.holders === 'single') {
      clash = existing.filter((h) => overlaps(h.tenure, span));
      if (clash.some((h) => h.tenure.to !== null)) {
        out.ignored++;
        conflicts.push(`${office.id}: ${s.person} from ${start} overlaps a closed tenure`);
        continue;
      }
      // Only a current (open) holder ends the previous holder's open tenure: an interim, closed tenure
      // alone would leave the office vacant afterwards, which Wikidata did not say.
      if (s.end !== null && clash.length > 0) {
        out.ignored++;
        conflicts.push(`${office.id}: ${s.person} ${start}..${s.end} would interrupt ${clash[0]!.person.id}'s open tenure`);
        continue;
      }
      // The bundled data saw the previous holder still in office after that day: Wikidata is wrong or early.
      if (clash.some((h) => (h.tenure.evidenceAsOf ?? h.tenure.from) >= start)) {
        out.ignored++;
        conflicts.push(`${office.id}: ${s.person} from ${start} contradicts newer evidence that ${clash[0]!.person.id} still held it`);
        continue;
      }
    }
    // 5. Unknown people only with a proper name (checked before anything is changed for this statement).
    if (!person && !s.name) {
      out.ignored++;
      continue;
    }

    // Every check passed: apply.
    // A reshuffle: the open tenure of the previous holder ends on the new holder's first day.
    for (const h of clash) {
      h.tenure.to = start;
      delete h.tenure.evidenceAsOf;
      appendNote(h.tenure, `Ended by the next holder's start on Wikidata (fetched ${fetchedAt}).`);
      if (!isAdded(h.person, h.tenure)) markUpdated(h.person, h.tenure, 'wikidata-end');
    }
    if (!person) {
      person = minimalPerson(s.person, s.name!, office);
      w.people.set(person.id, person);
      w.byQid.set(s.person, person);
      w.k.entities.push(person);
      out.addedPeople.push(person.id);
    }
    const tenure: Tenure = { office: office.id, from: start, to: s.end, source: wikidataUrl(s.person), note };
    if (s.end === null) tenure.evidenceAsOf = fetchedAt;
    // The open holder-unknown period (3a) ends where the named holder begins, or goes if they begin together.
    for (const g of unknown) {
      const change = { office: office.id, kind: 'holder-unknown', from: g.from, to: start, person: person.id, fetchedAt } as const;
      if (g.from === start) {
        office.holderUnknown = office.holderUnknown!.filter((x: HolderUnknown) => x !== g);
        if (office.holderUnknown.length === 0) delete office.holderUnknown;
        appendNote(tenure, `Wikidata names the holder for the period from ${g.from} that the bundled data recorded as holder unknown.`);
        out.periods.push({ ...change, updatedBy: 'wikidata-named' });
      } else {
        g.to = start;
        appendNote(g, `Ended on ${start}, when ${person.name} took office according to Wikidata (fetched ${fetchedAt}).`);
        out.periods.push({ ...change, updatedBy: 'wikidata-end' });
      }
    }
    person.tenures.push(tenure);
    person.tenures.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    out.added.add(tenureKey(person.id, tenure.office, tenure.from));
    out.used++;
  }
  return out;
}

/** Validate a working copy: the compiled knowledge, or the problems that make it invalid. */
function validate(k: Knowledge): { knowledge: Knowledge } | { problems: string[] } {
  try {
    return { knowledge: compileKnowledge(toFiles(k)) };
  } catch (e) {
    if (e instanceof KnowledgeError) return { problems: e.problems };
    throw e;
  }
}

export function mergeWikidata(bundled: Knowledge, statements: readonly HolderStatement[], fetchedAt: string): MergeResult {
  const asOf = bundled.meta.knowledgeAsOf;
  const officeQids = new Set(bundled.offices.flatMap((o) => (o.wikidata ? [o.wikidata] : [])));

  // The statements of each office, by start; offices in the order of their earliest statement.
  const sorted = [...statements].sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? -1 : (a.start ?? '') > (b.start ?? '') ? 1 : 0));
  const byOffice = new Map<string, HolderStatement[]>();
  let ignored = 0;
  for (const s of sorted) {
    if (!officeQids.has(s.office)) {
      ignored++;
      continue;
    }
    byOffice.set(s.office, [...(byOffice.get(s.office) ?? []), s]);
  }
  const mergeInto = (w: Working, qid: string, list: HolderStatement[]) => mergeOffice(w, w.officeByQid.get(qid)!, list, asOf, fetchedAt);

  // Usually every office merges cleanly: merge them all and validate once.
  let w = working(structuredClone(bundled));
  let kept: OfficeOutcome[] = [...byOffice].map(([qid, list]) => mergeInto(w, qid, list));
  const conflicts: string[] = [];
  if ('problems' in validate(w.k)) {
    // One office at a time, each validated on top of those already taken; an invalid one keeps its bundled data.
    w = working(structuredClone(bundled));
    kept = [];
    for (const [qid, list] of byOffice) {
      const trial = working(structuredClone(w.k));
      const outcome = mergeInto(trial, qid, list);
      const r = validate(trial.k);
      if ('problems' in r) {
        const officeId = trial.officeByQid.get(qid)!.id;
        conflicts.push(...outcome.conflicts, `${officeId}: Wikidata's changes were not taken, the merged knowledge would be invalid (${r.problems[0]})`);
        ignored += outcome.used + outcome.ignored;
      } else {
        w = trial;
        kept.push(outcome);
      }
    }
  }

  const k = w.k;
  let used = 0;
  const added = new Set<string>();
  const updated = new Map<string, NonNullable<TenureOrigin['updatedBy']>>();
  const addedPeople: string[] = [];
  const periods: PeriodOrigin[] = [];
  for (const o of kept) {
    used += o.used;
    ignored += o.ignored;
    conflicts.push(...o.conflicts);
    for (const key of o.added) added.add(key);
    for (const [key, by] of o.updated) updated.set(key, by);
    addedPeople.push(...o.addedPeople);
    periods.push(...o.periods);
  }
  if (used > 0 && fetchedAt > k.meta.knowledgeAsOf) k.meta = { ...k.meta, knowledgeAsOf: fetchedAt };
  // Every office kept was validated on top of the others; this compiles the same data with the new date.
  const knowledge = compileKnowledge(toFiles(k));

  const origins: TenureOrigin[] = [];
  for (const e of knowledge.entities) {
    if (e.type !== 'person') continue;
    for (const t of e.tenures) {
      const key = tenureKey(e.id, t.office, t.from);
      if (added.has(key)) {
        origins.push({ person: e.id, office: t.office, from: t.from, origin: 'wikidata', fetchedAt });
      } else if (updated.has(key)) {
        origins.push({ person: e.id, office: t.office, from: t.from, origin: 'bundled', updatedBy: updated.get(key), fetchedAt });
      } else {
        origins.push({ person: e.id, office: t.office, from: t.from, origin: 'bundled' });
      }
    }
  }
  return { knowledge, origins, periods, used, ignored, conflicts, addedPeople };
}
