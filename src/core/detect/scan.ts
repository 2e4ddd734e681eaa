/**
 * The scanner: one pass over the text, one table read per character (long runs of white space, which page
 * text is full of, are skipped by the native regex engine instead). It folds each word on the fly into a
 * 32-bit hash, without a branch at word ends (see `scanWords`), and only when that hash is the first word of some surface (a 64 Ki-entry bitmap, then a map)
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
import { edgeKey, letterBit, type TrieNode } from './trie';

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
/** The folded first letter of the word after that separator (valid with `sepFound`). */
export let sepLetter = 0;

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
  sepLetter = fold[text.charCodeAt(j)]!;
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
    // No child's word starts with the next word's letter ("government has"): stop without reading it.
    if ((node.firstLetters & letterBit(sepLetter)) === 0) break;
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

/** What the scanner reports anchors to (an object rather than a closure: no allocation per call). */
export interface AnchorSink {
  /** Returns the offset to resume scanning from (at least `end`), so a matched phrase is skipped. */
  onAnchor(start: number, end: number, anchor: Anchor): number;
}

/**
 * Calls `sink.onAnchor(wordStart, wordEnd, anchor)` for every word whose folded hash is an anchor, in text order.
 *
 * One loop, one table read per character, and no branch that depends on where words end: the hash and the
 * word's start are updated with a mask (all ones inside a word, zero on a character that ends one), and the
 * only data-dependent branch is the anchor bitmap's answer at the end of a word, which is nearly always no.
 * The loop that branched at every word boundary paid a mispredicted branch per word (words of prose vary in
 * length), more than reading the characters cost.
 */
export function scanWords(text: string, anchors: AnchorSet, sink: AnchorSink, stats?: ScanStats): void {
  if (stats) stats.charsRead += text.length;
  const n = text.length;
  const fold = FOLD_TABLE;
  const bits = anchors.bits;
  // h: hash of the word so far (0 between words); start: where the current or next word starts.
  let h = 0;
  let start = 0;
  let i = 0;
  while (i < n) {
    // The tight loop calls nothing: it stops at a word whose hash is in the bitmap (1) or at white space that
    // may begin a long run (2), and the rare work is done here outside it.
    let stop = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const f = fold[c]!;
      // All ones for a word character (fold values are below 0x10000), zero for one that ends a word.
      const inWord = -((f + 0xffff) >>> 16);
      // Stop at the end of a word whose hash is in the bitmap, and at an ignorable character (1 when f is
      // IGNORABLE): it belongs to the word but not to its hash, which the mask arithmetic cannot express.
      if (((bits[(h >>> 5) & 0x7ff]! & (1 << (h & 31)) & ~inWord) | (((f ^ IGNORABLE) - 1) >>> 31)) !== 0) {
        stop = 1;
        break;
      }
      h = (Math.imul(h, 31) + f) & inWord;
      start = (start & inWord) | ((i + 1) & ~inWord);
      // Long runs of white space (page indentation) go to the regex engine. Looking only at every 16th
      // character keeps the test off the path of prose; a run of 17 or more is always caught.
      if ((i & 15) === 0 && c <= 0x20 && i + 1 < n && text.charCodeAt(i + 1) <= 0x20) {
        stop = 2;
        break;
      }
    }
    if (stop === 1) {
      if (fold[text.charCodeAt(i)] === IGNORABLE) {
        // Neither the hash nor the word's start changes (a word may start with one).
        i++;
        continue;
      }
      // text[i] ends a word (text[start, i) when start < i) whose hash is in the bitmap.
      const anchor = start < i ? anchors.anchorOfSet(h) : undefined;
      if (anchor !== undefined) {
        const resume = sink.onAnchor(start, i, anchor);
        if (resume > i) {
          // Skip the matched phrase: go on at `resume` as at the start of a text.
          i = resume;
          h = 0;
          start = resume;
          continue;
        }
      }
      h = 0;
      start = ++i;
    } else if (stop === 2) {
      // text[i] (white space) has been read. A character the regex does not skip stops it at once, which
      // costs time but changes nothing.
      SPACE_RUN_END.lastIndex = i;
      if (!SPACE_RUN_END.test(text)) {
        start = n;
        break;
      }
      const p = SPACE_RUN_END.lastIndex - 1;
      if (p > i) {
        // text[i, p) is white space: only where the next word may start changes.
        i = p;
        start = p;
      } else i++;
    }
  }
  // A word that runs to the end of the text.
  if (start < n && (bits[(h >>> 5) & 0x7ff]! & (1 << (h & 31))) !== 0) {
    const anchor = anchors.anchorOfSet(h);
    if (anchor !== undefined) sink.onAnchor(start, n, anchor);
  }
}

