/**
 * Card styles, inside the card's shadow root. Colours meet WCAG AA (4.5:1 for text) in both schemes:
 * light text #1b1f24 on #ffffff, muted #57606a on #ffffff (6.0:1), links #0b57c2 (6.4:1);
 * dark text #e6edf3 on #161b22, muted #9ea7b3 (7.0:1), links #6cb0ff (7.7:1).
 */
export const CARD_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  inset: 0 auto auto 0 !important;
  width: 0 !important;
  height: 0 !important;
  overflow: visible !important;
  z-index: 2147483647 !important;
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  pointer-events: auto !important;
}
.panel {
  --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --link: #0b57c2; --focus: #0b57c2;
  position: fixed; top: 0; left: 0;
  box-sizing: border-box;
  width: min(360px, calc(100vw - 16px));
  max-height: min(70vh, 520px);
  overflow: auto;
  padding: 12px 14px;
  background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-radius: 8px;
  box-shadow: 0 8px 24px rgba(0,0,0,.2);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  text-align: left; direction: ltr;
}
@media (prefers-color-scheme: dark) {
  .panel { --fg: #e6edf3; --muted: #9ea7b3; --bg: #161b22; --line: #30363d; --link: #6cb0ff; --focus: #6cb0ff;
    box-shadow: 0 8px 24px rgba(0,0,0,.6); }
}
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.head { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
h2 { font-size: 17px; margin: 0 0 4px; font-weight: 650; }
h3 { font-size: 13px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 4px 0; }
ul, ol { margin: 4px 0; padding-left: 18px; }
li { margin: 3px 0; }
a { color: var(--link); }
a:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.role strong { font-weight: 650; }
.now { color: var(--muted); }
.src { font-size: 12px; }
time { font-variant-numeric: tabular-nums; color: var(--muted); }
button { font: inherit; color: inherit; }
.close { background: none; border: 0; font-size: 20px; line-height: 1; padding: 2px 6px; cursor: pointer; border-radius: 4px; color: var(--fg); }
.close:hover { background: rgba(127,127,127,.15); }
.link { background: none; border: 0; padding: 0; color: var(--link); text-decoration: underline; cursor: pointer; font-size: 12px; }
.foot { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 6px; }
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: bs-in 120ms ease-out; }
  @keyframes bs-in { from { opacity: 0; transform: translateY(-2px); } to { opacity: 1; transform: none; } }
}
`;
