/**
 * Finds candidate matches in a chunk: at each anchor word, the longest surface of the trie, or an honorific
 * prefix ("The Rt Hon", "Sir") followed by a person's full name (then with a trailing "MP"). Matches do not
 * overlap; after a match the scan resumes at its end, so the longest surface wins ("Hitachi Energy" is one
 * match, never "Hitachi").
 */
import { ANCHOR_MAIN, ANCHOR_PREFIX, type Compiled, type Target } from './patterns';
import { allCaps, plainGap, wordsAfter, wordsBefore } from './neighbours';
import { childAt, firstChild, readSep, readWordHash, scanWords, sepFound, walk, walkEnd, walkOn, wordEnd, wordLetters, type Anchor, type AnchorSink, type ScanStats } from './scan';
import type { TrieNode } from './trie';
import { summaryOf, type TargetSummary } from './targets';
import type { Sep } from './normalise';

export interface RawMatch {
  start: number;
  end: number;
  targets: Target[];
  /** Folded words of the surface (without a prefix). */
  words: readonly string[];
  /** The words joined by spaces ("prime minister"). */
  key: string;
  /** summaryOf(targets). */
  summary: TargetSummary;
  /** Matched through an honorific prefix: targets are full names only. */
  prefixed: boolean;
}

/** Letters after a name that belong to a styled name's span. */
const POST_NOMINALS = new Set(['MP', 'KC', 'QC', 'KCB', 'GCB', 'CB', 'KBE', 'DBE', 'CBE', 'OBE', 'MBE', 'PC', 'FRS', 'MSP', 'MS', 'MLA', 'MEP', 'DL', 'JP']);

const hasFullName = (node: TrieNode<Target>): boolean => node.targets!.some((t) => t.t === 'person-full');

/** A node's full-name targets, kept per node so that every "Sir Keir Starmer" shares one list (and its summary). */
const fullNames = new WeakMap<TrieNode<Target>, Target[]>();
function fullNameTargets(node: TrieNode<Target>): Target[] {
  let list = fullNames.get(node);
  if (list === undefined) {
    list = node.targets!.filter((t) => t.t === 'person-full');
    fullNames.set(node, list);
  }
  return list;
}

const NO_TARGETS: Target[] = [];
const NO_SUMMARY = summaryOf(NO_TARGETS);

/** The summary of a terminal's targets, kept on the node (every match of a surface shares it). */
function summaryAt(node: TrieNode<Target>): TargetSummary {
  let s = node.memo as TargetSummary | undefined;
  if (s === undefined) node.memo = s = summaryOf(node.targets!);
  return s;
}
const NO_WORDS: readonly string[] = [];

/**
 * The longest match at an anchor word text[start, end), written into `into`; false when there is none.
 * Writing into a reused object instead of returning a new one matters: every match of a text stays alive
 * until the text is resolved, so V8 allocates such objects in its old generation, and that allocation cost
 * more than the walk itself on prose (8% of all the time).
 */
function matchAt(text: string, start: number, end: number, anchor: Anchor, c: Compiled, into: RawMatch, stats?: ScanStats): boolean {
  const flags = anchor.flags;
  let found = false;
  let bestStart = start;
  let bestEnd = 0;
  let bestTargets = NO_TARGETS;
  let bestWords = NO_WORDS;
  let bestKey = '';
  let bestSummary = NO_SUMMARY;
  let prefixed = false;
  if (flags & ANCHOR_MAIN) {
    // The scanner has read the first word: start from the root's child for it.
    const first = firstChild(anchor.main as TrieNode<Target> | undefined, text, start, end);
    const direct = first ? walkOn(text, first, end, stats) : undefined;
    if (direct) {
      found = true;
      bestEnd = walkEnd;
      bestTargets = direct.targets!;
      bestWords = direct.path;
      bestKey = direct.key;
      bestSummary = summaryAt(direct);
    }
  }

  if (flags & ANCHOR_PREFIX) {
    // Honorific prefixes: collect every prefix end, then look for a full name after it.
    let node = c.prefixes.root;
    let pos = start;
    let sep: Sep | undefined;
    let firstPrefixWord: string | undefined;
    for (let depth = 0; depth < 6; depth++) {
      const hash = readWordHash(text, pos, stats);
      const end = wordEnd;
      if (wordLetters === 0) break;
      const child = childAt(node, sep, hash, text, pos, end);
      if (!child) break;
      node = child;
      firstPrefixWord ??= child.word;
      const next = readSep(text, end, child.word, stats);
      if (next < 0) break;
      const nextSep = sepFound;
      if (node.targets) {
        const name = walk(text, next, c.main.root, stats, hasFullName);
        if (name && (!found || walkEnd > bestEnd)) {
          found = true;
          bestEnd = walkEnd;
          bestTargets = fullNameTargets(name);
          bestWords = name.path;
          bestKey = name.key;
          bestSummary = summaryOf(bestTargets);
          prefixed = true;
        }
      }
      if (!node.next) break;
      sep = nextSep;
      pos = next;
    }
    if (prefixed) {
      if (firstPrefixWord === 'rt' || firstPrefixWord === 'right') {
        const before = wordsBefore(text, bestStart, 1)[0];
        if (before && before.folded === 'the' && plainGap(before.gap)) bestStart = before.start;
      }
      // Post-nominals after a styled name: "The Rt Hon Sir Keir Starmer KCB KC MP".
      for (const w of wordsAfter(text, bestEnd, 5)) {
        if (!POST_NOMINALS.has(w.raw) || !/^,? $/.test(w.gap)) break;
        bestEnd = w.end;
      }
    }
  }
  if (!found) return false;
  into.start = bestStart;
  into.end = bestEnd;
  into.targets = bestTargets;
  into.words = bestWords;
  into.key = bestKey;
  into.summary = bestSummary;
  into.prefixed = prefixed;
  return true;
}

/**
 * The matches of the last `collectMatches` call, in `matchList[0 .. count)`. The objects are reused by the
 * next call: read them before detecting another text, and keep none.
 */
export const matchList: RawMatch[] = [];

/** Most match objects kept for reuse between calls (a huge text should not pin its matches' worth forever). */
const KEEP_MATCHES = 4096;

/** Collects the matches of one scan; one instance serves every call (detection is synchronous). */
class Collector implements AnchorSink {
  text = '';
  c: Compiled | undefined;
  stats: ScanStats | undefined;
  count = 0;

  onAnchor(start: number, end: number, anchor: Anchor): number {
    let m = matchList[this.count];
    if (m === undefined) {
      m = { start: 0, end: 0, targets: NO_TARGETS, words: NO_WORDS, key: '', summary: NO_SUMMARY, prefixed: false };
      matchList.push(m);
    }
    if (!matchAt(this.text, start, end, anchor, this.c!, m, this.stats)) return end;
    this.count++;
    return m.end;
  }
}

const collector = new Collector();

/**
 * Finds every candidate match in `text`, in order, not overlapping, into `matchList`; returns how many.
 * Allocates nothing once the list has grown (the content script sends many small parts).
 */
export function collectMatches(text: string, c: Compiled, stats?: ScanStats): number {
  const col = collector;
  if (matchList.length > KEEP_MATCHES) matchList.length = KEEP_MATCHES;
  col.text = text;
  col.c = c;
  col.stats = stats;
  col.count = 0;
  scanWords(text, c.anchors, col, stats);
  // Hold on to nothing of this text.
  col.text = '';
  return col.count;
}

export { allCaps };
