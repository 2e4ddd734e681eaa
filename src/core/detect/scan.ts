/**
 * The scanner: one pass over the text, one table read per character (long runs of white space, which page
 * text is full of, are skipped by the native regex engine instead). It folds each word on the fly into a
 * 32-bit hash and only when that hash is the first word of some surface (a 64 Ki-entry bitmap, then a map)
 * does it read words and walk the trie. The walk from one word reads at most `maxWords` words ahead, so the
 * total work is linear in the length of the text. Nothing here allocates per word or per match.
 */
import {
  FOLD_TABLE,
  IGNORABLE,
  isApostropheCode,
  isHyphenCode,
  isSpaceCode,
  NOT_WORD,
  type Sep,
} from './normalise';
import { edgeKey, type TrieNode } from './trie';

/** Work counters, used by the property tests to check that cost grows linearly with the text. */
export interface ScanStats {
  /** Characters read, by the fast loop and by every closer look. */
  charsRead: number;
}

/** Words after which a dot does not end the phrase ("Mr. Reeves", "Rt. Hon. John Healey"). */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'rt', 'hon', 'prof', 'sen', 'gen', 'rev', 'col', 'capt', 'lt', 'messrs']);

/**
 * Reads the word starting at `start` without building a string: returns its hash (hashWord of its folded
 * form) and leaves its end in `wordEnd`; the trie compares the text with its own words (see `foldedEquals`),
 * so walking a phrase allocates nothing per word. `wordLetters` is the number of non-ignorable characters
 * (0: no word here).
 */
export let wordEnd = 0;
export let wordLetters = 0;

export function readWordHash(text: string, start: number, stats?: ScanStats): number {
  const n = text.length;
  const fold = FOLD_TABLE;
  let i = start;
  let h = 0;
  let letters = 0;
  for (; i < n; i++) {
    const f = fold[text.charCodeAt(i)]!;
    if (f === NOT_WORD) break;
    if (f !== IGNORABLE) {
      h = (Math.imul(h, 31) + f) | 0;
      letters++;
    }
  }
  if (stats) stats.charsRead += i - start;
  wordEnd = i;
  wordLetters = letters;
  return h;
}

/** True when text[start, end) folds to `word` (ignorable characters skipped). */
export function foldedEquals(text: string, start: number, end: number, word: string): boolean {
  const fold = FOLD_TABLE;
  let k = 0;
  for (let i = start; i < end; i++) {
    const f = fold[text.charCodeAt(i)]!;
    if (f === IGNORABLE) continue;
    if (k >= word.length || word.charCodeAt(k) !== f) return false;
    k++;
  }
  return k === word.length;
}

/** The child of `node` along the word text[start, end) (hash `hash`) after separator `sep`. */
export function childAt<T>(node: TrieNode<T>, sep: Sep | undefined, hash: number, text: string, start: number, end: number): TrieNode<T> | undefined {
  const key = edgeKey(sep, hash);
  let c = node.only !== undefined ? (node.onlyKey === key ? node.only : undefined) : node.next?.get(key);
  while (c !== undefined && (c.sep !== sep || !foldedEquals(text, start, end, c.word))) c = c.collide;
  return c;
}

/** The separator `readSep` found (valid when it returned a position). */
export let sepFound: Sep = ' ';

/**
 * Reads the separator after a word ending at `pos`: white space of any length (line breaks, no-break
 * spaces), a hyphen (optionally followed by a line break), an apostrophe, or a dot after an abbreviation.
 * Returns where the next word starts and leaves the separator in `sepFound`, or returns -1 when the phrase
 * cannot go on. Allocates nothing: it runs at every word of every candidate phrase.
 */
export function readSep(text: string, pos: number, prevWord: string, stats?: ScanStats): number {
  const n = text.length;
  let i = pos;
  let sep: Sep;
  const c = text.charCodeAt(i);
  if (isSpaceCode(c)) {
    sep = ' ';
  } else if (isHyphenCode(c)) {
    sep = '-';
    i++;
  } else if (isApostropheCode(c)) {
    sep = "'";
    i++;
  } else if (c === 0x2e && ABBREVIATIONS.has(prevWord)) {
    sep = ' ';
    i++;
  } else if (c === 0x2c) {
    sep = ',';
    i++;
  } else return -1;
  if (sep !== "'") while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  if (stats) stats.charsRead += i - pos;
  // The next word must start right here (ignorable characters may precede its first letter).
  const fold = FOLD_TABLE;
  let j = i;
  while (j < n && fold[text.charCodeAt(j)] === IGNORABLE) j++;
  if (j >= n) return -1;
  if (fold[text.charCodeAt(j)] === NOT_WORD) return -1;
  sepFound = sep;
  return i;
}

/** End offset (exclusive) of the surface the last successful `walk` found. */
export let walkEnd = 0;

/**
 * Longest surface of `root` starting at `start`, optionally accepting only terminals `accept` approves:
 * returns its node (its words are the node's `path`) and leaves its end in `walkEnd`. `start` must be the
 * start of a word. Allocates nothing.
 */
export function walk<T>(
  text: string,
  start: number,
  root: TrieNode<T>,
  stats?: ScanStats,
  accept?: (node: TrieNode<T>) => boolean,
): TrieNode<T> | undefined {
  const hash = readWordHash(text, start, stats);
  if (wordLetters === 0) return undefined;
  const end = wordEnd;
  const child = childAt(root, undefined, hash, text, start, end);
  return child ? walkOn(text, child, end, stats, accept) : undefined;
}

/** The root's child for the first word text[start, end): `head` or a node chained to it (see AnchorSet). */
export function firstChild<T>(head: TrieNode<T> | undefined, text: string, start: number, end: number): TrieNode<T> | undefined {
  let c = head;
  while (c !== undefined && (c.sep !== undefined || !foldedEquals(text, start, end, c.word))) c = c.collide;
  return c;
}

/** `walk` from a node already reached, its last word ending at `end`. */
export function walkOn<T>(
  text: string,
  node: TrieNode<T>,
  end: number,
  stats?: ScanStats,
  accept?: (node: TrieNode<T>) => boolean,
): TrieNode<T> | undefined {
  let bestNode: TrieNode<T> | undefined;
  let bestEnd = 0;
  for (;;) {
    if (node.targets && (!accept || accept(node))) {
      bestNode = node;
      bestEnd = end;
    }
    if (!node.next) break;
    const pos = readSep(text, end, node.word, stats);
    if (pos < 0) break;
    const sep = sepFound;
    const hash = readWordHash(text, pos, stats);
    if (wordLetters === 0) break;
    const child = childAt(node, sep, hash, text, pos, wordEnd);
    if (!child) break;
    node = child;
    end = wordEnd;
  }
  if (bestNode) walkEnd = bestEnd;
  return bestNode;
}

/** Anchor flags: a surface of the main trie starts with the word; an honorific prefix does. */
export const ANCHOR_MAIN = 1;
export const ANCHOR_PREFIX = 2;

/** What starts with one first word: flags, and the child of each trie's root for it (see `firstChild`). */
export interface Anchor {
  flags: number;
  main: TrieNode<unknown> | undefined;
  prefix: TrieNode<unknown> | undefined;
}

/**
 * The fast loop's filter: first words by hash, each with flags saying which tries start with it and the roots'
 * children for it, so that the matcher neither reads the first word again nor looks it up in the root's map.
 * An 8 KiB bitmap (it stays in the L1 cache) answers most words before the map is consulted.
 */
export class AnchorSet {
  /** Bit (hash & 0xffff) is set when some first word's hash has those low bits (read inline by the scanner). */
  readonly bits = new Uint32Array(1 << 11);
  private readonly anchors = new Map<number, Anchor>();

  /** `head`: the root's child under this hash's edge key (the first of any nodes chained to it). */
  add(hash: number, flag: number, head: TrieNode<unknown> | undefined): void {
    this.bits[(hash >>> 5) & 0x7ff]! |= 1 << (hash & 31);
    // Keyed by 30 bits of the hash, as the trie's edges: a small integer, never a boxed number (a collision
    // only costs a closer look).
    const key = hash & 0x3fffffff;
    let a = this.anchors.get(key);
    if (a === undefined) {
      a = { flags: 0, main: undefined, prefix: undefined };
      this.anchors.set(key, a);
    }
    a.flags |= flag;
    if (flag === ANCHOR_MAIN) a.main = head;
    else a.prefix = head;
  }

  /** The anchor of a first word's hash; undefined when no surface starts with it. */
  anchorOf(hash: number): Anchor | undefined {
    if ((this.bits[(hash >>> 5) & 0x7ff]! & (1 << (hash & 31))) === 0) return undefined;
    return this.anchors.get(hash & 0x3fffffff);
  }

  /** anchorOf for a hash whose bit is set. */
  anchorOfSet(hash: number): Anchor | undefined {
    return this.anchors.get(hash & 0x3fffffff);
  }
}

/**
 * Runs of white space between words (page text is full of indentation and blank lines): the native regex
 * engine skips them much faster than a loop of charCodeAt. Only characters that end a word are listed, so
 * stopping early at any other character changes nothing. Written as a range (tab to carriage return, with
 * the vertical tab), which the regex compiler turns into one comparison: about 1.5 times faster than a list.
 */
const SPACE_RUN_END = /[^\t-\r \u00a0]/g;
/** White-space characters in a row after which the regex takes over (a call costs about as much as ~10 characters). */
const SPACE_RUN_MIN = 8;

/** What the scanner reports anchors to (an object rather than a closure: no allocation per call). */
export interface AnchorSink {
  /** Returns the offset to resume scanning from (at least `end`), so a matched phrase is skipped. */
  onAnchor(start: number, end: number, anchor: Anchor): number;
}

/** Calls `sink.onAnchor(wordStart, wordEnd, anchor)` for every word whose folded hash is an anchor, in text order. */
export function scanWords(text: string, anchors: AnchorSet, sink: AnchorSink, stats?: ScanStats): void {
  const n = text.length;
  const fold = FOLD_TABLE;
  const bits = anchors.bits;
  // Two tight loops, one table read per character: between words, then along a word folding it into its hash
  // (ignorable characters belong to the word but not to its hash). Between two words of prose there is most
  // often one character (a space), so that one is read without counting white space: counting every gap
  // character cost about a tenth of the whole scan on article text. Only a gap of two or more characters
  // counts its white space, to hand a long run to the regex.
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let f = fold[c]!;
    if (f === NOT_WORD) {
      if (++i >= n) break;
      c = text.charCodeAt(i);
      f = fold[c]!;
      if (f === NOT_WORD) {
        // White space in a row so far (the regex engine takes over a long run). Any character up to U+0020
        // counts: the regex stops at once at one it does not skip, which costs time but changes nothing.
        let spaces = c <= 0x20 || c === 0xa0 ? 1 : 0;
        for (;;) {
          if (++i >= n) break;
          c = text.charCodeAt(i);
          f = fold[c]!;
          if (f !== NOT_WORD) break;
          if (c <= 0x20 || c === 0xa0) {
            if (++spaces === SPACE_RUN_MIN) {
              SPACE_RUN_END.lastIndex = i;
              if (!SPACE_RUN_END.test(text)) {
                i = n;
                break;
              }
              i = SPACE_RUN_END.lastIndex - 1;
              c = text.charCodeAt(i);
              f = fold[c]!;
              if (f !== NOT_WORD) break;
              spaces = 0;
            }
          } else spaces = 0;
        }
        if (i >= n) break;
      }
    }
    const start = i;
    let h = 0;
    for (;;) {
      if (f !== IGNORABLE) h = (Math.imul(h, 31) + f) | 0;
      if (++i >= n) break;
      f = fold[text.charCodeAt(i)]!;
      if (f === NOT_WORD) break;
    }
    if ((bits[(h >>> 5) & 0x7ff]! & (1 << (h & 31))) === 0) continue;
    const anchor = anchors.anchorOfSet(h);
    if (anchor !== undefined) {
      const resume = sink.onAnchor(start, i, anchor);
      if (resume > i) i = resume;
    }
  }
  // The fast loop reads each character once (matched phrases were read by the walk and are skipped here).
  if (stats) stats.charsRead += n;
}
