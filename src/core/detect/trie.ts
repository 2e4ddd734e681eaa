/**
 * A trie over folded words (not characters): each edge is one word with the separator before it, so
 * "Secretary of State for Transport" is five edges and a name broken by a line break or a no-break space
 * still walks the same path. Terminal nodes carry the targets a surface may name.
 */
import { foldWords, hashWord, type Sep } from './normalise';

export interface TrieNode<T> {
  next: Map<string, TrieNode<T>> | undefined;
  targets: T[] | undefined;
}

export function edgeKey(sep: Sep | undefined, word: string): string {
  return sep === undefined ? word : sep + word;
}

export class WordTrie<T> {
  readonly root: TrieNode<T> = { next: undefined, targets: undefined };
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
      const key = edgeKey(i === 0 ? undefined : w.sep, w.word);
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) {
        child = { next: undefined, targets: undefined };
        node.next.set(key, child);
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
