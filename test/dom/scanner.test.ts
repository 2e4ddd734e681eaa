/**
 * The content script reads the page and the background detects it, batch by batch (content/detect). What a
 * reader would notice if the batching were wrong: a name cut between two requests not highlighted or
 * highlighted in the wrong place, a mention in a later batch not linked to the person named earlier, a page
 * broken when the background cannot answer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDetector, type ContextState, type Detector } from '../../src/core/detect';
import { detectBatch, PART_CHARS, type BatchResult } from '../../src/core/detect/batch';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { DETECT_BATCH_CHARS, DETECT_BATCH_PARTS } from '../../src/messaging/contract';
import { MENTION_TAG } from '../../src/content/highlight';
import { Scanner } from '../../src/content/scanner';

let kb: KnowledgeBase;
let detector: Detector;
beforeAll(() => {
  kb = new KnowledgeBase(loadKnowledge());
  detector = createDetector(kb);
});

/** The background's answer, crossing a message as JSON; every request is kept. */
function background(requests: string[][]) {
  return async (date: string, context: ContextState | null, parts: string[]): Promise<BatchResult> => {
    requests.push(parts);
    return JSON.parse(JSON.stringify(detectBatch(detector, kb, date, context, parts))) as BatchResult;
  };
}

const SENTENCE = 'Business Secretary Jonathan Reynolds met staff at Hitachi in Newton Aycliffe, and Reynolds said so. ';

describe('reading the page and detecting it in batches', () => {
  it('highlights every name of a 100 kB paragraph whose windows span several requests, each in its place', async () => {
    // One block of 1 kB spans: one chunk per 20 kB, read in windows of 16 kB, in batches of 32 kB then 256 kB.
    const span = `<span>${SENTENCE.repeat(10)}</span>`;
    document.body.innerHTML = `<p>${span.repeat(100)}</p><p>Mr Reynolds later left.</p>`;
    const requests: string[][] = [];
    const scanner = new Scanner(background(requests), '2025-01-10', () => DEFAULT_SETTINGS, (fn) => fn());
    await scanner.scan(document.body, new AbortController().signal);

    expect(requests.length).toBeGreaterThan(1);
    for (const parts of requests) {
      expect(parts.length).toBeLessThanOrEqual(DETECT_BATCH_PARTS);
      expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(PART_CHARS);
      expect(parts.join('').length).toBeLessThanOrEqual(DETECT_BATCH_CHARS);
    }
    const found = [...document.querySelectorAll(MENTION_TAG)].map((el) => `${el.textContent}=${el.getAttribute('data-entity')}`);
    // Four names a sentence ("Business Secretary" is carried by the name beside it), 1,000 sentences; a name cut
    // by a window's edge may be missed, but never a whole request's worth, and nothing is put in the wrong place.
    expect(found.length).toBeGreaterThan(3_990);
    expect(new Set(found)).toEqual(
      new Set(['Jonathan Reynolds=jonathan-reynolds', 'Hitachi=hitachi-rail', 'Newton Aycliffe=newton-aycliffe', 'Reynolds=jonathan-reynolds', 'Mr Reynolds=jonathan-reynolds']),
    );
    // The last paragraph, in the last request, still knows who "Mr Reynolds" is.
    expect(document.querySelectorAll('p')[1]!.querySelector(MENTION_TAG)?.getAttribute('data-entity')).toBe('jonathan-reynolds');
    expect(document.body.textContent).toBe(SENTENCE.repeat(1000) + 'Mr Reynolds later left.');
  });

  it('runs a scan of new content after the one still running, continuing its context', async () => {
    document.body.innerHTML = `<p>${SENTENCE}</p>`;
    const requests: string[][] = [];
    const scanner = new Scanner(background(requests), '2025-01-10', () => DEFAULT_SETTINGS, (fn) => fn());
    const first = scanner.scan(document.body, new AbortController().signal);
    const added = document.createElement('p');
    added.textContent = 'Later, Mr Reynolds spoke again.';
    document.body.append(added);
    const second = scanner.scan(added, new AbortController().signal);
    await Promise.all([first, second]);
    expect(added.querySelector(MENTION_TAG)?.textContent).toBe('Mr Reynolds');
    // The first scan read the added paragraph too (it was appended before the walk), the second found it wrapped.
    expect(document.querySelectorAll(`p ${MENTION_TAG}`).length).toBe(5);
  });

  it('detects the new paragraphs of a live page in one request, in the order given', async () => {
    document.body.innerHTML = `<p>${SENTENCE}</p>`;
    const requests: string[][] = [];
    const scanner = new Scanner(background(requests), '2025-01-10', () => DEFAULT_SETTINGS, (fn) => fn());
    await scanner.scan(document.body, new AbortController().signal);
    const added = ['Mr Reynolds arrived.', 'Hitachi hired staff.', 'Newton Aycliffe cheered.'].map((t) => {
      const p = document.createElement('p');
      p.textContent = t;
      document.body.append(p);
      return p;
    });
    requests.length = 0;
    await scanner.scan(added, new AbortController().signal);
    expect(requests).toEqual([['Mr Reynolds arrived.', 'Hitachi hired staff.', 'Newton Aycliffe cheered.']]);
    expect(added.map((p) => p.querySelector(MENTION_TAG)?.getAttribute('data-entity'))).toEqual(['jonathan-reynolds', 'hitachi-rail', 'newton-aycliffe']);
  });

  it('leaves the page as it was, and says why in the console, when the background cannot answer', async () => {
    document.body.innerHTML = `<p>${SENTENCE}</p>`;
    const html = document.body.innerHTML;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const scanner = new Scanner(
      () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      '2025-01-10',
      () => DEFAULT_SETTINGS,
      (fn) => fn(),
    );
    await expect(scanner.scan(document.body, new AbortController().signal)).resolves.toBe(0);
    expect(document.body.innerHTML).toBe(html);
    expect(warn).toHaveBeenCalledWith('Backstory could not highlight this page:', expect.any(Error));
    warn.mockRestore();
  });
});
