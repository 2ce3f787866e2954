import { css } from 'lit';

// One rule per line: CSS in a template literal ships as written. The contents sit beside the
// text when the element is wide enough for both (14em + 30em), above it otherwise: a
// "sidebar" flex layout, which follows the element's width, not the window's. Matches use the
// CSS Custom Highlight API (`::highlight`). On screen only: the marks, and a wide table's sideways
// scroll (a printout shows it whole).
export const styles = css`
  :host { --_mark: var(--jhw-mark, #ffe066); }
  .layout { display: flex; flex-wrap: wrap; align-items: flex-start; gap: var(--_gap); }
  .main { flex: 999 1 30em; min-width: 0; }
  .toc { flex: 1 1 14em; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0 0.75em; }
  .toc, .meta { font-size: 0.875em; }
  .toc summary { padding: 0.6em 0; cursor: pointer; }
  .toc summary, .search label, .num { font-weight: 600; }
  .toc ul { margin: 0 0 0.5em; }
  .toc ul, .doc ol { list-style: none; padding: 0; }
  .toc a { display: block; padding: 0.25em 0; }
  .toc .p, .toc .l3 { padding-inline-start: 0.75em; }
  .toc .p.l2, .toc .l4, .toc .l5, .toc .l6 { padding-inline-start: 1.5em; }
  .toc .p.l3 { padding-inline-start: 2.25em; }
  .toc .p:is(.l4, .l5, .l6) { padding-inline-start: 3em; }
  .search { position: sticky; top: var(--jhw-sticky-top, 0px); z-index: 1; padding-block: 0.5em; background: var(--_bg); }
  /* A phone on its side: a bar that stays would take a third of the screen. */
  @media (max-height: 420px) { .search { position: static; } }
  .head, .meta { display: flex; flex-wrap: wrap; justify-content: space-between; }
  .head { gap: 0 0.5em; margin-bottom: 0.25em; }
  .row { display: flex; gap: 0.5em; }
  .row .input { flex: 1; min-width: 0; }
  .row .button { min-width: 2.75em; }
  .count, .meta, .copy { color: var(--_muted); }
  .meta { gap: 0 var(--_gap); }
  .doc li { position: relative; }
  .doc ol > li { padding-inline-start: 2.75em; }
  .doc ul { padding-inline-start: 1.25em; }
  .doc li > p { margin: 0 0 0.5em; }
  .doc h1 { font-size: 1.5em; }
  .doc h2 { font-size: 1.25em; }
  .doc h3 { font-size: 1.1em; }
  .doc :is(h1, h2, h3) { line-height: 1.25; }
  .num { position: absolute; inset-inline-start: 0.4em; }
  table { border-collapse: collapse; }
  /* Words whole (a narrow table scrolls sideways instead): the host's overflow-wrap: anywhere would cut «Сотруд|ник» to fit a phone. */
  th, td { border: 1px solid var(--_border); padding: 0.25em 0.5em; text-align: start; overflow-wrap: break-word; }
  /* Also what takes focus inside the text: the browser scrolls it into view under the sticky search bar. */
  .doc [id], .doc button, .doc a { scroll-margin-top: calc(6em + var(--jhw-sticky-top, 0px)); }
  .targeted { box-shadow: inset 0.2em 0 var(--_accent); animation: jhw-target 3s ease-out; }
  @keyframes jhw-target { from { background: var(--_mark); } }
  [tabindex='-1']:focus { outline: none; }
  .copy { float: right; float: inline-end; display: grid; place-items: center; width: 2em; height: 2em; margin-inline-start: 0.25em; padding: 0; border: 1px solid transparent; border-radius: var(--_radius); background: none; cursor: pointer; }
  .copy:hover { border-color: var(--_border); color: var(--_accent); }
  .copy.done { border-color: var(--_success); color: var(--_success); }
  .copy svg { fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; }
  @media screen {
    .table { overflow-x: auto; }
    ::highlight(jhw-regulation) { background: var(--_mark); }
    ::highlight(jhw-regulation-current) { background: var(--jhw-mark-current, #ffa94d); }
  }
  [role='alert'] { color: var(--_danger); }
  /* High Contrast paints every highlight alike and drops the linked point's shadow: system colours tell them apart. */
  @media (forced-colors: active) {
    ::highlight(jhw-regulation) { background: Mark; color: MarkText; }
    ::highlight(jhw-regulation-current) { background: Highlight; color: HighlightText; }
    .targeted { outline: 2px solid Highlight; }
  }
  @media print {
    .toc, .search, button { display: none !important; }
    .layout { display: block; }
    .doc a { color: inherit; }
    .doc a:not(.auto, [href^='#'])::after { content: ' (' attr(href) ')'; }
    .targeted { box-shadow: none; animation: none; }
    h1, h2, h3, h4 { break-after: avoid; }
  }
`;
