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

function fold(raw: string): string {
  let s = '';
  for (let i = 0; i < raw.length; i++) {
    const f = foldCode(raw.charCodeAt(i));
    if (f !== NOT_WORD && f !== IGNORABLE) s += String.fromCharCode(f);
  }
  return s;
}

/** Up to `max` words before `pos`, nearest first. */
export function wordsBefore(text: string, pos: number, max: number): Neighbour[] {
  const out: Neighbour[] = [];
  const limit = Math.max(0, pos - MAX_LOOK);
  let i = pos;
  let gapEnd = pos;
  while (out.length < max && i > limit) {
    // skip the gap
    while (i > limit && !isWordCode(text.charCodeAt(i - 1))) i--;
    if (i <= limit) break;
    const end = i;
    while (i > limit && isWordCode(text.charCodeAt(i - 1))) i--;
    const raw = text.slice(i, end);
    out.push({ start: i, end, raw, folded: fold(raw), gap: text.slice(end, gapEnd) });
    gapEnd = i;
  }
  return out;
}

/** Up to `max` words after `pos`, nearest first. */
export function wordsAfter(text: string, pos: number, max: number): Neighbour[] {
  const out: Neighbour[] = [];
  const n = text.length;
  const limit = Math.min(n, pos + MAX_LOOK);
  let i = pos;
  let gapStart = pos;
  while (out.length < max && i < limit) {
    while (i < limit && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= limit) break;
    const start = i;
    while (i < limit && isWordCode(text.charCodeAt(i))) i++;
    const raw = text.slice(start, i);
    out.push({ start, end: i, raw, folded: fold(raw), gap: text.slice(gapStart, start) });
    gapStart = i;
  }
  return out;
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
