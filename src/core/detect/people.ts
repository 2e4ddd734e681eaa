/**
 * Who a person-shaped match names. A full name ("Jonathan Reynolds", "The Rt Hon John Healey MP") names its
 * person and establishes them for the rest of the document. A short form ("Mr Reynolds", "Sir Keir") or a
 * bare surname ("Reynolds") links when the document has made clear who is meant: the person was named in
 * full or resolved from a role earlier, and no one else of that surname has appeared since. Failing that, a
 * sitting minister is recognised from the article's date alone: an honorific short form of anyone in office,
 * or the bare surname of a cabinet minister in a text about politics, unless the text gives a sign of another
 * person ("Ryan Reynolds", "Cooper Neill", "Mr. Reeves" for a woman, "The Hague", "May" the month, or an
 * everyday word opening a sentence: "Hunt for ...").
 */
import type { KnowledgeBase } from '../knowledge/query';
import type { Person } from '../knowledge/schema';
import type { DocContext } from './context';
import {
  CAPITALISED_NON_NAMES,
  MAY_VERB_FOLLOWERS,
  MONTH_CONTEXT_AFTER,
  MONTH_CONTEXT_BEFORE,
  MONTH_JOINERS,
  MONTHS,
  WORD_SURNAMES,
  COMMON_SURNAMES,
} from './lexicon';
import type { RawMatch } from './matcher';
import { allCaps, capitalised, plainGap, possessiveAt, sentenceStart, spaceGap, Words, type Neighbour } from './neighbours';
import { foldWords } from './normalise';
import { HONORIFIC_WORDS, type Compiled } from './patterns';

export interface PersonHit {
  person: Person;
  kind: 'name' | 'honorific';
  start: number;
  end: number;
}

const surnameKeys = new WeakMap<Person, string>();

export function surnameKey(p: Person): string {
  let key = surnameKeys.get(p);
  if (key === undefined) {
    key = foldWords(p.surname)
      .map((w) => w.word)
      .join(' ');
    surnameKeys.set(p, key);
  }
  return key;
}

function isDigits(s: string): boolean {
  return /^\d/.test(s);
}

function monthOrNumber(w: Neighbour | undefined): boolean {
  return !!w && (MONTHS.has(w.folded) || isDigits(w.raw));
}

/** "May" the month: "in May", "5 May", "May 2017", "April to May", "May and June", sentence-initial "May we". */
export function looksLikeMonth(text: string, m: RawMatch): boolean {
  if (m.words.length !== 1 || !MONTHS.has(m.words[0]!)) return false;
  // Words are read only as far as the checks ask (the second on each side rarely).
  const before = new Words(text, m.start, false, 2);
  const after = new Words(text, m.end, true, 2);
  const b0 = before.at(0);
  const a0 = after.at(0);
  if (b0 && isDigits(b0.raw) && /^[\s,]{0,3}$/.test(b0.gap)) return true;
  if (a0 && isDigits(a0.raw) && /^[\s,]{1,3}$/.test(a0.gap)) return true;
  // "of May's deal", "by May's allies": with a possessive, prepositions no longer point to the month.
  const possessive = possessiveAt(text, m.end);
  const weakPreposition = possessive && (b0?.folded === 'of' || b0?.folded === 'by' || b0?.folded === 'on' || b0?.folded === 'from' || b0?.folded === 'before' || b0?.folded === 'after');
  if (b0 && spaceGap(b0.gap) && !weakPreposition && (MONTH_CONTEXT_BEFORE.has(b0.folded) || MONTHS.has(b0.folded))) return true;
  if (b0 && spaceGap(b0.gap) && MONTH_JOINERS.has(b0.folded) && monthOrNumber(before.at(1))) return true;
  if (b0 && /^\s*[-–/]\s*$/.test(b0.gap) && monthOrNumber(b0)) return true;
  if (a0 && spaceGap(a0.gap) && (MONTH_CONTEXT_AFTER.has(a0.folded) || MONTHS.has(a0.folded))) return true;
  if (a0 && spaceGap(a0.gap) && MONTH_JOINERS.has(a0.folded) && monthOrNumber(after.at(1))) return true;
  if (a0 && /^\s*[-–/]\s*$/.test(a0.gap) && monthOrNumber(a0)) return true;
  // "May I ask", "May we": the verb, at the start of a sentence.
  if (a0 && spaceGap(a0.gap) && MAY_VERB_FOLLOWERS.has(a0.folded) && !possessive && sentenceStart(text, m.start)) return true;
  return false;
}

/** Words that say a text is about UK politics. */
const POLITICAL_WORDS =
  /\b(?:[Pp]olitic(?:s|al|ian|ians)|[Gg]overnment|[Mm]inisters?|[Mm]inisterial|MPs?|Labour|Tor(?:y|ies)|Conservatives?|Lib Dems?|Reform UK|SNP|Commons|[Cc]abinet|Downing Street|No 10|Number 10|Westminster|Whitehall|Budget|Treasury|Parliament(?:ary)?|[Ee]lections?|Brexit|[Ss]hadow|Secretary|Chancellor|[Pp]rime [Mm]inister|(?<![\d.:] ?)PM|[Pp]olicy|[Rr]eshuffle|Holyrood|Senedd|[Mm]inistry|Department for|[Ll]eadership|PMQs|Speaker)\b/;

/** The same words in headline capitals. */
const POLITICAL_WORDS_CAPS =
  /\b(?:POLITICS|GOVERNMENT|MINISTERS?|MPS?|LABOUR|TOR(?:Y|IES)|CONSERVATIVES?|COMMONS|CABINET|DOWNING STREET|WESTMINSTER|WHITEHALL|BUDGET|TREASURY|PARLIAMENT|ELECTIONS?|BREXIT|SHADOW|SECRETARY|CHANCELLOR|PRIME MINISTER|PMQS|RESHUFFLE)\b/;

/** The document has shown it is about politics, or the words around this match do (bounded window). */
function politicalContext(text: string, m: RawMatch, ctx: DocContext): boolean {
  if (ctx.political) return true;
  const window = text.slice(Math.max(0, m.start - 300), Math.min(text.length, m.end + 300));
  if (POLITICAL_WORDS.test(window) || POLITICAL_WORDS_CAPS.test(window)) ctx.political = true;
  return ctx.political;
}

function mostRecentlyEstablished(ctx: DocContext, persons: Person[], after: number): Person | undefined {
  let best: Person | undefined;
  let bestSeq = after;
  for (const p of persons) {
    const seq = ctx.established.get(p.id);
    if (seq !== undefined && seq > bestSeq) {
      best = p;
      bestSeq = seq;
    }
  }
  return best;
}

function holdsOffice(kb: KnowledgeBase, p: Person, ctx: DocContext, cabinetOnly: boolean): boolean {
  return ctx.officesHeld(kb, p.id).some((h) => !cabinetOnly || h.office.cabinet);
}

/** A full name or an honorific with a full name. */
export function resolveFullName(text: string, m: RawMatch, c: Compiled, ctx: DocContext): PersonHit | undefined {
  const persons = m.summary.persons;
  if (persons.length === 0) return undefined;
  const raw = text.slice(m.start, m.end);
  if (!capitalised(raw)) return undefined;
  // Several people of one name: prefer one in office that day.
  const pick = persons.find((t) => holdsOffice(c.kb, t.person, ctx, false)) ?? persons[0]!;
  // A full name with a common surname ("David Jones", "Gareth Thomas", "Michael Moore") names someone else in
  // a text that is not about politics; a styled name ("The Rt Hon ...", "Sir ...") is political on its own.
  if (!m.prefixed && !pick.honorific && COMMON_SURNAMES.has(m.words.at(-1)!) && !politicalContext(text, m, ctx)) return undefined;
  ctx.political = true;
  ctx.establish(pick.person.id);
  return { person: pick.person, kind: m.prefixed || pick.honorific ? 'honorific' : 'name', start: m.start, end: m.end };
}

/** Records "Ryan Reynolds"-like names: the surname belongs to someone else from here on. */
function noteOtherPerson(ctx: DocContext, surname: string): void {
  ctx.otherPeople.set(surname, ctx.tick());
}

/** A short form or bare surname. */
export function resolveShortForm(text: string, m: RawMatch, c: Compiled, ctx: DocContext): PersonHit | undefined {
  const shorts = m.summary.shorts;
  if (shorts.length === 0) return undefined;
  const raw = text.slice(m.start, m.end);
  if (!capitalised(raw)) return undefined;
  const honorific = m.summary.shortHonorific;
  const caps = allCaps(raw);
  const key = surnameKey(shorts[0]!.person);

  if (!honorific) {
    const before = new Words(text, m.start, false, 1).at(0);
    const after = new Words(text, m.end, true, 1).at(0);
    // "Mr. Reeves" when no such short form is known for any Reeves: another person, or a form we cannot vouch for.
    if (before && HONORIFIC_WORDS.has(before.folded) && /^\.?\s{1,2}$/.test(before.gap)) return undefined;
    // "The Hague", "the Long Parliament": an article before a bare surname makes it a thing, not a person.
    if (before && (before.folded === 'the' || before.folded === 'a' || before.folded === 'an') && plainGap(before.gap)) return undefined;
    if (!caps) {
      // Someone else's first name before the surname: "Ryan Reynolds", "Denis Healey".
      const b = before;
      if (b && plainGap(b.gap) && capitalised(b.raw) && !allCaps(b.raw) && !CAPITALISED_NON_NAMES.has(b.folded) && !c.titleWords.has(b.folded)) {
        noteOtherPerson(ctx, key);
        return undefined;
      }
      // The surname is itself someone's first name or part of a longer name: "Cooper Neill", "Kyle Walker".
      if (after && plainGap(after.gap) && capitalised(after.raw) && !allCaps(after.raw) && !possessiveAt(text, m.end)) return undefined;
    }
    if (looksLikeMonth(text, m)) return undefined;
  }

  if (honorific && !caps) {
    // "Sir Alan Sugar", "Lady Victoria Hervey": the short form is the start of someone else's longer name.
    const after = new Words(text, m.end, true, 1).at(0);
    if (after && plainGap(after.gap) && capitalised(after.raw) && !allCaps(after.raw) && !possessiveAt(text, m.end)) return undefined;
  }

  const persons = m.summary.shortPersons;
  const other = ctx.otherPeople.get(key) ?? -1;
  const known = mostRecentlyEstablished(ctx, persons, other);
  if (known) {
    ctx.establish(known.id);
    return { person: known, kind: honorific ? 'honorific' : 'name', start: m.start, end: m.end };
  }
  if (other >= 0) return undefined;
  // Not established: a sitting minister the reader would recognise from the date alone, in a text about
  // politics (a football report's "Kane" or "Reeves, the physio" is someone else).
  if (!honorific && !politicalContext(text, m, ctx)) return undefined;
  if (!honorific && !possessiveAt(text, m.end) && sentenceStart(text, m.start) && WORD_SURNAMES.has(m.key)) return undefined;
  let sitting = persons.filter((p) => holdsOffice(c.kb, p, ctx, !honorific));
  // Two sitting ministers of one surname: the one in a single-holder office (the Chancellor) is the one news
  // names by surname alone, not the one of several Ministers without Portfolio.
  if (sitting.length > 1) sitting = sitting.filter((p) => ctx.officesHeld(c.kb, p.id).some((h) => h.office.holders === 'single' && (honorific || h.office.cabinet)));
  if (sitting.length !== 1) return undefined;
  ctx.establish(sitting[0]!.id);
  return { person: sitting[0]!, kind: honorific ? 'honorific' : 'name', start: m.start, end: m.end };
}
