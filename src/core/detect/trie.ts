/**
 * A trie over folded words (not characters): each edge is one word with the separator before it, so
 * "Secretary of State for Transport" is five edges and a name broken by a line break or a no-break space
 * still walks the same path. Terminal nodes carry the targets a surface may name.
 *
 * Edges are keyed by a number made from the word's hash (the one the scanner computes as it reads) and the
 * separator, so a step of the walk is a Map lookup by integer instead of building and hashing a string.
 * Two words with one key under one parent are chained through `collide`, and the word itself is compared,
 * so a hash collision can cost a step but never give a wrong match.
 */
import { foldWords, hashWord, type Sep } from './normalise';

export interface TrieNode<T> {
  next: Map<number, TrieNode<T>> | undefined;
  targets: T[] | undefined;
  /** The edge into this node: its folded word and the separator before it. */
  word: string;
  sep: Sep | undefined;
  /** Another child of the same parent whose edge has the same key. */
  collide: TrieNode<T> | undefined;
  /** The folded words from the root to this node (a match's words, shared by every match of the surface). */
  path: readonly string[];
  /** The path joined by spaces ("prime minister"): a lookup key made once, not at every match. */
  key: string;
  /** What the matcher derives once from a terminal's targets (its summary), kept here rather than looked up per match. */
  memo: unknown;
  /**
   * The child when there is exactly one edge key (most nodes: "prime" -> "minister"), with that key (-1
   * otherwise): the walk compares one number instead of looking up a Map.
   */
  only: TrieNode<T> | undefined;
  onlyKey: number;
  /** letterBit of the first letter of every child's word: a walk looks no further at a word none starts with. */
  firstLetters: number;
}

/** One bit per first letter of a folded word: a-z, then all digits, then every other letter. */
export function letterBit(folded: number): number {
  return folded >= 0x61 && folded <= 0x7a ? 1 << (folded - 0x61) : folded < 0x61 ? 1 << 26 : 1 << 27;
}

/**
 * The key of an edge: the word's hash, mixed with the separator before it, cut to 30 bits so that it is a
 * small integer (V8 keeps larger numbers boxed on the heap: a Map lookup by one would allocate and hash a box).
 */
export function edgeKey(sep: Sep | undefined, hash: number): number {
  return (sep === undefined ? hash : Math.imul(hash, 31) + sep.charCodeAt(0)) & 0x3fffffff;
}

/** The child of `node` along (sep, word); `hash` is hashWord(word). */
export function childOf<T>(node: TrieNode<T>, sep: Sep | undefined, word: string, hash: number): TrieNode<T> | undefined {
  let c = node.next?.get(edgeKey(sep, hash));
  while (c !== undefined && (c.word !== word || c.sep !== sep)) c = c.collide;
  return c;
}

function newNode<T>(word: string, sep: Sep | undefined, path: readonly string[]): TrieNode<T> {
  return { next: undefined, targets: undefined, word, sep, collide: undefined, path, key: path.join(' '), memo: undefined, only: undefined, onlyKey: -1, firstLetters: 0 };
}

export class WordTrie<T> {
  readonly root: TrieNode<T> = newNode('', undefined, []);
  /** Hashes of every first word: the scanner only looks closer at words whose hash is here. */
  readonly firstWordHashes = new Set<number>();
  /** Most words any surface has (bounds the work done at one position). */
  maxWords = 0;

  /** Adds a surface; returns false when it folds to nothing. `same` dedupes targets already present. */
  add(surface: string, target: T, same: (a: T, b: T) => boolean = (a, b) => a === b): boolean {
    let words = foldWords(surface);
    // A leading "the" is never part of a span ("The Earl of Minto" is found as "Earl of Minto"), and would make
    // the commonest English word an anchor.
    if (words.length > 1 && words[0]!.word === 'the') words = [{ word: words[1]!.word, sep: undefined }, ...words.slice(2)];
    if (words.length === 0) return false;
    let node = this.root;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const sep = i === 0 ? undefined : w.sep;
      const hash = hashWord(w.word);
      let child = childOf(node, sep, w.word, hash);
      if (!child) {
        child = newNode(w.word, sep, [...node.path, w.word]);
        node.firstLetters |= letterBit(w.word.charCodeAt(0));
        node.next ??= new Map();
        const key = edgeKey(sep, hash);
        const first = node.next.get(key);
        if (first) {
          child.collide = first.collide;
          first.collide = child;
        } else {
          node.next.set(key, child);
          node.only = node.next.size === 1 ? child : undefined;
          node.onlyKey = node.next.size === 1 ? key : -1;
        }
      }
      node = child;
    }
    node.targets ??= [];
    if (!node.targets.some((t) => same(t, target))) node.targets.push(target);
    this.firstWordHashes.add(hashWord(words[0]!.word));
    this.maxWords = Math.max(this.maxWords, words.length);
    return true;
  }
}
