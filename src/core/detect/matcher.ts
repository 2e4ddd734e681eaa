/**
 * Finds candidate matches in a chunk: at each anchor word, the longest surface of the trie, or an honorific
 * prefix ("The Rt Hon", "Sir") followed by a person's full name (then with a trailing "MP"). Matches do not
 * overlap; after a match the scan resumes at its end, so the longest surface wins ("Hitachi Energy" is one
 * match, never "Hitachi").
 */
import { ANCHOR_MAIN, ANCHOR_PREFIX, type Compiled, type Target } from './patterns';
import { allCaps, plainGap, wordsAfter, wordsBefore } from './neighbours';
import { childAt, readSep, readWordHash, scanWords, sepFound, walk, walkEnd, wordEnd, wordLetters, type AnchorSink, type ScanStats } from './scan';
import type { TrieNode } from './trie';
import type { Sep } from './normalise';

export interface RawMatch {
  start: number;
  end: number;
  targets: Target[];
  /** Folded words of the surface (without a prefix). */
  words: readonly string[];
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

function matchAt(text: string, start: number, flags: number, c: Compiled, stats?: ScanStats): RawMatch | undefined {
  const direct = flags & ANCHOR_MAIN ? walk(text, start, c.main.root, stats) : undefined;
  let best: RawMatch | undefined = direct && { start, end: walkEnd, targets: direct.targets!, words: direct.path, prefixed: false };
  if (!(flags & ANCHOR_PREFIX)) return best;

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
      if (name && (!best || walkEnd > best.end)) {
        best = {
          start,
          end: walkEnd,
          targets: fullNameTargets(name),
          words: name.path,
          prefixed: true,
        };
      }
    }
    if (!node.next) break;
    sep = nextSep;
    pos = next;
  }
  if (best?.prefixed) {
    if (firstPrefixWord === 'rt' || firstPrefixWord === 'right') {
      const before = wordsBefore(text, best.start, 1)[0];
      if (before && before.folded === 'the' && plainGap(before.gap)) best.start = before.start;
    }
    // Post-nominals after a styled name: "The Rt Hon Sir Keir Starmer KCB KC MP".
    for (const w of wordsAfter(text, best.end, 5)) {
      if (!POST_NOMINALS.has(w.raw) || !/^,? $/.test(w.gap)) break;
      best.end = w.end;
    }
  }
  return best;
}

/** Collects the matches of one scan; one instance serves every call (detection is synchronous). */
class Collector implements AnchorSink {
  text = '';
  c: Compiled | undefined;
  stats: ScanStats | undefined;
  out: RawMatch[] | undefined;

  onAnchor(start: number, end: number, flags: number): number {
    const m = matchAt(this.text, start, flags, this.c!, this.stats);
    if (!m) return end;
    (this.out ??= []).push(m);
    return m.end;
  }
}

const collector = new Collector();
/**
 * Shared and never written. Not frozen and not a bare [] literal: each would have another elements kind than
 * the lists of matches, and the loop over matches would become polymorphic.
 */
const NO_MATCHES: readonly RawMatch[] = (() => {
  const list = [{} as RawMatch];
  list.pop();
  return list;
})();

/**
 * Every candidate match in `text`, in order, not overlapping. Allocates nothing for a text without any (the
 * content script sends many small parts, most of them white space or prose without a name).
 */
export function findMatches(text: string, c: Compiled, stats?: ScanStats): readonly RawMatch[] {
  const col = collector;
  col.text = text;
  col.c = c;
  col.stats = stats;
  col.out = undefined;
  scanWords(text, c.anchors, col, stats);
  const out = col.out ?? NO_MATCHES;
  // Hold on to nothing of this text.
  col.text = '';
  col.out = undefined;
  return out;
}

export { allCaps };
