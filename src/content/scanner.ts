/**
 * Scans page text with the detection engine and wraps what it finds, in time slices so the page never
 * waits on us for long (SLICE_BUDGET_MS), in document order so that a short form ("Mr Reynolds") can rely
 * on the full name earlier in the page.
 */
import type { Detector, DocumentContext, Mention } from '../core/detect';
import type { KnowledgeBase } from '../core/knowledge/query';
import type { Settings } from '../core/settings';
import { createMentionElement, wrapRange } from './highlight';
import { SLICE_BUDGET_MS } from './timings';
import { chunks, insideLink, type Chunk } from './walk';
import { yieldToPage } from './yield';

/** Longest text handed to the detector at once: a 10 MB text node is read in windows, cut at a line or sentence end. */
const WINDOW = 16_384;

/**
 * Text nodes longer than this are read but never split: splitting a 10 MB text node made Chromium lay the
 * whole paragraph out again, freezing the page for about 3 s. No news paragraph comes near it.
 */
const MAX_WRAPPED_NODE_CHARS = 200_000;

export class Scanner {
  readonly seen = new Set<string>();
  private ctx: DocumentContext;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly detector: Detector,
    readonly date: string,
    private settings: () => Settings,
    /** Called around every batch of our own DOM writes so the mutation observer can ignore them. */
    private readonly writing: (fn: () => void) => void,
  ) {
    this.ctx = detector.newContext(date);
  }

  /** Restart the document context (after highlighting was switched off and on). */
  reset(): void {
    this.seen.clear();
    this.ctx = this.detector.newContext(this.date);
  }

  /** Scan one subtree; resolves when done or aborted. Returns the number of mentions wrapped. */
  async scan(root: Node, signal: AbortSignal): Promise<number> {
    let wrapped = 0;
    let sliceStart = performance.now();
    for (const chunk of chunks(root)) {
      if (signal.aborted) return wrapped;
      // Detect window by window (yielding between them), then write the chunk once: a split made for an
      // earlier window would otherwise shift the offsets of the later ones.
      const found: Mention[] = [];
      for (const [offset, text] of windows(chunk.text)) {
        for (const m of this.detector.detect(text, this.ctx)) {
          if (this.shown(m) && !splitsCharacter(text, m.start, m.end)) found.push(offset ? { ...m, start: m.start + offset, end: m.end + offset } : m);
        }
        if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
          await yieldToPage(signal);
          if (signal.aborted) return wrapped;
          sliceStart = performance.now();
        }
      }
      if (found.length) {
        this.writing(() => {
          wrapped += this.apply(chunk, found);
        });
      }
    }
    return wrapped;
  }

  private shown(m: Mention): boolean {
    const e = this.kb.entity(m.entity);
    return !!e && this.settings().types[e.type];
  }

  /** Wrap mentions of one chunk. Mentions that cross text nodes are left unwrapped (still counted as seen). */
  private apply(chunk: Chunk, mentions: Mention[]): number {
    const s = this.settings();
    const jobs: { node: Text; start: number; end: number; m: Mention; first: boolean }[] = [];
    for (const m of mentions) {
      const { start, end } = m;
      const i = nodeIndexAt(chunk.starts, start);
      const nodeStart = chunk.starts[i]!;
      const node = chunk.nodes[i]!;
      const first = !this.seen.has(m.entity);
      this.seen.add(m.entity);
      // Cross-node mentions stay unwrapped; a node the page changed since we read it is left alone.
      if (end - nodeStart > node.data.length || node.data.slice(start - nodeStart, end - nodeStart) !== m.text) continue;
      if (node.data.length > MAX_WRAPPED_NODE_CHARS) continue;
      jobs.push({ node, start: start - nodeStart, end: end - nodeStart, m, first });
    }
    let n = 0;
    // Right to left within a node, so earlier offsets stay valid after each split.
    for (let j = jobs.length - 1; j >= 0; j--) {
      const { node, start, end, m, first } = jobs[j]!;
      const type = this.kb.entity(m.entity)!.type;
      const el = wrapRange(node, start, end, () =>
        createMentionElement(node.ownerDocument, m, { type, first, style: s.style, emphasis: s.emphasis, inLink: insideLink(node) }),
      );
      if (el) n++;
    }
    return n;
  }
}

/**
 * A match whose edge falls inside a user-perceived character is not the name: "Aycliffe\u0301" is "Aycliffé",
 * and "e\u0301Newton" is one word. (The detector treats combining marks as word boundaries.) Wrapping such a
 * match would also cut a base letter from its accent.
 */
export function splitsCharacter(text: string, start: number, end: number): boolean {
  return COMBINING.test(text.charAt(end)) || COMBINING.test(text.charAt(start)) || MARKED_LETTER_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}
const COMBINING = /^[\p{M}\u200d]$/u;
/** A letter or digit carrying marks right before the match ("e\u0301Newton"); an emoji's variation selector is fine. */
const MARKED_LETTER_BEFORE = /[\p{L}\p{N}][\p{M}\u200d]+$/u;

function nodeIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Split long text into windows ending at a newline or sentence end, so no single detect call runs long. */
export function* windows(text: string): Generator<[number, string]> {
  if (text.length <= WINDOW) {
    yield [0, text];
    return;
  }
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + WINDOW);
    if (end < text.length) {
      const slice = text.slice(at + WINDOW / 2, end);
      const cut = Math.max(slice.lastIndexOf('\n'), slice.lastIndexOf('. '), slice.lastIndexOf(' '));
      if (cut >= 0) end = at + WINDOW / 2 + cut + 1;
    }
    yield [at, text.slice(at, end)];
    at = end;
  }
}
