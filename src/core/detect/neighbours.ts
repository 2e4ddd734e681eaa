/**
 * Reading the words around a match: the previous few words ("the former", "Shadow", "Israeli", "12:35"),
 * the next few ("Benjamin Netanyahu", "2017"), and whether a match opens a sentence. Every look is bounded
 * (a few words, a few hundred characters), so it adds a constant to the cost of a match.
 */
import { foldCode, IGNORABLE, isApostropheCode, isSpaceCode, isUpperCode, NOT_WORD } from './normalise';

const MAX_LOOK = 160;

export interface Neighbour {
  start: number;
  end: number;
  /** The word as written. */
  raw: string;
  /** Folded (lower case, no diacritics). */
  folded: string;
  /** Text between this word and the match side (for a word before: up to the next word; after: from the previous). */
  gap: string;
}

function isWordCode(c: number): boolean {
  return foldCode(c) !== NOT_WORD;
}

function fold(raw: string, ascii: boolean): string {
  if (ascii) {
    // Plain ASCII words (nearly all of them) fold by lower-casing. A lower-case word (most of prose) is its own
    // folded form and a capitalised one needs only its first letter lowered: both avoid toLowerCase, which
    // costs more than reading the word.
    let upper = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c >= 0x41 && c <= 0x5a) upper++;
    }
    if (upper === 0) return raw;
    const c0 = raw.charCodeAt(0);
    if (upper === 1 && c0 >= 0x41 && c0 <= 0x5a) return String.fromCharCode(c0 + 0x20) + raw.slice(1);
    return raw.toLowerCase();
  }
  let s = '';
  for (let i = 0; i < raw.length; i++) {
    const f = foldCode(raw.charCodeAt(i));
    if (f !== NOT_WORD && f !== IGNORABLE) s += String.fromCharCode(f);
  }
  return s;
}

/**
 * The words on one side of a position, nearest first, read only as far as they are asked for: most checks
 * look at one or two words, so the rest are never sliced and folded.
 */
export class Words {
  private readonly got: Neighbour[] = [];
  private i: number;
  private gapEdge: number;
  private readonly limit: number;
  private done = false;

  constructor(
    private readonly text: string,
    pos: number,
    private readonly forward: boolean,
    private readonly max: number,
  ) {
    this.i = pos;
    this.gapEdge = pos;
    this.limit = forward ? Math.min(text.length, pos + MAX_LOOK) : Math.max(0, pos - MAX_LOOK);
  }

  /** The i-th word from the position (0 = nearest), if there is one within reach. */
  at(i: number): Neighbour | undefined {
    while (this.got.length <= i && !this.done) this.read();
    return this.got[i];
  }

  /** Every word within reach, up to the maximum. */
  all(): Neighbour[] {
    this.at(this.max - 1);
    return this.got;
  }

  private read(): void {
    if (this.got.length >= this.max) {
      this.done = true;
      return;
    }
    const text = this.text;
    const limit = this.limit;
    let i = this.i;
    let ascii = true;
    if (this.forward) {
      while (i < limit && !isWordCode(text.charCodeAt(i))) i++;
      if (i >= limit) {
        this.done = true;
        return;
      }
      const start = i;
      for (let c = text.charCodeAt(i); i < limit && isWordCode(c); c = text.charCodeAt(++i)) if (c >= 0x80) ascii = false;
      const raw = text.slice(start, i);
      this.got.push({ start, end: i, raw, folded: fold(raw, ascii), gap: text.slice(this.gapEdge, start) });
      this.gapEdge = i;
    } else {
      while (i > limit && !isWordCode(text.charCodeAt(i - 1))) i--;
      if (i <= limit) {
        this.done = true;
        return;
      }
      const end = i;
      for (let c = text.charCodeAt(i - 1); i > limit && isWordCode(c); c = text.charCodeAt(--i - 1)) if (c >= 0x80) ascii = false;
      const raw = text.slice(i, end);
      this.got.push({ start: i, end, raw, folded: fold(raw, ascii), gap: text.slice(end, this.gapEdge) });
      this.gapEdge = i;
    }
    this.i = i;
  }
}

/** Up to `max` words before `pos`, nearest first. */
export function wordsBefore(text: string, pos: number, max: number): Neighbour[] {
  return new Words(text, pos, false, max).all();
}

/** Up to `max` words after `pos`, nearest first. */
export function wordsAfter(text: string, pos: number, max: number): Neighbour[] {
  return new Words(text, pos, true, max).all();
}

/** Only white space (no punctuation, no line break) between two words. */
export function plainGap(gap: string): boolean {
  if (gap.length === 0 || gap.length > 3) return false;
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || !isSpaceCode(c)) return false;
  }
  return true;
}

/** White space only, line breaks allowed. */
export function spaceGap(gap: string): boolean {
  if (gap.length === 0) return false;
  for (let i = 0; i < gap.length; i++) if (!isSpaceCode(gap.charCodeAt(i))) return false;
  return true;
}

export function capitalised(raw: string): boolean {
  return raw.length > 0 && isUpperCode(raw.charCodeAt(0));
}

export function allCaps(raw: string): boolean {
  let letters = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x80) {
      // ASCII: a lower-case letter answers at once, an upper-case one counts, anything else is not a letter.
      if (c >= 0x61 && c <= 0x7a) return false;
      if (c >= 0x41 && c <= 0x5a) letters++;
      continue;
    }
    const ch = raw[i]!;
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (!isUpperCode(c)) return false;
    }
  }
  return letters > 1;
}

/** Possessive right after `end`: "'s", "’s", or a bare apostrophe after s ("Reynolds’"). */
export function possessiveAt(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (!isApostropheCode(c)) return false;
  const d = text.charCodeAt(end + 1);
  if (d === 0x73 || d === 0x53) return !isWordCode(text.charCodeAt(end + 2));
  return !isWordCode(d);
}

/**
 * True when `pos` opens a sentence or a line: nothing before it, or (after white space) a line break,
 * sentence punctuation, an opening quote or bracket, a dash or a bullet.
 */
export function sentenceStart(text: string, pos: number): boolean {
  let i = pos;
  const limit = Math.max(0, pos - MAX_LOOK);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return true;
    if (!isSpaceCode(c)) break;
    i--;
  }
  if (i === 0) return true;
  if (i <= limit) return true;
  const c = text.charCodeAt(i - 1);
  // . ! ? ; " “ ” ‘ ( [ – — • | >   (not a colon: "Budget gamble: Hammond promises ..." goes on with a name)
  return (
    c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x22 || c === 0x201c ||
    c === 0x201d || c === 0x2018 || c === 0x28 || c === 0x5b || c === 0x2013 || c === 0x2014 || c === 0x2022 ||
    c === 0x7c || c === 0x3e || c === 0xbb || c === 0xab
  );
}
