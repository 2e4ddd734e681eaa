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
 *  4. Statements with dates outside the office's existence, or not given to the day, are ignored.
 *  5. A statement's person is matched by Wikidata id, else by exact name (full name or another full
 *     form, when exactly one person of the knowledge base has it).
 *     A person unknown to the knowledge base is added only when Wikidata gives a proper name, as a
 *     minimal person: id `wd-q<number>`, that name, `surname` = the full name (so the bare surname never
 *     links on its own), no other names, a summary naming the office, Wikidata as the source, no
 *     parties, seats or facts. Nothing else about people is taken from Wikidata.
 * The result is validated with compileKnowledge (every cross-file rule) before it can be used.
 *
 * Each tenure's origin is recorded: `bundled`, `wikidata` (added), or `bundled` with its end or evidence
 * from Wikidata; Wikidata-derived tenures also carry a `note` saying so, with the fetch date.
 */
import { compileKnowledge, type Knowledge, type RawKnowledgeFile } from '../../core/knowledge/compile';
import { foldSurface } from '../../core/knowledge/query';
import type { Office, Person, Tenure } from '../../core/knowledge/schema';
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

export interface MergeResult {
  knowledge: Knowledge;
  origins: TenureOrigin[];
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

function appendNote(t: Tenure, note: string): void {
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

export function mergeWikidata(bundled: Knowledge, statements: readonly HolderStatement[], fetchedAt: string): MergeResult {
  const k: Knowledge = structuredClone(bundled);
  const asOf = bundled.meta.knowledgeAsOf;
  const note = `From Wikidata (fetched ${fetchedAt}).`;
  const people = new Map<string, Person>();
  const byQid = new Map<string, Person>();
  for (const e of k.entities) {
    if (e.type !== 'person') continue;
    people.set(e.id, e);
    if (e.wikidata) byQid.set(e.wikidata, e);
  }
  const officeByQid = new Map<string, Office>();
  for (const o of k.offices) if (o.wikidata) officeByQid.set(o.wikidata, o);

  const updated = new Map<Tenure, TenureOrigin['updatedBy']>();
  const added = new Set<Tenure>();
  const conflicts: string[] = [];
  const addedPeople: string[] = [];
  let used = 0;
  let ignored = 0;

  const holdings = (officeId: string) =>
    [...people.values()].flatMap((p) => p.tenures.filter((t) => t.office === officeId).map((t) => ({ person: p, tenure: t })));

  const sorted = [...statements].sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? -1 : (a.start ?? '') > (b.start ?? '') ? 1 : 0));
  for (const s of sorted) {
    const office = officeByQid.get(s.office);
    if (!office || s.start === null || (s.end !== null && s.end <= s.start)) {
      ignored++;
      continue;
    }
    // 1. History up to the bundled date is the bundled data's.
    if (s.end !== null && s.end <= asOf) {
      ignored++;
      continue;
    }
    // 4. Inside the office's existence.
    if (s.start < office.from || (office.to !== null && (s.end === null || s.end > office.to))) {
      ignored++;
      conflicts.push(`${office.id}: ${s.person} ${s.start}..${s.end ?? 'open'} lies outside the office's existence`);
      continue;
    }
    const span = { from: s.start, to: s.end };
    let person = byQid.get(s.person);
    const existing = holdings(office.id);

    // 2. The same person already holds it in the bundled data.
    if (person) {
      const mine = existing.filter((h) => h.person === person && overlaps(h.tenure, span));
      if (mine.length > 0) {
        for (const { tenure } of mine) {
          if (tenure.to === null && s.end !== null && s.end > tenure.from && s.end > (tenure.evidenceAsOf ?? asOf)) {
            // Closing an open tenure must not cut into a later tenure of someone else; the end is Wikidata's.
            tenure.to = s.end;
            delete tenure.evidenceAsOf;
            appendNote(tenure, `End date from Wikidata (fetched ${fetchedAt}).`);
            updated.set(tenure, 'wikidata-end');
            used++;
          } else if (tenure.to === null && s.end === null) {
            if (!tenure.evidenceAsOf || tenure.evidenceAsOf < fetchedAt) {
              tenure.evidenceAsOf = fetchedAt;
              if (!updated.has(tenure)) updated.set(tenure, 'wikidata-evidence');
            }
            used++;
          } else {
            ignored++;
          }
        }
        continue;
      }
    }

    // 3. A new tenure: only after every bundled tenure of this office started.
    const latestStart = existing.reduce((m, h) => (h.tenure.from > m ? h.tenure.from : m), '');
    if (s.start <= latestStart) {
      ignored++;
      conflicts.push(`${office.id}: ${s.person} from ${s.start} does not come after the known holders`);
      continue;
    }
    if (office.holders === 'single') {
      const clash = existing.filter((h) => overlaps(h.tenure, span));
      if (clash.some((h) => h.tenure.to !== null)) {
        ignored++;
        conflicts.push(`${office.id}: ${s.person} from ${s.start} overlaps a closed tenure`);
        continue;
      }
      // Only a current (open) holder ends the previous holder's open tenure: an interim, closed tenure
      // alone would leave the office vacant afterwards, which Wikidata did not say.
      if (s.end !== null && clash.length > 0) {
        ignored++;
        conflicts.push(`${office.id}: ${s.person} ${s.start}..${s.end} would interrupt ${clash[0]!.person.id}'s open tenure`);
        continue;
      }
      // The bundled data saw the previous holder still in office after that day: Wikidata is wrong or early.
      if (clash.some((h) => (h.tenure.evidenceAsOf ?? h.tenure.from) >= s.start!)) {
        ignored++;
        conflicts.push(`${office.id}: ${s.person} from ${s.start} contradicts newer evidence that ${clash[0]!.person.id} still held it`);
        continue;
      }
      // A reshuffle: the open tenure of the previous holder ends on the new holder's first day.
      for (const h of clash) {
        h.tenure.to = s.start;
        delete h.tenure.evidenceAsOf;
        appendNote(h.tenure, `Ended by the next holder's start on Wikidata (fetched ${fetchedAt}).`);
        if (!added.has(h.tenure)) updated.set(h.tenure, 'wikidata-end');
      }
    }
    if (!person && s.name) {
      // A person the knowledge base knows without a Wikidata id: match on the exact name (one match only).
      const matches = [...people.values()].filter((p) => [p.name, ...p.names].some((n) => foldSurface(n) === foldSurface(s.name!)));
      if (matches.length === 1) {
        person = matches[0]!;
        byQid.set(s.person, person);
      }
    }
    if (!person) {
      // 5. Unknown people only with a proper name.
      if (!s.name) {
        ignored++;
        continue;
      }
      person = minimalPerson(s.person, s.name, office);
      people.set(person.id, person);
      byQid.set(s.person, person);
      k.entities.push(person);
      addedPeople.push(person.id);
    }
    const tenure: Tenure = { office: office.id, from: s.start, to: s.end, source: wikidataUrl(s.person), note };
    if (s.end === null) tenure.evidenceAsOf = fetchedAt;
    person.tenures.push(tenure);
    person.tenures.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    added.add(tenure);
    used++;
  }

  if (used > 0 && fetchedAt > k.meta.knowledgeAsOf) k.meta = { ...k.meta, knowledgeAsOf: fetchedAt };
  const knowledge = compileKnowledge(toFiles(k));

  const origins: TenureOrigin[] = [];
  for (const e of knowledge.entities) {
    if (e.type !== 'person') continue;
    for (const t of e.tenures) {
      // compileKnowledge returns validated copies: match the tenures we built by value.
      const original = people.get(e.id)?.tenures.find((x) => x.office === t.office && x.from === t.from);
      if (original && added.has(original)) {
        origins.push({ person: e.id, office: t.office, from: t.from, origin: 'wikidata', fetchedAt });
      } else if (original && updated.has(original)) {
        origins.push({ person: e.id, office: t.office, from: t.from, origin: 'bundled', updatedBy: updated.get(original), fetchedAt });
      } else {
        origins.push({ person: e.id, office: t.office, from: t.from, origin: 'bundled' });
      }
    }
  }
  return { knowledge, origins, used, ignored, conflicts, addedPeople };
}
