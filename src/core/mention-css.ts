/**
 * The look of a highlight: one stylesheet for the whole page, injected by the background as a *user*
 * stylesheet (scripting.insertCSS, origin "USER"). For `!important` declarations the user origin wins over
 * every author (page) rule, so a site cannot restyle or hide our highlights by accident, not even with
 * `* { all: unset !important }`; and the rules select only `backstory-mention`, so nothing leaks into the page.
 * (A shadow root per mention did the same at ~4 KB of DOM heap and a style recalculation per highlight.)
 *
 * Layout is never touched: `all: unset` (inherited text properties keep inheriting, boxes get no padding,
 * border or margin) and only paint-only properties are set: text-decoration, background, outline.
 * Colours are mid-luminance so the underline reaches 3:1 against both white and black page backgrounds.
 * Plain data, no browser API: the background injects it; the content script falls back to a <style> element.
 */
export const MENTION_CSS = `
backstory-mention {
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
backstory-mention[data-type="organisation"] { --bs-c: #1f9d6c; --bs-bg: rgba(31, 157, 108, 0.16); }
backstory-mention[data-type="place"] { --bs-c: #c2620a; --bs-bg: rgba(194, 98, 10, 0.16); }
backstory-mention[data-first] { text-decoration-thickness: 2px !important; }
backstory-mention[data-emphasis="all-equal"] { text-decoration-thickness: 1.5px !important; }
backstory-mention[data-emphasis="first-only"]:not([data-first]) { text-decoration-line: none !important; cursor: inherit !important; }
backstory-mention[data-style="background"] { text-decoration-line: none !important; background-color: var(--bs-bg) !important; }
backstory-mention[data-style="background"][data-first] { box-shadow: inset 0 -2px 0 var(--bs-c) !important; }
backstory-mention:hover, backstory-mention[aria-expanded="true"] { text-decoration-thickness: 3px !important; background-color: var(--bs-bg) !important; }
backstory-mention:focus-visible { outline: 2px solid var(--bs-c) !important; outline-offset: 1px !important; }
backstory-mention[hidden-by-reader] { text-decoration-line: none !important; background: none !important; cursor: inherit !important; }
@media (prefers-reduced-motion: no-preference) {
  backstory-mention { transition: text-decoration-thickness 120ms ease, background-color 120ms ease !important; }
}
@media (forced-colors: active) {
  backstory-mention { text-decoration-color: LinkText !important; }
  backstory-mention:focus-visible { outline-color: Highlight !important; }
}
`;
