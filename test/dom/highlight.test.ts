/**
 * Wrapping and unwrapping in a DOM (happy-dom): what a reader would notice is that the text never changes
 * and that switching off gives back exactly the page they had.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../src/core/detect';
import { createMentionElement, unwrapAll, wrapRange } from '../../src/content/highlight';
import { chunks } from '../../src/content/walk';

const meta = { type: 'person', first: true, style: 'underline', emphasis: 'first-stronger', inLink: false } as const;
const mention = (text: string): Mention => ({ start: 0, end: text.length, text, entity: 'jonathan-reynolds', name: 'Jonathan Reynolds', kind: 'name' });

function wrapEveryOccurrence(root: HTMLElement, word: string): number {
  let n = 0;
  for (const chunk of [...chunks(root)]) {
    chunk.nodes.forEach((node) => {
      const positions: number[] = [];
      for (let i = node.data.indexOf(word); i >= 0; i = node.data.indexOf(word, i + word.length)) positions.push(i);
      for (const p of positions.reverse()) {
        if (wrapRange(node, p, p + word.length, () => createMentionElement(document, mention(word), meta))) n++;
      }
    });
  }
  return n;
}

describe('highlighting in the DOM', () => {
  it('wraps a mention in a labelled, keyboard-reachable <backstory-mention> without changing the text', () => {
    document.body.innerHTML = '<p>Business Secretary <b>Jonathan Reynolds</b> said Reynolds would act.</p>';
    const before = document.body.textContent;
    expect(wrapEveryOccurrence(document.body, 'Reynolds')).toBe(2);
    const el = document.querySelector('backstory-mention')!;
    expect(el.getAttribute('data-entity')).toBe('jonathan-reynolds');
    expect(el.getAttribute('role')).toBe('button');
    expect(el.getAttribute('tabindex')).toBe('0');
    expect(el.getAttribute('aria-haspopup')).toBe('dialog');
    expect(el.getAttribute('aria-expanded')).toBe('false');
    expect(el.getAttribute('aria-label')).toBe('Jonathan Reynolds: show backstory');
    expect(document.body.textContent).toBe(before);
  });

  it('never reads script, style, code, form controls, contenteditable or aria-hidden text', () => {
    document.body.innerHTML = `<p>Reynolds</p><script>var Reynolds</script><style>.Reynolds{}</style><code>Reynolds</code>
      <textarea>Reynolds</textarea><div contenteditable="true">Reynolds</div><div aria-hidden="true">Reynolds</div>
      <pre>Reynolds</pre><noscript>Reynolds</noscript><button>Reynolds</button>`;
    expect(wrapEveryOccurrence(document.body, 'Reynolds')).toBe(1);
    expect(document.querySelector('p backstory-mention')).not.toBeNull();
  });

  it('switching off restores the original nodes exactly, including text split in several places', () => {
    document.body.innerHTML = '<p>Reynolds and Reynolds, then <i>Reynolds</i>.</p><p>x</p>';
    const p = document.querySelector('p')!;
    const firstText = p.firstChild as Text;
    const html = document.body.innerHTML;
    const nodeCount = document.body.querySelectorAll('*').length;
    expect(wrapEveryOccurrence(document.body, 'Reynolds')).toBe(3);
    expect(unwrapAll(document.body)).toBe(3);
    expect(document.body.innerHTML).toBe(html);
    expect(p.firstChild).toBe(firstText); // the very same node, merged back
    expect(p.childNodes.length).toBe(3);
    expect(document.body.querySelectorAll('*').length).toBe(nodeCount);
  });

  it('property: for any tree of text and inline elements, wrap then unwrap gives back the same DOM and text', () => {
    const word = fc.constantFrom('Reynolds', 'Hitachi', 'text', ' ', 'Rey', 'nolds', '\u00ad', 'é', '😀', '\n');
    const textArb = fc.array(word, { maxLength: 8 }).map((a) => a.join(''));
    const tree: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        textArb.map((t) => t.replace(/[<&]/g, '')),
        fc.tuple(fc.constantFrom('p', 'span', 'b', 'a href="#"', 'div', 'code'), fc.array(tie('node'), { maxLength: 4 })).map(
          ([tag, kids]) => `<${tag}>${kids.join('')}</${tag.split(' ')[0]}>`,
        ),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (parts) => {
        document.body.innerHTML = parts.join('');
        const html = document.body.innerHTML;
        const text = document.body.textContent;
        wrapEveryOccurrence(document.body, 'Reynolds');
        expect(document.body.textContent).toBe(text);
        unwrapAll(document.body);
        expect(document.body.innerHTML).toBe(html);
      }),
      { numRuns: 200 },
    );
  });
});
