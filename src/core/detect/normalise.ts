/**
 * Surface normalisation shared by the pattern compiler and the text scanner, so that a name written in the
 * knowledge base and the same name on a page fold to the same words: case, diacritics, soft hyphens and
 * zero-width characters inside words, curly apostrophes, non-breaking spaces and line breaks between words.
 *
 * Everything here works on UTF-16 code units through lookup tables: the scanner calls `foldCode` once per
 * character of every page, so it must stay a table read.
 */

/** `foldCode` result for a character that ends a word. */
export const NOT_WORD = 0;
/** `foldCode` result for a character that is invisible inside a word (soft hyphen, zero-width joiners). */
export const IGNORABLE = 1;

const TABLE_SIZE = 0x250;
/** Folded form of every UTF-16 code unit (128 KiB): the scanner reads it once per character. */
export const FOLD_TABLE = new Uint16Array(0x10000);

(function buildFoldTable() {
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    if (c === 0xad) {
      FOLD_TABLE[c] = IGNORABLE;
      continue;
    }
    if (c === 0xd7 || c === 0xf7) continue; // × ÷
    const isLetter = /\p{L}/u.test(ch);
    const isDigit = c >= 0x30 && c <= 0x39;
    if (!isLetter && !isDigit) continue;
    // Lower case, then strip diacritics when the base letter is ASCII (é -> e, ø stays ø).
    const lower = ch.toLowerCase();
    const base = lower.normalize('NFD').replace(/\p{M}+/gu, '');
    FOLD_TABLE[c] = base.length === 1 ? base.charCodeAt(0) : lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  for (const c of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) FOLD_TABLE[c] = IGNORABLE;
})();

/**
 * The folded form of one UTF-16 code unit: NOT_WORD, IGNORABLE, or the lower-case, diacritic-free code unit
 * of a letter or digit. Letters outside Latin (Greek, Cyrillic, CJK) end words: no entity is written in them.
 */
export function foldCode(c: number): number {
  return FOLD_TABLE[c]!;
}

/** White space between two words of one name: spaces, tabs, line breaks, no-break and thin spaces. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x2028 || c === 0x2029
  );
}

export function isHyphenCode(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011;
}

export function isApostropheCode(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2018;
}

/** How two consecutive words are joined. */
export type Sep = ' ' | '-' | "'" | ',';

/** A folded word of a surface, with the separator that precedes it (undefined for the first word). */
export interface FoldedWord {
  word: string;
  sep: Sep | undefined;
}

/**
 * Splits a knowledge-base surface ("Secretary of State for Transport", "Rees-Mogg", "O’Brien", "Rt. Hon.")
 * into folded words. Dots are dropped ("Mr." is "mr"); any other punctuation separates words like a space.
 */
export function foldWords(surface: string): FoldedWord[] {
  const out: FoldedWord[] = [];
  let word = '';
  let pending: Sep | undefined;
  const flush = (): void => {
    if (word) {
      out.push({ word, sep: out.length === 0 ? undefined : (pending ?? ' ') });
      word = '';
      pending = undefined;
    }
  };
  for (let i = 0; i < surface.length; i++) {
    const c = surface.charCodeAt(i);
    const f = foldCode(c);
    if (f === IGNORABLE) continue;
    if (f !== NOT_WORD) {
      word += String.fromCharCode(f);
      continue;
    }
    const hadWord = word !== '';
    flush();
    if (!hadWord && out.length === 0) continue;
    if (isHyphenCode(c)) pending = '-';
    else if (isApostropheCode(c)) pending = pending === ' ' ? ' ' : "'";
    else if (c === 0x2c) pending = ',';
    else if (pending !== ',') pending = ' ';
  }
  flush();
  return out;
}

/** The folded words of a surface joined into one lookup key ("rees-mogg", "o'brien", "prime minister"). */
export function foldKey(surface: string): string {
  return foldWords(surface)
    .map((w) => (w.sep ?? '') + w.word)
    .join('');
}

/** A 32-bit hash of a folded word, the same one the scanner computes on the fly. */
export function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}

/** True when the code unit is an upper-case letter (used for "names are capitalised" checks). */
export function isUpperCode(c: number): boolean {
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0xc0) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function isLowerCode(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c < 0xc0) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
