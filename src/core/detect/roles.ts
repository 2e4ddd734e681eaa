/**
 * Role titles without a name ("the Transport Secretary", "the PM", "the Secretary of State") resolve to
 * whoever held the office on the article's date, unless the words around say it is not the current UK
 * holder: shadow and former offices, predicative uses ("was appointed Transport Secretary", "resigned as
 * Defence Secretary"), generic ones ("an effective prime minister"), foreign ones ("Israeli Prime
 * Minister", "his defense minister", "Prime Minister of Israel", or any later bare use of a title the
 * document has already given to a foreign government), "PM" as a time of day, and a title that stands next
 * to a name (the name carries the mention, or it is someone else's title).
 */
import type { Holding } from '../knowledge/query';
import type { Office } from '../knowledge/schema';
import type { DocContext } from './context';
import {
  CAPITALISED_FOLLOWERS_OK,
  FOREIGN_QUALIFIERS,
  GENERIC_DETERMINERS,
  HEADLINE_WORDS,
  NOT_CURRENT_BEFORE_TITLE,
  ORDINALS,
  POSSESSIVE_PRONOUNS,
  PREDICATE_ADJECTIVES,
  PREDICATIVE_BEFORE_TITLE,
  ROLE_NOUNS,
  SUBNATIONAL_QUALIFIERS,
  TIME_ZONES,
  UK_QUALIFIERS,
} from './lexicon';
import type { RawMatch } from './matcher';
import { allCaps, capitalised, plainGap, spaceGap, Words, type Neighbour } from './neighbours';
import type { Compiled } from './patterns';
import type { TargetSummary } from './targets';

export type RoleOutcome =
  | { linked: true; holding: Holding; nameFollows: boolean }
  | { linked: false; reason: string };

function existsOn(o: Office, date: string): boolean {
  return o.from <= date && (o.to === null || date < o.to);
}

/** The one person holding any of these offices on the date (cached per title). */
export function holderOf(c: Compiled, offices: readonly Office[], date: string): Holding | undefined {
  const found: Holding[] = [];
  for (const o of offices) if (existsOn(o, date)) found.push(...c.kb.holdersOn(o.id, date));
  const people = new Set(found.map((h) => h.person.id));
  return people.size === 1 ? found[0] : undefined;
}

/** The document is about this department from here on (only one with a Secretary of State that day counts). */
function noteDepartmentOf(departments: ReadonlySet<string>, c: Compiled, ctx: DocContext): void {
  if (departments.size !== 1) return;
  const dept = departments.values().next().value!;
  if (hasSecretary(c, dept, ctx)) ctx.department = dept;
}

export function hasSecretaryOn(c: Compiled, department: string, date: string): boolean {
  return (c.secretariesByDepartment.get(department) ?? []).some((o) => existsOn(o, date));
}

/** hasSecretaryOn on the document's date, cached in the context (asked at most title and topic matches). */
export function hasSecretary(c: Compiled, department: string, ctx: DocContext): boolean {
  let has = ctx.secretaryCache.get(department);
  if (has === undefined) {
    has = hasSecretaryOn(c, department, ctx.date);
    ctx.secretaryCache.set(department, has);
  }
  return has;
}

function officesOf(s: TargetSummary, c: Compiled, ctx: DocContext): readonly Office[] {
  if (!s.hasGeneric) return s.titleOffices;
  const dept = ctx.department ?? ctx.weakDepartment;
  const secretaries = dept ? (c.secretariesByDepartment.get(dept) ?? []) : [];
  return secretaries.length === 0 ? s.titleOffices : [...s.titleOffices, ...secretaries];
}

function isTimeBefore(b0: Neighbour | undefined): boolean {
  // "12:35 PM", "10 PM", "9.30 PM"
  return !!b0 && /^\d/.test(b0.raw) && /^[\s.]{0,2}$/.test(b0.gap);
}

/** A character the regex class \s matches (white space and line terminators as JavaScript defines them). */
function isRegExpSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** /^[\s“”"‘]+$/.test(gap), without a regex call (it runs at every word a title's determiner check reads). */
function quotesOrSpace(gap: string): boolean {
  if (gap.length === 0) return false;
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (!isRegExpSpace(c) && c !== 0x201c && c !== 0x201d && c !== 0x22 && c !== 0x2018) return false;
  }
  return true;
}

/** /\d/.test(raw): an ASCII digit anywhere. */
function hasDigit(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** The chain of words before a title, skipping plain lower-case adjectives ("an effective prime minister"). */
function determinerBefore(before: Words): Neighbour | undefined {
  for (let i = 0; i < 5; i++) {
    const w = before.at(i);
    if (!w) return undefined;
    if (!quotesOrSpace(w.gap)) return undefined;
    if (GENERIC_DETERMINERS.has(w.folded) || POSSESSIVE_PRONOUNS.has(w.folded) || w.folded === 'the') return w;
    if (capitalised(w.raw) || hasDigit(w.raw)) return undefined;
  }
  return undefined;
}

/** Verbs after "as <title>" that make the title a subject ("as Prime Minister launches"), unlike "is/was/has" which more often follow a predicate ("his appointment as Foreign Secretary was ..."). */
const FINITE_VERBS = new Set(['will', 'would', 'can', 'could', 'should', 'must', 'says', 'said', 'tells', 'told', 'warns', 'warned', 'visits', 'visited', 'announces', 'announced', 'unveils', 'unveiled', 'launches', 'launched']);
const NOT_VERBS_IN_S = new Set(['his', 'this', 'its', 'as', 'us', 'was', 'thus', 'plus', 'across', 'less', 'unless', 'whereas', 'yes']);

/** "as Prime Minister launches ...": the title is the subject of a verb, not a predicate. */
function subjectOfVerb(a0: Neighbour | undefined): boolean {
  if (!a0 || !plainGap(a0.gap) || capitalised(a0.raw)) return false;
  return FINITE_VERBS.has(a0.folded) || (a0.folded.length > 3 && a0.folded.endsWith('s') && !a0.folded.endsWith('ss') && !NOT_VERBS_IN_S.has(a0.folded));
}

/** "British Prime Minister", "UK Defence Secretary": the title says it is the UK's own. */
function ukQualified(b0: Neighbour | undefined, m: RawMatch): boolean {
  return (!!b0 && spaceGap(b0.gap) && UK_QUALIFIERS.has(b0.folded)) || m.words.some((w) => UK_QUALIFIERS.has(w));
}

export function resolveRole(text: string, m: RawMatch, next: RawMatch | undefined, c: Compiled, ctx: DocContext): RoleOutcome {
  const raw = text.slice(m.start, m.end);
  const s = m.summary;
  const generic = s.hasGeneric;
  const short = m.words.length === 1 && m.words[0]!.length <= 3;
  // "PM", "DPM": written in capitals, else it is "pm" the time.
  if (short && !allCaps(raw)) return { linked: false, reason: 'lower-case abbreviation' };
  // A bare "Secretary of State" in capitals only (US style writes "the secretary of state").
  if (generic && !/^Secretary/.test(raw)) return { linked: false, reason: 'lower-case generic title' };

  const before = new Words(text, m.start, false, 6);
  const b0 = before.at(0);
  const after = new Words(text, m.end, true, 3);
  const a0 = after.at(0);

  if (short && (isTimeBefore(b0) || (a0 && spaceGap(a0.gap) && TIME_ZONES.has(a0.folded)))) return { linked: false, reason: 'time of day' };

  const offices = officesOf(s, c, ctx);
  const titleOffices = s.titleOffices;
  // The document is about this department from here on, whatever happens to this use.
  const departments = s.departments;

  if (b0 && (spaceGap(b0.gap) || /^\s*-\s*$/.test(b0.gap))) {
    if (NOT_CURRENT_BEFORE_TITLE.has(b0.folded)) {
      noteDepartmentOf(departments, c, ctx);
      return { linked: false, reason: b0.folded === 'shadow' ? 'shadow' : 'not the current holder' };
    }
  }
  // Foreign: "Israeli Prime Minister", "Australia's prime minister", "US Secretary of State".
  // The second word before is read only when a check needs it (most titles are settled by the first).
  const foreignWord =
    b0 && spaceGap(b0.gap) && FOREIGN_QUALIFIERS.has(b0.folded)
      ? b0
      : b0 && b0.folded === 's' && /^\s+$/.test(b0.gap) && before.at(1) && /^['’]$/.test(before.at(1)!.gap) && FOREIGN_QUALIFIERS.has(before.at(1)!.folded)
        ? before.at(1)
        : undefined;
  if (foreignWord && (capitalised(foreignWord.raw) || SUBNATIONAL_QUALIFIERS.has(foreignWord.folded))) {
    // A foreign government's office: later bare uses in this document are that government's too. A devolved
    // or federal-state office ("Scottish Transport Secretary") says nothing about later bare titles.
    if (!SUBNATIONAL_QUALIFIERS.has(foreignWord.folded)) {
      for (const o of offices) ctx.foreignOffices.add(o.id);
      for (const o of titleOffices) ctx.foreignOffices.add(o.id);
    }
    return { linked: false, reason: 'foreign office' };
  }

  // "Prime Minister of Israel".
  if (a0 && a0.folded === 'of' && spaceGap(a0.gap)) {
    const a1 = after.at(1);
    const a2 = after.at(2);
    const place = a1 && a1.folded === 'the' ? a2 : a1;
    if (place && capitalised(place.raw) && !UK_QUALIFIERS.has(place.folded) && place.folded !== 'united' && place.folded !== 'great') {
      return { linked: false, reason: 'office of another place' };
    }
  }

  const det = determinerBefore(before);
  if (det && det.folded !== 'the') {
    noteDepartmentOf(departments, c, ctx);
    return { linked: false, reason: POSSESSIVE_PRONOUNS.has(det.folded) ? "someone's own minister" : 'generic' };
  }
  if (det && det.folded === 'the' && b0 && b0 !== det && ORDINALS.has(b0.folded)) return { linked: false, reason: 'generic' };
  const b1 = b0 && (PREDICATE_ADJECTIVES.has(b0.folded) || b0.folded === 'of' || b0.folded === 'the') ? before.at(1) : undefined;
  const predicate = b0 && PREDICATE_ADJECTIVES.has(b0.folded) && b1 && spaceGap(b1.gap) && PREDICATIVE_BEFORE_TITLE.has(b1.folded) ? b1 : b0;
  if (!det && predicate && spaceGap(predicate.gap) && PREDICATIVE_BEFORE_TITLE.has(predicate.folded) && !(predicate.folded === 'as' && subjectOfVerb(a0))) {
    noteDepartmentOf(departments, c, ctx);
    return { linked: false, reason: 'predicative' };
  }
  if (b0 && b0.folded === 'of' && b1 && ROLE_NOUNS.has(b1.folded)) return { linked: false, reason: 'the office itself' };
  if (b0 && b0.folded === 'the' && b1 && b1.folded === 'of' && before.at(2) && ROLE_NOUNS.has(before.at(2)!.folded)) {
    return { linked: false, reason: 'the office itself' };
  }

  if (ctx.foreignOffices.size > 0 && !ukQualified(b0, m) && offices.some((o) => ctx.foreignOffices.has(o.id))) {
    return { linked: false, reason: 'foreign in this document' };
  }

  // A name right after the title: "Business Secretary Jonathan Reynolds", "Prime Minister Benjamin Netanyahu".
  let nameFollows = false;
  if (a0 && !allCaps(raw)) {
    const comma = /^,\s{1,2}$/.test(a0.gap);
    if ((plainGap(a0.gap) || comma) && capitalised(a0.raw)) {
      const isPerson = next && next.start === a0.start && next.targets.some((t) => t.t === 'person-full' || t.t === 'person-short');
      if (isPerson) nameFollows = true;
      else if (!comma && !CAPITALISED_FOLLOWERS_OK.has(a0.folded) && !HEADLINE_WORDS.has(a0.folded)) return { linked: false, reason: "someone else's title" };
      else if (comma && after.at(1) && plainGap(after.at(1)!.gap) && capitalised(after.at(1)!.raw) && !CAPITALISED_FOLLOWERS_OK.has(a0.folded)) {
        return { linked: false, reason: "someone else's title" };
      }
    }
  }

  let holding: Holding | undefined;
  if (generic) {
    if (!ctx.department && !ctx.weakDepartment) return { linked: false, reason: 'no department known' };
    holding = holderOf(c, offices, ctx.date);
  } else {
    const cacheKey = m.key;
    const cached = ctx.holderCache.get(cacheKey);
    if (cached !== undefined) holding = cached ?? undefined;
    else {
      holding = holderOf(c, offices, ctx.date);
      ctx.holderCache.set(cacheKey, holding ?? null);
    }
    noteDepartmentOf(departments, c, ctx);
  }
  if (!holding) return { linked: false, reason: 'no single holder on the date' };
  // With a name beside it, the title only vouches for the holder when the name is theirs ("Rail Minister Hendy").
  const holderId = holding.person.id;
  if (!nameFollows || next?.targets.some((t) => (t.t === 'person-short' || t.t === 'person-full') && t.person.id === holderId)) {
    ctx.establish(holderId);
  }
  return { linked: true, holding, nameFollows };
}
