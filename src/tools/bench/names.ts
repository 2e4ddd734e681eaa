/** The names every highlighter in the benchmark looks for: the knowledge base's surfaces, as one regular expression. */
import { KnowledgeBase } from '../../core/knowledge/query';
import { loadKnowledge } from '../../knowledge/load-node';

export function knowledgeBase(): KnowledgeBase {
  return new KnowledgeBase(loadKnowledge());
}

interface Trie {
  end: boolean;
  next: Map<string, Trie>;
}

const escapeChar = (c: string): string => (c === ' ' ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));

/** A prefix-factored alternation ("reynolds|reeves" -> "re(?:ynolds|eves)"): what a careful author precompiles. */
function trieSource(node: Trie): string {
  const branches = [...node.next].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, child]) => escapeChar(c) + trieSource(child));
  if (!branches.length) return '';
  const alt = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  // Longest match first: the optional group is greedy, and \b after the whole pattern rejects partial words.
  return node.end ? (branches.length === 1 && !alt.startsWith('(?:') ? `(?:${alt})?` : `${alt}?`) : alt;
}

/**
 * One case-insensitive regular expression of every surface the knowledge base knows, bounded by word edges and
 * factored as a trie. The same source is used by mark.js (markRegExp) and by the floor.
 */
export function namesRegExpSource(kb: KnowledgeBase = knowledgeBase()): { source: string; flags: string; count: number } {
  const surfaces = [...new Set(kb.allSurfaces().map((s) => s.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean))];
  const root: Trie = { end: false, next: new Map() };
  for (const s of surfaces) {
    let n = root;
    for (const c of s) {
      let child = n.next.get(c);
      if (!child) n.next.set(c, (child = { end: false, next: new Map() }));
      n = child;
    }
    n.end = true;
  }
  return { source: `\\b${trieSource(root)}\\b`, flags: 'gi', count: surfaces.length };
}
