/**
 * Scans page text with the detection engine and wraps what it finds, in time slices so the page never
 * waits on us for long (SLICE_BUDGET_MS), in document order so that a short form ("Mr Reynolds") can rely
 * on the full name earlier in the page.
 *
 * On a very long page (a live blog, megabytes of text) wrapping every mention at once would cost the reader
 * seconds of main-thread time, mostly the browser laying the page out again around each new element. So once
 * a page has shown both EAGER_MENTIONS mentions and EAGER_CHARS of text, a block's mentions are wrapped only
 * when it comes within NEAR_VIEWPORT of the screen. Detection still reads the whole page in order (who is
 * who, the popup's counts); only the DOM writes wait.
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

/** Characters read between two looks at the clock: well under a millisecond of work, so slices stay near
 * SLICE_BUDGET_MS. Each chunk also counts as CHUNK_COST_CHARS, for pages of many tiny blocks. */
const CLOCK_CHARS = 8_192;
const CHUNK_COST_CHARS = 64;

/**
 * Text nodes longer than this are read but never split: splitting a 10 MB text node made Chromium lay the
 * whole paragraph out again, freezing the page for about 3 s. No news paragraph comes near it.
 */
const MAX_WRAPPED_NODE_CHARS = 200_000;

/**
 * Wrapped as soon as found: at least this many mentions and this much text. Every ordinary article (the demo
 * has 22 mentions in 7 kB; long features about 150) and busy but short pages (a live blog of 600 mentions in
 * 54 kB, where layout is cheap) are highlighted in full at once; only long pages defer the rest.
 */
const EAGER_MENTIONS = 250;
const EAGER_CHARS = 200_000;

/** How close to the screen a block must come (above or below) to get its mentions wrapped: two screens ahead,
 * so a reader scrolling or tabbing through highlights finds them already there. */
const NEAR_VIEWPORT = '200% 0px 200% 0px';

/**
 * Deferred mentions are kept in groups of consecutive text, at most GROUP_MENTIONS mentions and about
 * GROUP_CHARS characters (about a screen of text): the observer watches only each group's first and last
 * element, not every paragraph (thousands on a long page), and a group is wrapped whole.
 */
const GROUP_MENTIONS = 40;
const GROUP_CHARS = 4_000;

interface Group {
  jobs: Job[];
  /** Scanner.chars when the group was opened. */
  startChars: number;
  sentinels: Element[];
}

/** One mention to wrap: where, and whether it is its entity's first on the page (decided in document order). */
interface Job {
  node: Text;
  start: number;
  end: number;
  m: Mention;
  first: boolean;
}

export class Scanner {
  readonly seen = new Set<string>();
  private ctx: DocumentContext;
  /** Mentions wrapped (or given up) as they were found, and the text read so far. */
  private eager = 0;
  private chars = 0;
  /** Mentions found but not written yet, in groups in document order, and each group by its watched elements. */
  private readonly groups = new Set<Group>();
  private readonly bySentinel = new Map<Element, Group[]>();
  /** The group being filled (its last element is watched once it is full or the scan ends). */
  private filling: Group | null = null;
  private near: IntersectionObserver | null = null;

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
    this.eager = 0;
    this.chars = 0;
    this.stopDeferring();
  }

  /** Forget the mentions not written yet (highlighting switched off, the script orphaned, a new article). */
  stopDeferring(): void {
    this.near?.disconnect();
    this.near = null;
    this.groups.clear();
    this.bySentinel.clear();
    this.filling = null;
  }

  /** Mentions found but not yet wrapped (counted in the popup like wrapped ones), in document order. */
  deferred(): Mention[] {
    const out: Mention[] = [];
    for (const g of this.groups) for (const j of g.jobs) if (j.node.isConnected) out.push(j.m);
    return out;
  }

  /**
   * Before the browser moves the keyboard focus on from `from` (Tab, or Shift+Tab when `backwards`), wraps the
   * nearest group of waiting mentions in that direction, so that tabbing from highlight to highlight never skips
   * one that is still waiting for its part of the page to come near the screen.
   */
  revealNext(from: Node, backwards: boolean): void {
    let pick: Group | undefined;
    for (const g of this.groups) {
      const node = (backwards ? g.jobs[g.jobs.length - 1] : g.jobs[0])?.node;
      if (!node?.isConnected) continue;
      const pos = from.compareDocumentPosition(node);
      if (!backwards && pos & Node.DOCUMENT_POSITION_FOLLOWING) {
        pick = g; // groups are in document order: the first one after `from`
        break;
      }
      if (backwards && pos & Node.DOCUMENT_POSITION_PRECEDING) pick = g; // the last one before `from`
    }
    if (pick) this.flush(pick);
  }

  /** Wraps the first not-yet-written mention of an entity (the popup's "jump to"); false if there is none. */
  reveal(entity: string): boolean {
    for (const g of this.groups) {
      if (g.jobs.some((j) => j.m.entity === entity)) {
        this.flush(g);
        return true;
      }
    }
    return false;
  }

  /** Scan one subtree; resolves when done or aborted. Returns the number of mentions wrapped. */
  async scan(root: Node, signal: AbortSignal): Promise<number> {
    let wrapped = 0;
    let sliceStart = performance.now();
    // Reading the clock costs about a microsecond: on a page of 25,000 paragraphs, asking after each one took
    // longer than detecting in them. So it is read after every CLOCK_CHARS characters (or windows) only.
    let sinceClock = 0;
    for (const chunk of chunks(root)) {
      if (signal.aborted) return wrapped;
      // Detect window by window (yielding between them), then write the chunk once: a split made for an
      // earlier window would otherwise shift the offsets of the later ones.
      const found: Mention[] = [];
      this.chars += chunk.text.length;
      const parts = chunk.text.length <= WINDOW ? [[0, chunk.text] as const] : windows(chunk.text);
      for (const [offset, text] of parts) {
        for (const m of this.detector.detect(text, this.ctx)) {
          if (this.shown(m) && !splitsCharacter(text, m.start, m.end)) found.push(offset ? { ...m, start: m.start + offset, end: m.end + offset } : m);
        }
        sinceClock += text.length + CHUNK_COST_CHARS;
        if (sinceClock >= CLOCK_CHARS) {
          sinceClock = 0;
          if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
            await yieldToPage(signal);
            if (signal.aborted) return wrapped;
            sliceStart = performance.now();
          }
        }
      }
      if (found.length) {
        const jobs = this.prepare(chunk, found);
        if (this.eager < EAGER_MENTIONS || this.chars < EAGER_CHARS || typeof IntersectionObserver !== 'function') {
          this.eager += jobs.length;
          this.writing(() => {
            wrapped += this.write(jobs);
          });
        } else this.defer(jobs);
      }
    }
    this.seal();
    return wrapped;
  }

  private shown(m: Mention): boolean {
    const e = this.kb.entity(m.entity);
    return !!e && this.settings().types[e.type];
  }

  /**
   * Where each mention of one chunk goes, in document order (which mention is its entity's first is decided
   * here, whenever it is written). Mentions that cross text nodes are left unwrapped (still counted as seen).
   */
  private prepare(chunk: Chunk, mentions: Mention[]): Job[] {
    const jobs: Job[] = [];
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
    return jobs;
  }

  /** Wrap mentions (of one chunk, in document order); a node the page changed since is left alone. */
  private write(jobs: Job[]): number {
    const s = this.settings();
    let n = 0;
    // Right to left within a node, so earlier offsets stay valid after each split.
    for (let j = jobs.length - 1; j >= 0; j--) {
      const { node, start, end, m, first } = jobs[j]!;
      if (node.data.slice(start, end) !== m.text) continue;
      const type = this.kb.entity(m.entity)!.type;
      const el = wrapRange(node, start, end, () =>
        createMentionElement(node.ownerDocument, m, { type, first, style: s.style, emphasis: s.emphasis, inLink: insideLink(node) }),
      );
      if (el) n++;
    }
    return n;
  }

  /** Keep a chunk's mentions until their part of the page comes near the screen. */
  private defer(jobs: Job[]): void {
    if (!jobs.length) return;
    let g = this.filling;
    if (g && (g.jobs.length >= GROUP_MENTIONS || this.chars - g.startChars >= GROUP_CHARS)) {
      this.seal();
      g = null;
    }
    if (!g) {
      g = { jobs: [], startChars: this.chars, sentinels: [] };
      this.filling = g;
      this.groups.add(g);
      this.watch(g, jobs[0]!.node.parentElement);
    }
    g.jobs.push(...jobs);
  }

  /** The group being filled is complete: watch its last element too. */
  private seal(): void {
    const g = this.filling;
    this.filling = null;
    if (g && g.jobs.length) this.watch(g, g.jobs[g.jobs.length - 1]!.node.parentElement);
  }

  private watch(g: Group, el: Element | null): void {
    if (!el || g.sentinels.includes(el)) return;
    this.near ??= new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) for (const group of this.bySentinel.get(e.target) ?? []) this.flush(group);
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    g.sentinels.push(el);
    const groups = this.bySentinel.get(el);
    if (groups) groups.push(g); // one element may end a group and start the next
    else {
      this.bySentinel.set(el, [g]);
      this.near.observe(el);
    }
  }

  private flush(g: Group): void {
    if (!this.groups.delete(g)) return;
    if (this.filling === g) this.filling = null;
    for (const el of g.sentinels) {
      const rest = (this.bySentinel.get(el) ?? []).filter((o) => o !== g);
      if (rest.length) this.bySentinel.set(el, rest);
      else {
        this.bySentinel.delete(el);
        this.near?.unobserve(el);
      }
    }
    // Jobs of one group come from consecutive chunks in document order; each node's are wrapped right to left.
    this.writing(() => {
      this.write(g.jobs);
    });
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
