/**
 * Mention detection: given text and the article's date, where the text names the people, organisations and
 * places the knowledge base knows, and who each mention is. Pure TypeScript, no browser API; the content
 * script calls it chunk by chunk (one block element at a time) with one DocumentContext per page.
 *
 * Everything that depends only on the knowledge base is compiled once in createDetector; detect() is one
 * linear pass over the text plus constant work per candidate.
 */
import type { KnowledgeBase } from '../knowledge/query';
import { DocContext, type ContextState } from './context';
import { collectMatches, matchList } from './matcher';
import { compile, type Compiled } from './patterns';
import { resolveMatch, type PrevRole } from './resolve';
import type { ScanStats } from './scan';
import type { Mention } from './types';

export type { Mention, MentionKind } from './types';
export type { ContextState } from './context';

/** What the document has established so far (persons named in full, its department, foreign offices...). Opaque. */
export interface DocumentContext {
  /** Brand only: contexts come from Detector.newContext(). */
  readonly __documentContext?: never;
}

export interface Detector {
  /** One per document; date = the article's date YYYY-MM-DD. */
  newContext(date: string): DocumentContext;
  /** May be called chunk by chunk in document order; offsets are into `text`. */
  detect(text: string, ctx: DocumentContext): Mention[];
  /** The context as plain data (to carry it across a message), and back: detection goes on exactly as before. */
  saveContext(ctx: DocumentContext): ContextState;
  restoreContext(state: ContextState): DocumentContext;
}

function asContext(ctx: DocumentContext): DocContext {
  if (!(ctx instanceof DocContext)) throw new TypeError('detect() needs a context made by this detector’s newContext()');
  return ctx;
}

/** Detection with work counters (the property tests check that cost is linear in the text). */
export function detectWithStats(detector: Detector, text: string, ctx: DocumentContext, stats: ScanStats): Mention[] {
  return (detector as DetectorImpl).run(text, asContext(ctx), stats);
}

class DetectorImpl implements Detector {
  constructor(private readonly c: Compiled) {}

  newContext(date: string): DocumentContext {
    return new DocContext(date);
  }

  detect(text: string, ctx: DocumentContext): Mention[] {
    return this.run(text, asContext(ctx));
  }

  saveContext(ctx: DocumentContext): ContextState {
    return asContext(ctx).toState();
  }

  restoreContext(state: ContextState): DocumentContext {
    return DocContext.fromState(state);
  }

  run(text: string, ctx: DocContext, stats?: ScanStats): Mention[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const n = collectMatches(text, this.c, stats);
    const matches = matchList;
    const out: Mention[] = [];
    let prevRole: PrevRole | undefined;
    for (let i = 0; i < n; i++) {
      const r = resolveMatch(text, matches[i]!, i + 1 < n ? matches[i + 1] : undefined, prevRole, this.c, ctx);
      if (r.role) prevRole = r.role;
      if (r.mention) out.push(r.mention);
    }
    return out;
  }
}

export function createDetector(kb: KnowledgeBase): Detector {
  return new DetectorImpl(compile(kb));
}

/** Convenience: one whole text, one date. */
export function detectAll(kb: KnowledgeBase, text: string, date: string): Mention[] {
  const d = createDetector(kb);
  return d.detect(text, d.newContext(date));
}
