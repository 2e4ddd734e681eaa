/**
 * The scanner: one pass over the text, one table read per character. It folds each word on the fly into a
 * 32-bit hash and only when that hash is the first word of some surface (a 64 Ki-entry bitmap, then a set)
 * does it read words and walk the trie. The walk from one word reads at most `maxWords` words ahead, so the
 * total work is linear in the length of the text.
 */
import {
  FOLD_TABLE,
  foldCode,
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

/** A word read from the text: its folded form and where it ends. */
export interface ReadWord {
  word: string;
  end: number;
}

export function readWord(text: string, start: number, stats?: ScanStats): ReadWord {
  const n = text.length;
  const fold = FOLD_TABLE;
  let i = start;
  let ascii = true;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = fold[c]!;
    if (f === NOT_WORD) break;
    if (c >= 0x80 || f === IGNORABLE) ascii = false;
  }
  if (stats) stats.charsRead += i - start;
  if (ascii) return { word: text.slice(start, i).toLowerCase(), end: i };
  let word = '';
  for (let j = start; j < i; j++) {
    const f = fold[text.charCodeAt(j)]!;
    if (f !== IGNORABLE) word += String.fromCharCode(f);
  }
  return { word, end: i };
}

/**
 * Reads the separator after a word ending at `pos`: white space of any length (line breaks, no-break
 * spaces), a hyphen (optionally followed by a line break), an apostrophe, or a dot after an abbreviation.
 * Returns the separator and where the next word starts, or undefined when the phrase cannot go on.
 */
export function readSep(text: string, pos: number, prevWord: string, stats?: ScanStats): { sep: Sep; next: number } | undefined {
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
  } else return undefined;
  if (sep !== "'") while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  if (stats) stats.charsRead += i - pos;
  // The next word must start right here (ignorable characters may precede its first letter).
  let j = i;
  while (j < n && foldCode(text.charCodeAt(j)) === IGNORABLE) j++;
  if (j >= n) return undefined;
  const f = foldCode(text.charCodeAt(j));
  if (f === NOT_WORD) return undefined;
  return { sep, next: i };
}

export interface WalkResult<T> {
  /** End offset (exclusive) of the longest surface found. */
  end: number;
  node: TrieNode<T>;
  /** Folded words matched, in order. */
  words: string[];
}

/**
 * Longest surface of `root` starting at `start`, optionally accepting only terminals `accept` approves.
 * `start` must be the start of a word.
 */
export function walk<T>(
  text: string,
  start: number,
  root: TrieNode<T>,
  stats?: ScanStats,
  accept?: (node: TrieNode<T>) => boolean,
): WalkResult<T> | undefined {
  let node = root;
  let pos = start;
  let sep: Sep | undefined;
  let best: WalkResult<T> | undefined;
  const words: string[] = [];
  for (;;) {
    const w = readWord(text, pos, stats);
    if (!w.word) break;
    const child = node.next?.get(edgeKey(sep, w.word));
    if (!child) break;
    node = child;
    words.push(w.word);
    if (node.targets && (!accept || accept(node))) best = { end: w.end, node, words: words.slice() };
    if (!node.next) break;
    const s = readSep(text, w.end, w.word, stats);
    if (!s) break;
    sep = s.sep;
    pos = s.next;
  }
  return best;
}

/** Hash bitmap + set of first words: the fast loop's filter. */
export class AnchorSet {
  private readonly bits = new Uint8Array(1 << 16);
  private readonly set = new Set<number>();

  add(hash: number): void {
    this.bits[hash & 0xffff] = 1;
    this.set.add(hash);
  }

  has(hash: number): boolean {
    return this.bits[hash & 0xffff] === 1 && this.set.has(hash);
  }
}

/**
 * Calls `onAnchor(wordStart, wordEnd, hash)` for every word whose folded hash is an anchor, in text order.
 * `onAnchor` returns the offset to resume scanning from (at least wordEnd), so a matched phrase is skipped.
 */
export function scanWords(
  text: string,
  anchors: AnchorSet,
  onAnchor: (start: number, end: number, hash: number) => number,
  stats?: ScanStats,
): void {
  const n = text.length;
  const fold = FOLD_TABLE;
  let i = 0;
  while (i < n) {
    let f = fold[text.charCodeAt(i)]!;
    if (f === NOT_WORD) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    do {
      if (f !== IGNORABLE) h = (Math.imul(h, 31) + f) | 0;
      if (++i >= n) break;
      f = fold[text.charCodeAt(i)]!;
    } while (f !== NOT_WORD);
    if (anchors.has(h)) {
      const resume = onAnchor(start, i, h);
      if (resume > i) i = resume;
    }
  }
  // The fast loop reads each character once (matched phrases were read by the walk and are skipped here).
  if (stats) stats.charsRead += n;
}
