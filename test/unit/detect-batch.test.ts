/**
 * The content script reads the page and the background detects it batch by batch, the document's context
 * travelling as plain data with each batch. Whatever the cut, a reader must see exactly what one pass over the
 * page would find: "Mr Reynolds" in the third batch still means the Jonathan Reynolds named in the first.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDetector, type ContextState, type Mention } from '../../src/core/detect/index';
import { detectBatch, joinParts, PART_CHARS, splitParts } from '../../src/core/detect/batch';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { loadKnowledge } from '../../src/knowledge/load-node';

const kb = new KnowledgeBase(loadKnowledge());
const detector = createDetector(kb);
const fixture = (name: string): string[] =>
  readFileSync(new URL(`../fixtures/detect/${name}`, import.meta.url), 'utf8').split(/\n\s*\n/).filter((p) => p.trim());

const show = (m: Mention): string => `${m.start}-${m.end} ${m.text}=${m.entity}/${m.kind}/${m.office ?? ''}`;

/** One context for the whole document, paragraph by paragraph: what the page would show read in one go. */
function inOnePass(paragraphs: string[], date: string): string[][] {
  const ctx = detector.newContext(date);
  return paragraphs.map((p) => detector.detect(p, ctx).map(show));
}

/** Batches of `size` paragraphs, the context crossing a JSON message between them. */
function inBatches(paragraphs: string[], date: string, size: number): string[][] {
  let context: ContextState | null = null;
  const out: string[][] = [];
  for (let i = 0; i < paragraphs.length; i += size) {
    const r = detectBatch(detector, kb, date, context, paragraphs.slice(i, i + size));
    context = JSON.parse(JSON.stringify(r.context)) as ContextState;
    for (const ms of r.mentions) out.push(ms.map(show));
  }
  return out;
}

describe('detection in batches with the context carried between them', () => {
  for (const [file, date] of [
    ['02-business-secretary-2025-01.txt', '2025-01-10'],
    ['04-prime-minister-2024-10.txt', '2024-10-10'],
    ['07-foreign-page-2015-03.txt', '2015-03-10'],
    ['14-may-2019-05.txt', '2019-05-10'],
  ] as const) {
    it(`finds in ${file} exactly what one pass finds, batch by batch of 1, 2 or 3 paragraphs`, () => {
      const paragraphs = fixture(file);
      const whole = inOnePass(paragraphs, date);
      expect(whole.flat().length).toBeGreaterThan(2);
      for (const size of [1, 2, 3]) expect(inBatches(paragraphs, date, size)).toEqual(whole);
    });
  }

  it('links a short form in a later batch to the full name of an earlier one, and not without it', () => {
    const first = detectBatch(detector, kb, '2025-01-10', null, ['Business Secretary Jonathan Reynolds visited the plant.']);
    const later = detectBatch(detector, kb, '2025-01-10', first.context, ['Reynolds said the deal was done.']);
    expect(later.mentions[0]!.map((m) => [m.text, m.entity, m.type])).toEqual([['Reynolds', 'jonathan-reynolds', 'person']]);
    const alone = detectBatch(detector, kb, '2025-01-10', null, ['Reynolds said the deal was done.']);
    expect(alone.mentions[0]).toEqual([]);
  });

  it('starts afresh when the context is of another date (a new article in the same tab)', () => {
    const first = detectBatch(detector, kb, '2025-01-10', null, ['Business Secretary Jonathan Reynolds visited the plant.']);
    const other = detectBatch(detector, kb, '2013-06-01', first.context, ['Reynolds said the deal was done.']);
    expect(other.mentions[0]).toEqual([]);
    expect(other.context.date).toBe('2013-06-01');
  });

  it('gives each mention its entity type, for the reader’s per-type settings', () => {
    const r = detectBatch(detector, kb, '2025-01-10', null, ['Hitachi Rail in Newton Aycliffe, with the Business Secretary, Jonathan Reynolds.']);
    expect(r.mentions[0]!.map((m) => `${m.entity}:${m.type}`)).toEqual([
      'hitachi-rail:organisation',
      'newton-aycliffe:place',
      'jonathan-reynolds:person',
    ]);
  });
});

describe('a batch on the wire: one text and the end of each part', () => {
  it('gives back the very parts that were joined, empty ones included', () => {
    const parts = ['Hitachi Rail', '', 'Mr Reynolds said.', 'e\u0301 😀'];
    const { text, ends } = joinParts(parts);
    expect(splitParts(text, ends)).toEqual(parts);
  });

  it('refuses ends that are out of order, past the text, short of it, or make a part longer than allowed', () => {
    expect(splitParts('abcdef', [4, 2, 6])).toBeNull();
    expect(splitParts('abcdef', [3, 7])).toBeNull();
    expect(splitParts('abcdef', [3])).toBeNull();
    expect(splitParts('x'.repeat(PART_CHARS + 1), [PART_CHARS + 1])).toBeNull();
    expect(splitParts('x'.repeat(PART_CHARS + 1), [PART_CHARS, PART_CHARS + 1])).toHaveLength(2);
  });
});
