/**
 * The look of a highlight. It lives in each mention's own shadow root: for `!important` declarations the
 * shadow tree's styles win over the page's, so a site cannot restyle or hide our highlights by accident
 * (not even with `* { all: unset !important }`), and ours never leak into the page.
 *
 * Layout is never touched: the host is `all: unset` (inherited text properties keep inheriting, boxes get no
 * padding, border or margin) and only paint-only properties are set: text-decoration, background, outline.
 * Colours are mid-luminance so the underline reaches 3:1 against both white and black page backgrounds.
 */
export const MENTION_CSS = `
:host {
  all: unset !important;
  display: inline !important;
  cursor: pointer !important;
  text-decoration-line: underline !important;
  text-decoration-style: solid !important;
  text-decoration-thickness: 1px !important;
  text-underline-offset: 0.15em !important;
  text-decoration-color: var(--bs-c) !important;
  border-radius: 2px !important;
  --bs-c: #3b7ddd;
  --bs-bg: rgba(59, 125, 221, 0.14);
}
:host([data-type="organisation"]) { --bs-c: #1f9d6c; --bs-bg: rgba(31, 157, 108, 0.16); }
:host([data-type="place"]) { --bs-c: #c2620a; --bs-bg: rgba(194, 98, 10, 0.16); }
:host([data-first]) { text-decoration-thickness: 2px !important; }
:host([data-emphasis="all-equal"]) { text-decoration-thickness: 1.5px !important; }
:host([data-emphasis="first-only"]:not([data-first])) { text-decoration-line: none !important; cursor: inherit !important; }
:host([data-style="background"]) { text-decoration-line: none !important; background-color: var(--bs-bg) !important; }
:host([data-style="background"][data-first]) { box-shadow: inset 0 -2px 0 var(--bs-c) !important; }
:host(:hover), :host([aria-expanded="true"]) { text-decoration-thickness: 3px !important; background-color: var(--bs-bg) !important; }
:host(:focus-visible) { outline: 2px solid var(--bs-c) !important; outline-offset: 1px !important; }
:host([hidden-by-reader]) { text-decoration-line: none !important; background: none !important; cursor: inherit !important; }
@media (prefers-reduced-motion: no-preference) {
  :host { transition: text-decoration-thickness 120ms ease, background-color 120ms ease !important; }
}
@media (forced-colors: active) {
  :host { text-decoration-color: LinkText !important; }
  :host(:focus-visible) { outline-color: Highlight !important; }
}
`;

/** Inline fallback when the page took the element's shadow root first (a page-defined backstory-mention). */
export const MENTION_INLINE_FALLBACK =
  'text-decoration: underline 1px !important; text-underline-offset: 0.15em !important; cursor: pointer !important;';
