/**
 * Detection of a batch of texts that continues a document: the form in which the content script asks the
 * background to detect. The page is read in the page, but detected away from its main thread, batch by batch in
 * document order; the document context travels as plain data with each batch and its answer, so the background
 * keeps nothing about the pages a reader visits between two batches.
 */
import type { KnowledgeBase } from '../knowledge/query';
import type { ContextState } from './context';
import type { Detector } from './index';
import type { Mention } from './types';

export type EntityType = 'person' | 'organisation' | 'place';

/** A mention with its entity's type (the content script has no knowledge base: it filters and styles by type). */
export interface TypedMention extends Mention {
  type: EntityType;
}

export interface BatchResult {
  /** mentions[i]: the mentions of parts[i], offsets into parts[i]. */
  mentions: TypedMention[][];
  /** The context after the last part: pass it with the next batch of the same document. */
  context: ContextState;
}

/**
 * Detects `parts` in order as the continuation of the document whose context is `context` (null: a new document
 * dated `date`). A context of another date starts afresh: a document has one date.
 */
export function detectBatch(
  detector: Detector,
  kb: KnowledgeBase,
  date: string,
  context: ContextState | null,
  parts: readonly string[],
): BatchResult {
  const ctx = context && context.date === date ? detector.restoreContext(context) : detector.newContext(date);
  const mentions = parts.map((text) => {
    const out: TypedMention[] = [];
    for (const m of detector.detect(text, ctx)) {
      const type = kb.entity(m.entity)?.type;
      if (type) out.push({ ...m, type });
    }
    return out;
  });
  return { mentions, context: detector.saveContext(ctx) };
}

/** Longest part of a batch: the content script cuts longer texts into windows (src/content/scanner.ts). */
export const PART_CHARS = 16_384;

/** The parts a batch's text and end offsets describe, or null when the ends are not ordered or a part is too long. */
export function splitParts(text: string, ends: readonly number[]): string[] | null {
  const parts: string[] = [];
  let at = 0;
  for (const end of ends) {
    if (end < at || end > text.length || end - at > PART_CHARS) return null;
    parts.push(text.slice(at, end));
    at = end;
  }
  return at === text.length ? parts : null;
}

/** The other way: one text and the end of each part. */
export function joinParts(parts: readonly string[]): { text: string; ends: number[] } {
  const ends: number[] = [];
  let n = 0;
  for (const p of parts) ends.push((n += p.length));
  return { text: parts.join(''), ends };
}
