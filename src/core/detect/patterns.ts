/**
 * Compiles a KnowledgeBase into what the scanner and the resolvers need, once per detector: the word trie of
 * every surface (names, aliases, short forms, surnames, office titles, department names), the trie of
 * honorific prefixes ("Rt Hon", "Sir", "The Right Honourable Dame"), and the anchor set of first words.
 */
import type { KnowledgeBase } from '../knowledge/query';
import type { Entity, Office, Person } from '../knowledge/schema';
import { foldWords } from './normalise';
import { ANCHOR_MAIN, ANCHOR_PREFIX, AnchorSet } from './scan';
import { edgeKey, WordTrie } from './trie';

export type Target =
  /** A person's full name ("Jonathan Reynolds", "Sir Keir Starmer"): identifies them on its own. */
  | { t: 'person-full'; person: Person; honorific: boolean }
  /** A short form ("Mr Reynolds", "Sir Keir", "Lord Hendy") or the bare surname: needs context. */
  | { t: 'person-short'; person: Person; honorific: boolean; surname: boolean }
  /** An organisation or place ("Hitachi Rail", "Aycliffe"); distinct ones are matched, never returned. */
  | { t: 'org'; entity: Entity; alias: boolean; distinct: boolean }
  /** An office title ("Transport Secretary", "PM", "the rail minister"). */
  | { t: 'title'; offices: Office[]; surface: string }
  /** "Secretary of State" alone: the secretary of whichever department the document is about. */
  | { t: 'generic-secretary' }
  /** A department's name ("Department for Transport"): tells the document's department. */
  | { t: 'department'; department: string }
  /** A capitalised word only one department's titles use ("Rail", "Defence"): a weak hint of the department. */
  | { t: 'topic'; departments: string[] };

/** Words that make a short form an honorific one. */
export const HONORIFIC_WORDS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'baroness', 'baron', 'professor', 'prof',
]);

export { ANCHOR_MAIN, ANCHOR_PREFIX } from './scan';

/** Parliamentary styles that may precede a name (after an optional "The", looked up separately). */
const STYLE_PREFIXES = ['rt hon', 'right hon', 'right honourable', 'rt honourable'];

export interface Compiled {
  kb: KnowledgeBase;
  main: WordTrie<Target>;
  /** Honorific prefixes; a terminal's target is `true`. */
  prefixes: WordTrie<true>;
  anchors: AnchorSet;
  /** Persons by folded surname, for "another person of that name" checks. */
  surnames: Set<string>;
  /** Secretary-of-State offices by department name. */
  secretariesByDepartment: Map<string, Office[]>;
  /** First words of every person's full names (to tell "Jonathan Reynolds" from "Ryan Reynolds"). */
  firstNames: Set<string>;
  /** Folded words used in office titles ("secretary", "minister", "prime"), for neighbour checks. */
  titleWords: Set<string>;
}

function sameTarget(a: Target, b: Target): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'person-full':
    case 'person-short':
      return a.person.id === (b as typeof a).person.id;
    case 'org':
      return a.entity.id === (b as typeof a).entity.id;
    case 'title':
      return a.surface === (b as typeof a).surface;
    case 'generic-secretary':
      return true;
    case 'department':
      return a.department === (b as typeof a).department;
    case 'topic':
      return true;
  }
}

/** Title words that say nothing about which department is meant. */
const NOT_TOPIC_WORDS = new Set([
  'secretary', 'minister', 'state', 'parliamentary', 'under', 'chief', 'deputy', 'senior', 'junior', 'lord', 'lords',
  'president', 'leader', 'house', 'first', 'prime', 'office', 'general', 'without', 'portfolio', 'british', 'department',
  'ministry', 'commons', 'council', 'affairs', 'policy', 'future', 'local', 'security', 'people', 'communities', 'development',
  'home', 'work', 'trade', 'international', 'cabinet', 'chancellor', 'whip', 'government', 'united', 'kingdom',
  'small', 'armed', 'northern', 'scottish', 'welsh', 'scotland', 'wales', 'senior', 'veterans',
]);

/** A department's name without the history note some files add in brackets. */
export function departmentName(department: string): string {
  return department.replace(/\s*\(.*\)\s*$/, '').trim();
}

function startsWithHonorific(surface: string): boolean {
  const w = foldWords(surface);
  return w.length > 1 && HONORIFIC_WORDS.has(w[0]!.word);
}

export function compile(kb: KnowledgeBase): Compiled {
  const main = new WordTrie<Target>();
  const prefixes = new WordTrie<true>();
  const surnames = new Set<string>();
  const firstNames = new Set<string>();
  const titleWords = new Set<string>();
  const add = (surface: string, target: Target): void => {
    main.add(surface, target, sameTarget);
  };

  for (const e of kb.entities) {
    if (e.type === 'person') {
      for (const full of [e.name, ...e.names]) {
        add(full, { t: 'person-full', person: e, honorific: startsWithHonorific(full) });
        const w = foldWords(full);
        if (w.length > 1 && !HONORIFIC_WORDS.has(w[0]!.word)) firstNames.add(w[0]!.word);
      }
      for (const short of e.shortForms) {
        add(short, { t: 'person-short', person: e, honorific: startsWithHonorific(short), surname: false });
      }
      add(e.surname, { t: 'person-short', person: e, honorific: false, surname: true });
      surnames.add(foldWords(e.surname).map((w) => w.word).join(' '));
    } else {
      add(e.name, { t: 'org', entity: e, alias: false, distinct: e.scope === 'distinct' });
      for (const a of e.aliases) add(a, { t: 'org', entity: e, alias: true, distinct: e.scope === 'distinct' });
    }
  }

  const secretariesByDepartment = new Map<string, Office[]>();
  for (const title of kb.allTitles()) {
    const offices = kb.officesForTitle(title);
    if (offices.length === 0) continue;
    add(title, { t: 'title', offices, surface: title });
    for (const w of foldWords(title)) titleWords.add(w.word);
  }
  const topics = new Map<string, Set<string>>();
  for (const o of kb.offices) {
    const dept = departmentName(o.department);
    add(dept, { t: 'department', department: dept });
    if (/^secretary of state\b/i.test(o.name)) {
      const list = secretariesByDepartment.get(dept) ?? [];
      list.push(o);
      secretariesByDepartment.set(dept, list);
    }
    // The word that names the department's field in its short title: "Transport" Secretary, "Rail" Minister.
    const short = foldWords(o.shortName);
    const word = short[0]?.word;
    if (short.length === 2 && word && word.length >= 4 && !NOT_TOPIC_WORDS.has(word) && /^(secretary|minister)$/.test(short[1]!.word)) {
      const set = topics.get(word) ?? new Set<string>();
      set.add(dept);
      topics.set(word, set);
    }
  }
  for (const [word, depts] of topics) {
    add(word, { t: 'topic', departments: [...depts] });
  }
  if (kb.officesForTitle('Secretary of State').length === 0) add('Secretary of State', { t: 'generic-secretary' });
  for (const w of ['secretary', 'minister', 'chancellor', 'state']) titleWords.add(w);

  for (const style of STYLE_PREFIXES) {
    prefixes.add(style, true);
    for (const h of HONORIFIC_WORDS) prefixes.add(`${style} ${h}`, true);
  }
  for (const h of HONORIFIC_WORDS) prefixes.add(h, true);

  const anchors = new AnchorSet();
  for (const h of main.firstWordHashes) anchors.add(h, ANCHOR_MAIN, main.root.next?.get(edgeKey(undefined, h)));
  for (const h of prefixes.firstWordHashes) anchors.add(h, ANCHOR_PREFIX, prefixes.root.next?.get(edgeKey(undefined, h)));
  return { kb, main, prefixes, anchors, surnames, secretariesByDepartment, firstNames, titleWords };
}
