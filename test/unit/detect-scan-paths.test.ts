/**
 * The scanner's fast paths must not change what is found: words are scanned without branching at their ends
 * (ignorable characters take a side path), long runs of white space (page indentation, blank lines) are
 * skipped by a regex rather than character by character, and the objects that hold candidate matches are
 * reused from one call to the next. These tests put names right after, between and before such runs and
 * characters, compare the scanner with a plain word-by-word reading, and interleave documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector, type Mention } from '../../src/core/detect/index';
import { FOLD_TABLE, IGNORABLE, NOT_WORD } from '../../src/core/detect/normalise';
import { compile } from '../../src/core/detect/patterns';
import { scanWords, type AnchorSet } from '../../src/core/detect/scan';
import { testKb } from './detect-test-kb';

const kb = testKb();
const detector = createDetector(kb);

function detect(text: string, date = '2025-01-10'): Mention[] {
  return detector.detect(text, detector.newContext(date));
}

/** Mentions as "text@start=entity/kind". */
function shown(ms: Mention[]): string[] {
  return ms.map((m) => `${m.text}@${m.start}=${m.entity}/${m.kind}`);
}

/** Every kind of white space a page's text puts between blocks, in runs shorter and longer than the regex's threshold. */
const RUNS = [
  ' '.repeat(7),
  ' '.repeat(8),
  ' '.repeat(9),
  ' '.repeat(300),
  '\t'.repeat(40),
  '\n'.repeat(25),
  '\r\n'.repeat(30),
  '\u00a0'.repeat(20),
  ' \t\n\r\f\v\u00a0'.repeat(12),
  '\n' + ' '.repeat(24) + '\n' + ' '.repeat(24),
];

describe('names around long runs of white space', () => {
  it('finds a name right after a run, at its exact offset', () => {
    for (const run of RUNS) {
      const text = `${run}Hitachi Rail`;
      expect(shown(detect(text)), JSON.stringify(run)).toEqual([`Hitachi Rail@${run.length}=hitachi-rail/name`]);
    }
  });

  it('finds names before, between and after runs, and runs at the end of the text', () => {
    for (const run of RUNS) {
      const text = `Jonathan Reynolds, a Labour minister, visited Newton Aycliffe.${run}Mr Reynolds said${run}Hitachi${run}`;
      expect(shown(detect(text)), JSON.stringify(run)).toEqual([
        'Jonathan Reynolds@0=jonathan-reynolds/name',
        `Newton Aycliffe@${text.indexOf('Newton')}=newton-aycliffe/name`,
        `Mr Reynolds@${text.indexOf('Mr Reynolds')}=jonathan-reynolds/honorific`,
        `Hitachi@${text.indexOf('Hitachi')}=hitachi-rail/alias`,
      ]);
    }
  });

  it('does not join a word to the next one across a run of punctuation and white space', () => {
    const text = `Newton${' '.repeat(3)}.${' '.repeat(40)}, Aycliffe`;
    expect(shown(detect(text))).toEqual([`Aycliffe@${text.indexOf('Aycliffe')}=newton-aycliffe/alias`]);
  });

  it('gives the same mentions whether a page is detected whole or block by block', () => {
    const blocks = [
      '\n      \n      Hitachi Rail builds trains in Newton Aycliffe.\n      \n',
      '        \n        The Business Secretary, Jonathan Reynolds, visited the plant.\n\n\n',
      '                                                  \n',
      '      Mr Reynolds said Hitachi would stay.      ',
    ];
    const whole = blocks.join('');
    const ctx = detector.newContext('2025-01-10');
    const parts: string[] = [];
    let at = 0;
    for (const b of blocks) {
      for (const m of detector.detect(b, ctx)) parts.push(`${m.text}@${m.start + at}=${m.entity}/${m.kind}`);
      at += b.length;
    }
    expect(parts).toEqual(shown(detect(whole)));
    // The name beside the title carries the mention ("The Business Secretary, Jonathan Reynolds").
    expect(parts).toEqual([
      `Hitachi Rail@${whole.indexOf('Hitachi Rail')}=hitachi-rail/name`,
      `Newton Aycliffe@${whole.indexOf('Newton')}=newton-aycliffe/name`,
      `Jonathan Reynolds@${whole.indexOf('Jonathan')}=jonathan-reynolds/name`,
      `Mr Reynolds@${whole.indexOf('Mr Reynolds')}=jonathan-reynolds/honorific`,
      `Hitachi@${whole.lastIndexOf('Hitachi')}=hitachi-rail/alias`,
    ]);
  });
});

/** The words a plain reading reports: every maximal run of word characters whose folded hash is an anchor. */
function plainAnchors(text: string, anchors: AnchorSet): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (FOLD_TABLE[text.charCodeAt(i)] === NOT_WORD) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    for (; i < text.length && FOLD_TABLE[text.charCodeAt(i)] !== NOT_WORD; i++) {
      const f = FOLD_TABLE[text.charCodeAt(i)]!;
      if (f !== IGNORABLE) h = (Math.imul(h, 31) + f) | 0;
    }
    if (anchors.anchorOf(h)) out.push(`${start}-${i}`);
  }
  return out;
}

function scannedAnchors(text: string, anchors: AnchorSet): string[] {
  const out: string[] = [];
  scanWords(text, anchors, {
    onAnchor(start, end) {
      out.push(`${start}-${end}`);
      return end;
    },
  });
  return out;
}

describe('the scanner against a plain word-by-word reading', () => {
  const anchors = compile(kb).anchors;
  const PIECES = [
    'Hitachi', 'Reynolds', 'Prime', 'Minister', 'Mr', 'Sir', 'the', 'of', 'rail', 'x', '12', 'é', 'Ж', '\u00ad', '\u200b', '\ufeff',
    ' ', '  ', '\n', '\t', '\u00a0', '\u0001', '.', ',', '-', '’', '\ud83d\ude00', '\ud800', ' '.repeat(15), ' '.repeat(16), ' '.repeat(17),
    '\n'.repeat(40), ' \t\n'.repeat(9),
  ];
  it('reports the same anchor words at the same offsets, whatever the text', () => {
    const textArb = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(textArb, (text) => {
        expect(scannedAnchors(text, anchors)).toEqual(plainAnchors(text, anchors));
      }),
      { numRuns: 600 },
    );
  });

  it('finds a name after a run of white space of any length and alignment', () => {
    for (let pad = 0; pad < 20; pad++) {
      for (let run = 1; run < 50; run++) {
        const text = `${'a'.repeat(pad)}${' '.repeat(run)}Hitachi Rail ${'\n'.repeat(run)}Mr Reynolds`;
        expect(scannedAnchors(text, anchors)).toEqual(plainAnchors(text, anchors));
      }
    }
  });

  it('finds names written with soft hyphens and zero-width characters, at their exact offsets', () => {
    const text = 'Hita\u00adchi Rail and Jonathan \u200bRey\u00adnolds met the Prime\u00ad Minister\u200b. Mr \ufeffReynolds said.';
    expect(shown(detect(text))).toEqual([
      `Hita\u00adchi Rail@0=hitachi-rail/name`,
      `Jonathan \u200bRey\u00adnolds@${text.indexOf('Jonathan')}=jonathan-reynolds/name`,
      `Prime\u00ad Minister\u200b@${text.indexOf('Prime')}=keir-starmer/role`,
      `Mr \ufeffReynolds@${text.indexOf('Mr ')}=jonathan-reynolds/honorific`,
    ]);
  });
});

describe('match objects reused between calls', () => {
  it('detects documents interleaved part by part exactly as it detects each alone', () => {
    const a = ['Jonathan Reynolds visited Hitachi Rail.', ' Mr Reynolds met the Prime Minister.', ' Reynolds later spoke in Newton Aycliffe.'];
    const b = ['Ryan Reynolds is an actor.', ' Reynolds starred in a film.', ' The Transport Secretary, Louise Haigh, went to Aycliffe.'];
    const alone = (parts: string[]): string[][] => {
      const ctx = detector.newContext('2024-09-01');
      return parts.map((p) => shown(detector.detect(p, ctx)));
    };
    const ctxA = detector.newContext('2024-09-01');
    const ctxB = detector.newContext('2024-09-01');
    const gotA: string[][] = [];
    const gotB: string[][] = [];
    for (let i = 0; i < a.length; i++) {
      gotA.push(shown(detector.detect(a[i]!, ctxA)));
      gotB.push(shown(detector.detect(b[i]!, ctxB)));
    }
    expect(gotA).toEqual(alone(a));
    expect(gotB).toEqual(alone(b));
    // The two documents differ just where a leak would show: A's "Reynolds" is the minister, B's the actor.
    expect(gotA).toEqual([
      ['Hitachi Rail@26=hitachi-rail/name'],
      ['Mr Reynolds@1=jonathan-reynolds/honorific', 'Prime Minister@21=keir-starmer/role'],
      ['Reynolds@1=jonathan-reynolds/name', 'Newton Aycliffe@25=newton-aycliffe/name'],
    ]);
    expect(gotB).toEqual([[], [], ['Louise Haigh@26=louise-haigh/name', 'Aycliffe@48=newton-aycliffe/alias']]);
  });

  it('does not carry a styled name\'s honorific over to the next text\'s plain names', () => {
    expect(shown(detect('The Rt Hon John Healey MP spoke.', '2024-09-01'))).toEqual(['The Rt Hon John Healey MP@0=john-healey/honorific']);
    // A full name with a common surname, in a text not about politics: someone else, not linked.
    expect(shown(detect('Jonathan Reynolds spoke.', '2024-09-01'))).toEqual([]);
    expect(shown(detect('Jonathan Reynolds, the minister, spoke.', '2024-09-01'))).toEqual(['Jonathan Reynolds@0=jonathan-reynolds/name']);
  });

  it('returns mentions that stay as they were after later calls', () => {
    const first = detect('The Prime Minister met Jonathan Reynolds at Hitachi Rail in Newton Aycliffe.', '2024-09-01');
    const before = JSON.stringify(first);
    // A later, longer text with more matches reuses (and overwrites) the match objects of the first call.
    detect('Hitachi '.repeat(500) + 'Mr Reynolds and Sir Keir Starmer', '2024-09-01');
    expect(JSON.stringify(first)).toBe(before);
    expect(first.map((m) => m.entity)).toEqual(['keir-starmer', 'jonathan-reynolds', 'hitachi-rail', 'newton-aycliffe']);
  });
});
