/**
 * The whole highlighting path — the real detector over the real knowledge base, the content script's Scanner,
 * then switching off (unwrapAll) — over random DOM trees. What a reader would notice: the text of the page never
 * changes while highlighted, no highlight lands where Backstory must not write (code, form controls, editable
 * regions, links' own controls), and switching off gives back exactly the page they had, the same nodes included.
 * (test/dom/highlight.test.ts checks wrap/unwrap with one fixed word; this one drives the detector end to end.)
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDetector, type Detector } from '../../src/core/detect';
import { detectBatch } from '../../src/core/detect/batch';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { MENTION_TAG, unwrapAll } from '../../src/content/highlight';
import { Scanner } from '../../src/content/scanner';

let kb: KnowledgeBase;
let detector: Detector;
beforeAll(() => {
  kb = new KnowledgeBase(loadKnowledge());
  detector = createDetector(kb);
});

/** Words a news page would have around our names, and the characters that break naive code. */
const WORDS = [
  'Jonathan Reynolds', 'Mr Reynolds', 'Reynolds', 'Business Secretary', 'Hitachi Rail', 'Hitachi', 'Newton Aycliffe',
  'Rachel Reeves', 'the Chancellor', 'Keir Starmer', 'Prime Minister', 'said', 'the', 'factory', 'in', 'former',
  ' ', ', ', '. ', '\n', '\u00ad', '\u200b', 'é', 'e\u0301', '😀', '\ud800', '\udc00', 'שלום', 'مرحبا', '\u202e', '&amp;',
];
const TAGS = ['p', 'div', 'span', 'b', 'i', 'em', 'a href="https://example.org/"', 'li', 'h2', 'blockquote', 'code', 'pre', 'button', 'textarea', 'div contenteditable="true"', 'span aria-hidden="true"', 'section', 'script type="text/plain"', 'label'];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((a) => a.join('').replace(/[<>]/g, ''));
const tree: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.tuple(fc.constantFrom(...TAGS), fc.array(tie('node'), { maxLength: 4 })).map(([tag, kids]) => `<${tag}>${kids.join('')}</${tag.split(' ')[0]}>`),
  ),
})).node;

/** Every text node in document order, with its identity: after switching off the page must hold the very same nodes. */
function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n as Text);
  return out;
}

const FORBIDDEN = 'code, pre, button, textarea, script, [contenteditable="true"], [aria-hidden="true"]';

async function highlight(root: HTMLElement): Promise<Scanner> {
  // Detection as the background does it, the request and answer crossing a message (JSON) as they do there.
  const remote = async (date: string, context: Parameters<typeof detectBatch>[3], parts: string[]) =>
    JSON.parse(JSON.stringify(detectBatch(detector, kb, date, context, JSON.parse(JSON.stringify(parts)) as string[]))) as ReturnType<typeof detectBatch>;
  const scanner = new Scanner(remote, '2024-10-10', () => DEFAULT_SETTINGS, (fn) => fn());
  await scanner.scan(root, new AbortController().signal);
  return scanner;
}

describe('highlighting with the real detector over random DOM trees', () => {
  it('never changes the text, writes only where allowed, and switching off restores the DOM exactly', async () => {
    let wrappedSomewhere = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { maxLength: 5 }), async (parts) => {
        document.body.innerHTML = parts.join('');
        const html = document.body.innerHTML;
        const before = document.body.textContent;
        const nodesBefore = textNodes(document.body);
        await highlight(document.body);
        const mentions = [...document.body.querySelectorAll(MENTION_TAG)];
        wrappedSomewhere += mentions.length;
        expect(document.body.textContent).toBe(before);
        // (innerText is checked in real browsers by test/e2e/robustness.test.ts: happy-dom's is an approximation.)
        for (const m of mentions) {
          expect(m.querySelector(MENTION_TAG)).toBeNull(); // never nested
          expect(m.closest(FORBIDDEN)).toBeNull(); // never inside what Backstory does not read
          expect(kb.entity(m.getAttribute('data-entity') ?? '')).toBeTruthy();
          expect(m.textContent!.length).toBeGreaterThan(0);
        }
        unwrapAll(document.body);
        expect(document.body.innerHTML).toBe(html);
        expect(document.body.textContent).toBe(before);
        const nodesAfter = textNodes(document.body);
        expect(nodesAfter.length).toBe(nodesBefore.length);
        nodesAfter.forEach((n, i) => expect(n).toBe(nodesBefore[i]));
      }),
      { numRuns: 150 },
    );
    // The property is about pages with highlights: make sure the generator really produced them.
    expect(wrappedSomewhere).toBeGreaterThan(20);
  }, 120_000);

  it('a highlight covers a whole name, never a piece of a word or of an accented letter', async () => {
    document.body.innerHTML =
      '<p id="plain">Business Secretary Jonathan Reynolds visited Hitachi Rail in Newton Aycliffe.</p>' +
      '<p id="glued">Reynoldsville and HitachiRailway and e\u0301Newton Aycliffe and Newton Aycliffe\u0301 and Jonathan Reynolds\u0301 are not names.</p>' +
      '<p id="mixed">שלום Jonathan Reynolds\u202e 😀Hitachi Rail\ud800 مرحبا \udc00Newton Aycliffe😀\ufe0f</p>';
    await highlight(document.body);
    const found = (id: string) => [...document.querySelectorAll(`#${id} ${MENTION_TAG}`)].map((m) => [m.getAttribute('data-entity'), m.textContent]);
    expect(found('plain')).toEqual([
      ['jonathan-reynolds', 'Jonathan Reynolds'],
      ['hitachi-rail', 'Hitachi Rail'],
      ['newton-aycliffe', 'Newton Aycliffe'],
    ]);
    // Glued or accented: nothing at all (a lone "Aycliffe" or "Reynolds" here would be wrong too).
    expect(found('glued')).toEqual([]);
    // Next to right-to-left text, emoji and lone surrogates the names are found whole.
    expect(found('mixed')).toEqual([
      ['jonathan-reynolds', 'Jonathan Reynolds'],
      ['hitachi-rail', 'Hitachi Rail'],
      ['newton-aycliffe', 'Newton Aycliffe'],
    ]);
  });
});
