/** The knowledge the background serves: the bundled knowledge base, compiled and validated at build time. */
import bundled from 'virtual:backstory-knowledge';
import { slimKnowledge } from '../core/knowledge/slim';
import { KnowledgeBase } from '../core/knowledge/query';
import type { Knowledge } from '../core/knowledge/compile';

let current: { kb: KnowledgeBase; slim: Knowledge } | null = null;

export function knowledge(): { kb: KnowledgeBase; slim: Knowledge } {
  if (!current) current = { kb: new KnowledgeBase(bundled), slim: slimKnowledge(bundled) };
  return current;
}

/** Replace the served knowledge (after a refresh merged newer tenures over the bundled data). */
export function setKnowledge(k: Knowledge): void {
  current = { kb: new KnowledgeBase(k), slim: slimKnowledge(k) };
}

export function bundledKnowledge(): Knowledge {
  return bundled;
}
