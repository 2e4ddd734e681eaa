/**
 * Which text Backstory reads. Never: script, style, noscript, template, form controls, code, svg/math,
 * contenteditable regions, aria-hidden or hidden subtrees, buttons (a mention inside a control would nest
 * controls), and Backstory's own elements. Text is grouped into chunks per block element so that a
 * mention's context ("the", "former", "Shadow") is read within its own paragraph.
 */
import { CARD_TAG, MENTION_TAG } from './highlight';

// By localName: an interned string (tagName builds an upper-case copy on every call). The HTML parser lower-cases
// it; in an XML document `<P>` is not a paragraph, so no case folding is wanted.
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button', 'code', 'pre',
  'kbd', 'samp', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio', 'head', 'title',
  MENTION_TAG, CARD_TAG,
]);

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'table', 'article',
  'section', 'aside', 'header', 'footer', 'nav', 'main', 'blockquote', 'figure', 'figcaption', 'dd', 'dt', 'dl',
  'br', 'hr', 'address', 'details', 'summary', 'form', 'fieldset', 'legend', 'caption', 'body',
]);

export function skipElement(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName)) return true;
  // Most elements of an article have no attribute at all: one call answers for the three below.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  return false;
}

export interface Chunk {
  text: string;
  nodes: Text[];
  /** starts[i] = offset of nodes[i] in text. */
  starts: number[];
}

/**
 * Where a walk stands, for a reader that may stop between two chunks for a long time (scanner.ts: a long page
 * is read only as far as it is needed). The page may change meanwhile, even remove the element the walk was at.
 */
export interface ReadCursor {
  /** The last text node read: the read's frontier. */
  last: Text | null;
  /** Set by the reader when it goes on after a pause: the walk then continues from just after `last`. */
  resumed: boolean;
}

/**
 * Walks text under `root` in document order and yields chunks, cut at every block element (one pass, O(n)). Elements that must not be
 * touched are rejected with their whole subtree.
 */
export function* chunks(root: Node, maxChunkChars = 20_000, cursor?: ReadCursor): Generator<Chunk> {
  const doc = root.ownerDocument ?? (root as Document);
  // No NodeFilter: a filter is a call from the browser into script for every node, text nodes included (most
  // of a page), and made chunks() 4x slower (npm run bench profile). Elements are judged in the loop instead;
  // a rejected element's whole subtree is stepped over, other inline elements are walked into.
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  // The root itself may be a skipped element (for an incremental rescan) or inside one.
  if (root.nodeType === 1 && insideSkipped(root as Element)) return;
  if (root.nodeType === 3 && root.parentElement && insideSkipped(root.parentElement)) return;
  /** The first node after `el`'s subtree, in document order, within root (null at the end). */
  const after = (el: Node): Node | null => {
    walker.currentNode = el;
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  };
  let cur: Chunk = { text: '', nodes: [], starts: [] };
  const single = root.nodeType === 3;
  let node: Node | null = single ? root : walker.nextNode();
  while (node) {
    let boundary = false;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (skipElement(el)) {
        node = after(el); // REJECT the subtree
        continue;
      }
      if (!BLOCK_TAGS.has(el.localName)) {
        node = walker.nextNode(); // inline: not a boundary, its text belongs to the current chunk
        continue;
      }
      boundary = true; // blocks are chunk boundaries
    }
    if ((boundary || cur.text.length > maxChunkChars) && cur.nodes.length) {
      if (cursor) cursor.last = cur.nodes[cur.nodes.length - 1]!;
      yield cur;
      cur = { text: '', nodes: [], starts: [] };
      if (cursor?.resumed) {
        // After a pause: go on from the last text read, wherever the page has put it since (nodes inserted between
        // it and the next block are read too); if it is gone, from the next node, if that is still there.
        cursor.resumed = false;
        const last = cursor.last;
        if (last?.isConnected && root.contains(last)) {
          walker.currentNode = last;
          node = walker.nextNode();
          continue;
        }
        if (!node.isConnected) return;
      }
    }
    if (!boundary) {
      const text = node as Text;
      const data = text.data;
      if (data.length) {
        cur.starts.push(cur.text.length);
        cur.nodes.push(text);
        cur.text += data;
      }
    }
    node = single ? null : walker.nextNode();
  }
  if (cur.nodes.length) {
    if (cursor) cursor.last = cur.nodes[cur.nodes.length - 1]!;
    yield cur;
  }
}

export function insideSkipped(el: Element | null): boolean {
  for (let e = el; e; e = e.parentElement) if (skipElement(e)) return true;
  return false;
}

/** Is the node inside a link? (the link keeps working; our control inside it does not open on click) */
export function insideLink(node: Node): boolean {
  return !!node.parentElement?.closest('a[href]');
}
