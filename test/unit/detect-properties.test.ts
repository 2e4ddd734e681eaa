/**
 * Properties that hold for any input, however malformed: offsets inside the text, `text` equal to the slice,
 * never a throw, and work that grows linearly with the length of the text (measured by counting characters
 * read, not with timers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector, detectWithStats, type Mention } from '../../src/core/detect/index';
import { testKb } from './detect-test-kb';

const kb = testKb();
const detector = createDetector(kb);

/** Fragments that exercise the engine: names, titles, separators, odd characters. */
const FRAGMENTS = [
  'Hitachi', 'HITACHI', 'Hitachi Rail', 'Hitachi Energy', 'Newton', 'Aycliffe', 'Newton Aycliffe', 'Aycliffe Village',
  'Jonathan', 'Reynolds', 'Mr', 'Mr.', 'Ms', 'Sir', 'Keir', 'Starmer', 'The', 'the', 'Rt', 'Hon', 'MP', 'Lord', 'Hendy',
  'Prime', 'Minister', 'PM', 'Secretary', 'of', 'State', 'for', 'Transport', 'Business', 'and', 'Trade', 'May',
  'shadow', 'former', 'Israeli', 'as', '12:35', '5', 'Chancellor', 'rail', 'minister', 'Ryan', "'s", '’s', '’', "'",
  ' ', '  ', '\n', '\u00a0', '\u00ad', '\u200b', '-', '‑', ',', '.', ':', '"', '“', '(', '\ud83d\ude00', '\ud800', 'é', 'Ж',
];

const textArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((parts) => parts.join(' ')),
);
const dateArb = fc.constantFrom('2015-03-18', '2017-11-16', '2023-12-14', '2024-07-05', '2025-01-10', '1999-01-01');

function wellFormed(text: string, ms: Mention[]): void {
  let last = -1;
  for (const m of ms) {
    expect(Number.isInteger(m.start) && Number.isInteger(m.end)).toBe(true);
    expect(m.start).toBeGreaterThanOrEqual(0);
    expect(m.end).toBeLessThanOrEqual(text.length);
    expect(m.start).toBeLessThan(m.end);
    expect(m.text).toBe(text.slice(m.start, m.end));
    expect(m.start).toBeGreaterThanOrEqual(last); // in order, not overlapping
    last = m.end;
    expect(kb.entity(m.entity)?.name).toBe(m.name);
  }
}

describe('detector properties', () => {
  it('returns well-formed mentions for any text and never throws', () => {
    fc.assert(
      fc.property(textArb, dateArb, (text, date) => {
        wellFormed(text, detector.detect(text, detector.newContext(date)));
      }),
      { numRuns: 1500 },
    );
  });

  it('returns well-formed mentions when a document is fed in arbitrary chunks', () => {
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 6 }), dateArb, (chunks, date) => {
        const ctx = detector.newContext(date);
        for (const chunk of chunks) wellFormed(chunk, detector.detect(chunk, ctx));
      }),
      { numRuns: 300 },
    );
  });

  it('reads each character a bounded number of times, whatever the text (linear cost)', () => {
    fc.assert(
      fc.property(textArb, (unit) => {
        fc.pre(unit.length > 0);
        const small = unit.repeat(20);
        const large = unit.repeat(200);
        const a = { charsRead: 0 };
        const b = { charsRead: 0 };
        detectWithStats(detector, small, detector.newContext('2025-01-10'), a);
        detectWithStats(detector, large, detector.newContext('2025-01-10'), b);
        // Per character, the large text costs no more than the small one (plus slack for the edges).
        expect(b.charsRead / large.length).toBeLessThanOrEqual(a.charsRead / small.length + 1);
        // And every character is read a bounded number of times.
        expect(b.charsRead).toBeLessThanOrEqual(large.length * 40);
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on adversarial repetitions (long runs of title words, spaces and name prefixes)', () => {
    const adversarial = [
      'Secretary of State for ',
      'The Rt Hon Sir ',
      'Newton ',
      'Hitachi ' + ' '.repeat(50),
      'Mr. Mr. ',
      '\u00ad',
      'Reynolds Reynolds ',
    ];
    for (const unit of adversarial) {
      const stats = [1_000, 10_000, 100_000].map((n) => {
        const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
        const s = { charsRead: 0 };
        detectWithStats(detector, text, detector.newContext('2025-01-10'), s);
        return s.charsRead / text.length;
      });
      expect(stats[2]!, unit).toBeLessThanOrEqual(stats[0]! * 1.1 + 1);
      expect(stats[2]!, unit).toBeLessThanOrEqual(40);
    }
  });
});
