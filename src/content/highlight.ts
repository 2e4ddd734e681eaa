/**
 * Wrapping and unwrapping mentions. `<backstory-mention>` is a public contract: tests, user styles and other
 * tools select it by `data-entity` and `data-kind`. Unwrapping restores the original DOM exactly: text nodes
 * we split are merged back into the node they were split from.
 */
import type { Mention } from '../core/detect';

export const MENTION_TAG = 'backstory-mention';
export const CARD_TAG = 'backstory-card';

export interface MentionMeta {
  type: 'person' | 'organisation' | 'place';
  first: boolean;
  style: 'underline' | 'background';
  emphasis: 'first-stronger' | 'all-equal' | 'first-only';
  inLink: boolean;
}

/**
 * The mention elements this content script made. A page can write its own `<backstory-mention>` elements: only
 * ours open cards, count in the report (popup, reading history) and are unwrapped.
 */
const ourMentions = new WeakSet<Element>();
export function isOurMention(el: Element): boolean {
  return ourMentions.has(el);
}

/** Text nodes that splitText created (the right-hand pieces): unwrapping merges them into their left neighbour. */
const splitPieces = new WeakSet<Text>();

export function createMentionElement(doc: Document, m: Mention, meta: MentionMeta): HTMLElement {
  const el = doc.createElement(MENTION_TAG);
  ourMentions.add(el);
  el.setAttribute('data-entity', m.entity);
  el.setAttribute('data-kind', m.kind);
  el.setAttribute('data-type', meta.type);
  if (m.office) el.setAttribute('data-office', m.office);
  if (meta.first) el.setAttribute('data-first', '');
  el.setAttribute('data-style', meta.style);
  el.setAttribute('data-emphasis', meta.emphasis);
  el.setAttribute('role', 'button');
  el.setAttribute('tabindex', meta.emphasis === 'first-only' && !meta.first ? '-1' : '0');
  el.setAttribute('aria-haspopup', 'dialog');
  el.setAttribute('aria-expanded', 'false');
  el.setAttribute('aria-label', `${m.name}: show backstory`);
  return el;
}

/**
 * True when the page itself defined a `backstory-mention` custom element (the name is the page's, and text put
 * inside its element could vanish into the page's shadow root): Backstory then writes nothing on the page. Works
 * from an isolated world, where `customElements` is not available: an element of a defined name is `:defined`
 * as soon as it is created (this runs the page's constructor once).
 */
export function pageOwnsMentionTag(doc: Document): boolean {
  try {
    return doc.createElement(MENTION_TAG).matches(':defined');
  } catch {
    return true; // the page's constructor threw: the name is taken
  }
}

/**
 * Wrap [start, end) of a text node. Returns the new element, or null if the node is gone or too short
 * (the page changed it since it was read).
 */
export function wrapRange(node: Text, start: number, end: number, make: () => HTMLElement): HTMLElement | null {
  if (!node.isConnected || !node.parentNode || end > node.data.length || start >= end) return null;
  const tail = end < node.data.length ? node.splitText(end) : null;
  if (tail) splitPieces.add(tail);
  const middle = start > 0 ? node.splitText(start) : node;
  if (middle !== node) splitPieces.add(middle);
  const el = make();
  middle.parentNode!.insertBefore(el, middle);
  el.appendChild(middle);
  return el;
}

/** Remove one mention element, putting its text back and merging the split pieces. */
export function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  const moved: Node[] = [...el.childNodes];
  for (const child of moved) parent.insertBefore(child, el);
  el.remove();
  for (const child of moved) mergeIfSplit(child);
  // The text after the mention may be a piece split off the same original node.
  const after = moved.length ? moved[moved.length - 1]!.nextSibling : null;
  if (after) mergeIfSplit(after);
}

function mergeIfSplit(node: Node | null): void {
  if (!node || node.nodeType !== 3 || !splitPieces.has(node as Text)) return;
  const prev = node.previousSibling;
  if (prev && prev.nodeType === 3) {
    const text = node as Text;
    const next = text.nextSibling;
    (prev as Text).appendData(text.data);
    text.remove();
    splitPieces.delete(text);
    if (next) mergeIfSplit(next);
  }
}

/** Remove every mention under a root (switching highlighting off), restoring the original text nodes. */
export function unwrapAll(root: ParentNode): number {
  const all = [...root.querySelectorAll(MENTION_TAG)].filter(isOurMention);
  for (const el of all) unwrap(el);
  return all.length;
}

/**
 * Removes what an earlier instance of the content script left behind (Firefox injects the new version of
 * the extension into open tabs while the old one's highlights are still there). Their split pieces are not
 * known to this instance, so the affected parents are normalised instead. `keep`: this instance's own
 * stylesheet, put in while the page was parsed.
 */
export function removeLeftovers(doc: Document, keep?: Element): number {
  const leftovers = [...doc.querySelectorAll(MENTION_TAG)];
  const parents = new Set<Node>();
  for (const el of leftovers) {
    const parent = el.parentNode;
    if (!parent) continue;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    el.remove();
    parents.add(parent);
  }
  for (const p of parents) p.normalize();
  for (const card of doc.querySelectorAll(CARD_TAG)) card.remove();
  for (const style of doc.querySelectorAll('style[data-backstory]')) if (style !== keep) style.remove();
  return leftovers.length;
}
