/**
 * A long page is read only as far as its reader needs: the first 64 kB at load, then on as the point where the
 * read stopped comes near the screen, as the keyboard focus moves on, or to the end when the popup asks. What a
 * reader would notice if this were wrong: a name near the screen never highlighted, a "Mr Reynolds" far down the
 * page linked to nobody (the context lost across the pause), text read twice (counted twice in the popup), or
 * the page's own new paragraphs waiting for a read that may never come.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDetector, type ContextState, type Detector } from '../../src/core/detect';
import { detectBatch, type BatchResult } from '../../src/core/detect/batch';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { MENTION_TAG } from '../../src/content/highlight';
import { Scanner } from '../../src/content/scanner';

let kb: KnowledgeBase;
let detector: Detector;
beforeAll(() => {
  kb = new KnowledgeBase(loadKnowledge());
  detector = createDetector(kb);
});

/** An IntersectionObserver whose answers the test gives: `near` for everything it watches. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(private readonly callback: (entries: unknown[]) => void) {
    FakeObserver.all.push(this);
  }
  observe(el: Element): void {
    this.targets.add(el);
  }
  unobserve(el: Element): void {
    this.targets.delete(el);
  }
  disconnect(): void {
    this.targets.clear();
  }
  takeRecords(): unknown[] {
    return [];
  }
  static answer(near: boolean): void {
    for (const o of FakeObserver.all) {
      const entries = [...o.targets].map((target) => ({
        target,
        isIntersecting: near,
        boundingClientRect: { top: near ? 100 : 9000, bottom: near ? 120 : 9020, width: 600, height: 20 },
        rootBounds: { top: -1600, bottom: 2400 },
      }));
      if (entries.length) o.callback(entries);
    }
  }
}

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const SENTENCE = 'Business Secretary Jonathan Reynolds met staff at Hitachi in Newton Aycliffe, and Reynolds said so. ';
/** About 1 kB a paragraph. */
const PARAGRAPH = SENTENCE.repeat(10);

function longPage(paragraphs: number): void {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p id="p${i}">${PARAGRAPH}<a href="#p${i}">link</a></p>`).join('');
  document.body.innerHTML = `${body}<p id="last">Mr Reynolds later left.</p>`;
}

function setUp() {
  const requests: string[][] = [];
  const scanner = new Scanner(
    async (date: string, context: ContextState | null, parts: string[]): Promise<BatchResult> => {
      requests.push(parts);
      return JSON.parse(JSON.stringify(detectBatch(detector, kb, date, context, parts))) as BatchResult;
    },
    '2025-01-10',
    () => DEFAULT_SETTINGS,
    (fn) => fn(),
  );
  let pauses = 0;
  let onPause: (() => void) | null = null;
  /** Resolves at the read's next pause. */
  const nextPause = (): Promise<void> => new Promise((resolve) => (onPause = resolve));
  const paused = nextPause();
  const reading = scanner.readDocument(document.body, new AbortController().signal, {
    paused: () => {
      pauses++;
      onPause?.();
    },
  });
  const charsRead = (): number => requests.flat().reduce((n, p) => n + p.length, 0);
  return { scanner, requests, reading, paused, nextPause, charsRead, pauses: () => pauses };
}

/**
 * A long page read to its pause at load; then `notYet` must not make the read go on, and `now` must make it
 * read on to its next pause. Says how much more `now` had read, and how many pauses there were before it.
 */
async function readOnlyWhen(notYet: (scanner: Scanner) => void, now: (scanner: Scanner) => void) {
  longPage(300);
  const { scanner, reading, paused, nextPause, charsRead, pauses } = setUp();
  await paused;
  const atLoad = charsRead();
  notYet(scanner);
  await new Promise((r) => setTimeout(r, 50));
  expect(charsRead()).toBe(atLoad);
  const before = pauses();
  const again = nextPause();
  now(scanner);
  await again;
  return {
    added: charsRead() - atLoad,
    pauses: before,
    finish: async (): Promise<void> => {
      await scanner.readAll();
      await reading;
    },
  };
}

const entityIn = (id: string): string | null | undefined => document.getElementById(id)?.querySelector(MENTION_TAG)?.getAttribute('data-entity');

describe('reading a long page as far as it is needed', () => {
  it('reads the first 64 kB at load, and the rest in order when the popup asks, each paragraph once', async () => {
    longPage(300);
    const { scanner, reading, paused, charsRead } = setUp();
    await paused;
    expect(charsRead()).toBeGreaterThanOrEqual(64 * 1024);
    expect(charsRead()).toBeLessThan(70 * 1024);
    expect(entityIn('p0')).toBe('jonathan-reynolds');
    expect(entityIn('p299')).toBeUndefined();
    expect(scanner.unread(document.getElementById('last')!)).toBe(true);

    await scanner.readAll();
    await reading;
    FakeObserver.answer(true); // the reader scrolls there: its highlights, which wait on a page this long, are written
    // "Mr Reynolds" in the last paragraph still knows the Jonathan Reynolds named 300 kB (and one pause) earlier.
    expect(entityIn('last')).toBe('jonathan-reynolds');
    expect(charsRead()).toBe(document.body.textContent!.length);
    expect(scanner.unread(document.getElementById('last')!)).toBe(false);
  });

  it('reads on, about 64 kB more, when where it stopped comes near the screen, and not while it stays far', async () => {
    const { added, pauses, finish } = await readOnlyWhen(
      () => FakeObserver.answer(false), // far below the screen: nothing more is read
      () => FakeObserver.answer(true), // the reader scrolled near it
    );
    expect(pauses).toBe(1);
    expect(added).toBeGreaterThanOrEqual(64 * 1024);
    expect(added).toBeLessThan(70 * 1024);
    expect(entityIn('p100')).toBe('jonathan-reynolds');
    expect(entityIn('last')).toBeUndefined();
    await finish();
  });

  it('reads on when the reader jumps past where it stopped (the observer sees no crossing then)', async () => {
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const scrollTo = (top: number) => (): void => {
      rect.mockReturnValue(new DOMRect(0, top, 600, 20));
      document.dispatchEvent(new Event('scroll'));
    };
    // Still far below the screen after the first scroll; the End key then puts it far above.
    const { added, finish } = await readOnlyWhen(scrollTo(50_000), scrollTo(-40_000));
    expect(added).toBeGreaterThan(60 * 1024);
    rect.mockRestore();
    await finish();
  });

  it('reads on when the keyboard focus moves past the middle of what was read ahead', async () => {
    const { added, finish } = await readOnlyWhen(
      (scanner) => scanner.focusMoved(document.querySelector('#p10 a')!), // near the top: no need yet
      (scanner) => scanner.focusMoved(document.querySelector('#p60 a')!), // a reader tabbing through the links, 60 kB down
    );
    expect(added).toBeGreaterThan(60 * 1024);
    await finish();
  });

  it('scans the page\'s changes above the stopping point while it waits, and leaves those below to the read', async () => {
    longPage(300);
    const { scanner, reading, paused, charsRead } = setUp();
    await paused;
    const top = document.createElement('p');
    top.textContent = 'Update: Mr Reynolds visited Hitachi again.';
    document.body.prepend(top);
    const bottom = document.createElement('p');
    bottom.id = 'appended';
    bottom.textContent = 'Later still, Mr Reynolds spoke.';
    document.body.append(bottom);

    expect(scanner.unread(top)).toBe(false);
    expect(scanner.unread(bottom)).toBe(true);
    // The waiting read does not hold the change back.
    await scanner.scan([top], new AbortController().signal);
    expect([...top.querySelectorAll(MENTION_TAG)].map((m) => m.textContent)).toEqual(['Mr Reynolds', 'Hitachi']);

    await scanner.readAll();
    await reading;
    FakeObserver.answer(true);
    expect(entityIn('appended')).toBe('jonathan-reynolds');
    // Nothing read twice: the page's text, once each.
    expect(charsRead()).toBe(document.body.textContent!.length);
  });

  it('reads an ordinary article to the end at once, without pausing', async () => {
    document.body.innerHTML = `<p>${PARAGRAPH}</p><p id="last">Mr Reynolds later left.</p>`;
    const { reading, pauses } = setUp();
    await reading;
    expect(pauses()).toBe(0);
    expect(entityIn('last')).toBe('jonathan-reynolds');
  });
});
