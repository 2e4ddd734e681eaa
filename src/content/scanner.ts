/**
 * Reads page text in document order and has it detected, then wraps what was found. The page is only read here:
 * the text goes to the background in batches (content/detect), which detects it away from the page's main
 * thread and hands back the mentions with the document's context for the next batch; so a short form
 * ("Mr Reynolds") can rely on the full name earlier in the page, and the page's main thread pays only for
 * reading and wrapping. Reading runs in time slices (SLICE_BUDGET_MS) and goes on while a batch is detected.
 *
 * On a very long page (a live blog, megabytes of text) wrapping every mention at once would cost the reader
 * seconds of main-thread time, mostly the browser laying the page out again around each new element. So once
 * a page has shown both EAGER_MENTIONS mentions and EAGER_CHARS of text, a block's mentions are wrapped only
 * when it comes within NEAR_VIEWPORT of the screen.
 *
 * Nor is such a page read all at once (readDocument): the first START_CHARS of text are read at load, and after
 * that the read goes on only as it is needed, LOOKAHEAD_CHARS at a time, always in document order (so who is who
 * is decided as before): when the point where reading stopped comes within NEAR_VIEWPORT of the screen, when the
 * keyboard focus moves into the last half of the text read, and to the end when the popup is opened (its list
 * counts every mention of the page) or a "jump to" needs it. A reader who never scrolls a 5 MB live blog pays for
 * reading what they see, not 5 MB.
 */
import type { BatchResult, TypedMention } from '../core/detect/batch';
import type { ContextState } from '../core/detect/index';
import type { Settings } from '../core/settings';
import { PART_CHARS } from '../core/detect/batch';
import { DETECT_BATCH_PARTS } from '../messaging/contract';
import { createMentionElement, wrapRange } from './highlight';
import { SLICE_BUDGET_MS } from './timings';
import { chunks, insideLink, type Chunk, type ReadCursor } from './walk';
import { yieldToPage } from './yield';

/** Detection of the next texts of the document (the background, through content/detect; or in-process). */
export type DetectRemote = (date: string, context: ContextState | null, parts: string[]) => Promise<BatchResult>;

/** Longest text detected as one part: a 10 MB text node is read in windows, cut at a line or sentence end. */
const WINDOW = PART_CHARS;

/**
 * Text per detection request. The first is small, so an article's first screen is highlighted after one short
 * round trip; later ones are larger (fewer messages), and well under the message limits (contract.ts).
 */
const FIRST_BATCH_CHARS = 32_768;
const BATCH_CHARS = 131_072;
const BATCH_PARTS = Math.min(4_096, DETECT_BATCH_PARTS);

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

/**
 * A document is read at load up to START_CHARS (every ordinary article is shorter: the demo is 7 kB, long
 * features 30-60 kB), then LOOKAHEAD_CHARS further each time more is needed: 64 kB is about 15 screens of text,
 * so a reader scrolling or tabbing never catches up with the read, which takes a few milliseconds a step.
 */
const START_CHARS = 65_536;
const LOOKAHEAD_CHARS = 65_536;

/** Called as the document read goes along (readDocument). */
export interface ReadHooks {
  /** Everything present has been read, or as much as is needed for now: changes can be watched from here. */
  read?: () => void;
  /** The read stopped until more is needed (the popup's list is not complete yet). */
  paused?: () => void;
}

/** The document read's progress, while it may still pause. */
interface Demand {
  cursor: ReadCursor;
  /** Characters read so far, and how many to read before pausing (Infinity: to the end). */
  read: number;
  need: number;
  /** A text node half a lookahead before `need`: the focus moving past it reads on. */
  lowWater: Text | null;
  /** Set while paused: goes on reading. */
  wake: (() => void) | null;
  /** Resolves when the read has reached the end of the document (or stopped for good). */
  finished: Promise<void>;
  finish: () => void;
}

/** Text read and waiting for detection: one part per chunk, or a long chunk's windows (which may span batches). */
interface Part {
  text: string;
  chunk: Chunk;
  /** Offset of the part in its chunk's text. */
  offset: number;
  /** The chunk's last part: its mentions are complete once this part is detected. */
  last: boolean;
}
interface Batch {
  parts: Part[];
  chars: number;
}

const newBatch = (): Batch => ({ parts: [], chars: 0 });

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
  m: TypedMention;
  first: boolean;
}

export class Scanner {
  readonly seen = new Set<string>();
  /** The document's detection context after the last batch detected (null: nothing detected yet). */
  private context: ContextState | null = null;
  /**
   * Scans run one after the other (each continues the context of the one before); a paused document read lets
   * the scans of the page's changes run meanwhile. This is the end of the queue.
   */
  private tail: Promise<void> = Promise.resolve();
  /** The document read, while it may still pause; and the observer that watches where it stopped. */
  private demand: Demand | null = null;
  private frontier: IntersectionObserver | null = null;
  private onScroll: (() => void) | null = null;
  /** Bumped by reset(): a scan still running for the old document stops writing. */
  private generation = 0;
  /** A long chunk whose windows are not all detected yet, and its mentions so far. */
  private open: { chunk: Chunk; found: TypedMention[] } | null = null;
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
    private readonly detect: DetectRemote,
    readonly date: string,
    private settings: () => Settings,
    /** Called around every batch of our own DOM writes so the mutation observer can ignore them. */
    private readonly writing: (fn: () => void) => void,
  ) {}

  /** Restart the document context (after highlighting was switched off and on). */
  reset(): void {
    this.generation++;
    this.endDemand();
    this.open = null;
    this.seen.clear();
    this.context = null;
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
  deferred(): TypedMention[] {
    const out: TypedMention[] = [];
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

  /**
   * Scan subtrees, in the order given (after any scan still running); resolves when done or aborted, with the
   * number of mentions wrapped. `read` is called once they have all been read (the last batch may still be
   * detected). Several subtrees in one scan share batches: a live page's new paragraphs cost one request.
   */
  async scan(roots: Node | readonly Node[], signal: AbortSignal, read?: () => void): Promise<number> {
    const list = Array.isArray(roots) ? (roots as readonly Node[]) : [roots as Node];
    const lock = { release: await this.acquire() };
    try {
      return await this.run(list, signal, { read }, null, lock);
    } finally {
      lock.release();
    }
  }

  /**
   * Read the document (the page's body) as far as it is needed now, and on as it is needed later (see the top of
   * this file); resolves once it has been read to the end, or aborted. Without IntersectionObserver it is read
   * to the end at once.
   */
  async readDocument(root: Node, signal: AbortSignal, hooks: ReadHooks): Promise<number> {
    this.endDemand();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const lazy = typeof IntersectionObserver === 'function';
    const demand: Demand = { cursor: { last: null, resumed: false }, read: 0, need: lazy ? START_CHARS : Infinity, lowWater: null, wake: null, finished, finish };
    this.demand = demand;
    const lock = { release: await this.acquire() };
    try {
      return await this.run([root], signal, hooks, demand, lock);
    } finally {
      lock.release();
      if (this.demand === demand) this.endDemand();
      finish();
    }
  }

  /** Is the document read still to reach this node (it comes after where the read stopped)? */
  unread(node: Node): boolean {
    const last = this.demand?.cursor.last;
    return !!last && last.isConnected && !!(last.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  /** Read the rest of the document now (the popup's list, "jump to"); resolves when it is read. */
  readAll(): Promise<void> {
    const d = this.demand;
    if (!d) return Promise.resolve();
    d.need = Infinity;
    d.wake?.();
    return d.finished;
  }

  /** The keyboard focus moved: past the middle of the text read ahead, the read goes on. */
  focusMoved(target: Node): void {
    const d = this.demand;
    if (d && pastLowWater(d, target)) this.readOn();
  }

  /** A paused read goes on for another LOOKAHEAD_CHARS. */
  private readOn(): void {
    const d = this.demand;
    if (!d?.wake || d.need === Infinity) return;
    extend(d);
    d.wake();
  }

  private endDemand(): void {
    const d = this.demand;
    this.demand = null;
    this.unwatchFrontier();
    this.frontier = null;
    d?.wake?.();
  }

  /** Has the read stopped close to the screen, or above it? Then it goes on (checked while paused). */
  private watchFrontier(d: Demand): void {
    const el = d.cursor.last?.parentElement;
    if (!el) return;
    this.frontier ??= new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        if (!e) return;
        const r = e.boundingClientRect;
        // Near the screen, above it (the page was opened scrolled down), or not laid out at all (then its
        // place cannot be told: read on rather than stop for good).
        if (e.isIntersecting || (e.rootBounds && r.bottom < e.rootBounds.top) || (r.width === 0 && r.height === 0)) this.readOn();
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    this.frontier.disconnect();
    this.frontier.observe(el);
    // A jump (a link to a fragment, the End key, a drag of the scrollbar) can carry the screen past where the read
    // stopped without the observer ever seeing it near (it reports only crossings). So after a scroll, where that
    // paragraph now is is looked at, once a frame: layout is clean then, so this costs no layout.
    let queued = false;
    const check = (): void => {
      queued = false;
      if (this.demand === d && d.wake && el.getBoundingClientRect().top < 3 * window.innerHeight) this.readOn();
    };
    this.onScroll = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(check);
    };
    document.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
  }

  private unwatchFrontier(): void {
    this.frontier?.disconnect();
    if (this.onScroll) document.removeEventListener('scroll', this.onScroll, { capture: true });
    this.onScroll = null;
  }

  /** Wait for the scans before this one; the returned function lets the next one go. */
  private acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => held);
    return before.then(() => release);
  }

  private async run(roots: readonly Node[], signal: AbortSignal, hooks: ReadHooks, demand: Demand | null, lock: { release: () => void }): Promise<number> {
    const generation = this.generation;
    try {
      return await this.read(roots, signal, generation, hooks, demand, lock);
    } catch (err) {
      // Detection failed (the background could not answer): what was written stays, the rest of this scan is
      // given up, and the next change of the page starts a new one.
      if (!signal.aborted && generation === this.generation) console.warn('Backstory could not highlight this page:', err);
      return 0;
    } finally {
      this.open = null;
    }
  }

  private async read(
    roots: readonly Node[],
    signal: AbortSignal,
    generation: number,
    hooks: ReadHooks,
    demand: Demand | null,
    lock: { release: () => void },
  ): Promise<number> {
    const live = (): boolean => !signal.aborted && generation === this.generation;
    let wrapped = 0;
    let sliceStart = performance.now();
    // Reading the clock costs about a microsecond: on a page of 25,000 paragraphs, asking after each one took
    // longer than reading them. So it is read after every CLOCK_CHARS characters only.
    let sinceClock = 0;
    let batch = newBatch();
    /** The batch being detected: the next one is sent when its answer (and the context) is back. */
    let inFlight: Promise<number> | null = null;
    let watching = false;
    const send = (b: Batch): Promise<number> =>
      this.detect(
        this.date,
        this.context,
        b.parts.map((p) => p.text),
      ).then((answer) => {
        if (!live()) return 0;
        this.context = answer.context;
        return this.apply(b, answer);
      });
    const iterator = allChunks(roots, demand?.cursor);
    for (;;) {
      if (demand && demand.read >= demand.need) {
        // Read as far as is needed for now: have it all detected and written, then wait until more is needed.
        if (inFlight) wrapped += await inFlight;
        inFlight = batch.parts.length && live() ? send(batch) : null;
        batch = newBatch();
        if (inFlight) wrapped += await inFlight;
        inFlight = null;
        if (!live()) return wrapped;
        if (!watching) hooks.read?.();
        watching = true;
        if (this.stillNeeded(demand)) continue;
        hooks.paused?.();
        this.seal(); // the changes scanned meanwhile start groups of their own
        this.watchFrontier(demand);
        lock.release(); // the scans of the page's changes may run meanwhile
        await new Promise<void>((resolve) => {
          demand.wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        demand.wake = null;
        this.unwatchFrontier();
        lock.release = await this.acquire();
        if (!live() || this.demand !== demand) return wrapped;
        demand.cursor.resumed = true;
        sliceStart = performance.now();
      }
      const next = iterator.next();
      if (next.done) break;
      const chunk = next.value;
      const pieces = chunk.text.length <= WINDOW ? [[0, chunk.text] as const] : [...windows(chunk.text)];
      if (demand) {
        demand.read += chunk.text.length;
        if (!demand.lowWater && demand.read >= demand.need - LOOKAHEAD_CHARS / 2) demand.lowWater = chunk.nodes[0] ?? null;
      }
      for (let i = 0; i < pieces.length; i++) {
        if (!live()) return wrapped;
        const [offset, text] = pieces[i]!;
        batch.parts.push({ text, chunk, offset, last: i === pieces.length - 1 });
        batch.chars += text.length;
        // The first batch of a document is small; it is awaited below, so every later one sees the context.
        if (batch.chars >= (this.context ? BATCH_CHARS : FIRST_BATCH_CHARS) || batch.parts.length >= BATCH_PARTS) {
          if (inFlight) wrapped += await inFlight;
          if (!live()) return wrapped;
          const opening = this.context === null;
          inFlight = send(batch);
          inFlight.catch(() => undefined); // handled where it is awaited, after the next slice of reading
          batch = newBatch();
          if (opening) {
            // The page's first screen: wait for it rather than read on, so that its highlights are written as
            // soon as the answer is back, not after the next slice of reading.
            wrapped += await inFlight;
            inFlight = null;
          }
        }
        sinceClock += text.length + CHUNK_COST_CHARS;
        if (sinceClock >= CLOCK_CHARS) {
          sinceClock = 0;
          if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
            await yieldToPage(signal);
            if (!live()) return wrapped;
            sliceStart = performance.now();
          }
        }
      }
    }
    if (!watching) hooks.read?.();
    if (inFlight) wrapped += await inFlight;
    if (batch.parts.length && live()) wrapped += await send(batch);
    if (live()) this.seal();
    return wrapped;
  }

  /**
   * At a pause: is more needed already? The popup may have asked meanwhile, or the keyboard focus may be past
   * the middle of what was read ahead (a reader tabbing on). Then the read goes on at once.
   */
  private stillNeeded(d: Demand): boolean {
    if (d.read < d.need) return true;
    const focus = document.activeElement;
    if (!focus || focus === document.body || !pastLowWater(d, focus)) return false;
    extend(d);
    return true;
  }

  /** Wraps (or defers) one detected batch's mentions, chunk by chunk in document order. */
  private apply(batch: Batch, answer: BatchResult): number {
    let wrapped = 0;
    batch.parts.forEach((part, i) => {
      const open = this.open?.chunk === part.chunk ? this.open : (this.open = { chunk: part.chunk, found: [] });
      for (const m of answer.mentions[i] ?? []) {
        if (this.shown(m) && !splitsCharacter(part.text, m.start, m.end)) {
          open.found.push(part.offset ? { ...m, start: m.start + part.offset, end: m.end + part.offset } : m);
        }
      }
      if (!part.last) return;
      this.open = null;
      const { chunk, found } = open;
      this.chars += chunk.text.length;
      if (!found.length) return;
      const jobs = this.prepare(chunk, found);
      if (this.eager < EAGER_MENTIONS || this.chars < EAGER_CHARS || typeof IntersectionObserver !== 'function') {
        this.eager += jobs.length;
        this.writing(() => {
          wrapped += this.write(jobs);
        });
      } else this.defer(jobs);
    });
    return wrapped;
  }

  private shown(m: TypedMention): boolean {
    return this.settings().types[m.type];
  }

  /**
   * Where each mention of one chunk goes, in document order (which mention is its entity's first is decided
   * here, whenever it is written). Mentions that cross text nodes are left unwrapped (still counted as seen).
   */
  private prepare(chunk: Chunk, mentions: TypedMention[]): Job[] {
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
      const el = wrapRange(node, start, end, () =>
        createMentionElement(node.ownerDocument, m, { type: m.type, first, style: s.style, emphasis: s.emphasis, inLink: insideLink(node) }),
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

/** Does `node` come after the middle of what the read has read ahead? */
function pastLowWater(d: Demand, node: Node): boolean {
  return !!d.lowWater?.isConnected && !!(d.lowWater.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** Read another LOOKAHEAD_CHARS from where the read stands. */
function extend(d: Demand): void {
  d.need = d.read + LOOKAHEAD_CHARS;
  d.lowWater = null;
}

function* allChunks(roots: readonly Node[], cursor?: ReadCursor): Generator<Chunk> {
  for (const root of roots) if (root.isConnected) yield* chunks(root, undefined, cursor);
}

/**
 * A match whose edge falls inside a user-perceived character is not the name: "Aycliffe\u0301" is "Aycliffé",
 * and "e\u0301Newton" is one word. (The detector treats combining marks as word boundaries.) Wrapping such a
 * match would also cut a base letter from its accent.
 */
export function splitsCharacter(text: string, start: number, end: number): boolean {
  // Nearly always: plain characters on both edges (no combining mark or joiner is below U+0300).
  if (text.charCodeAt(end) < 0x300 || end >= text.length) {
    const before = start > 0 ? text.charCodeAt(start - 1) : 0;
    if (before < 0x300 && text.charCodeAt(start) < 0x300) return false;
  }
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
