import { css } from 'lit';

export const styles = css`
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0 0 0.75em;
    padding: 0;
    border: 0;
  }
  /* A chip is a .button: filled when pressed, outlined when not. */
  .chip {
    border-radius: 2em;
  }
  .chip[aria-pressed='false'] {
    border-color: var(--_border);
    background: var(--_bg);
    color: inherit;
  }
  /* High Contrast repaints every fill alike: the pressed chip keeps the system's selection colours. */
  @media (forced-colors: active) {
    .chip[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
  h2 {
    margin: var(--_gap) 0 0.5em;
    font-size: 1.15em;
  }
  h3,
  p,
  ul {
    margin: 0;
    padding: 0;
    font-size: 1em;
    list-style: none;
  }
  /* 21em: room for «Во встроенной почте журнала, получатель: …» in two lines; a 900 px column takes two cards, not three narrow ones. */
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 21em), 1fr));
    gap: var(--_gap);
  }
  [part='card'] {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .muted {
    color: var(--_muted);
  }
  .open {
    color: var(--_success);
    font-weight: 600;
  }
  [part='write'] {
    margin-top: auto;
    align-self: start;
  }
  [part='count'],
  [part='more'] {
    margin: 0.75em 0;
  }
  [part='error'] {
    color: var(--_danger);
  }
  /* On paper: the people and how to reach them, with the addresses written out. */
  @media print {
    [part~='filters'], button { display: none !important; }
    [part='card'] { break-inside: avoid; }
    h2 { break-after: avoid; }
    [part='channel'] a[href^='http']::after { content: ' (' attr(href) ')'; }
    /* Not in the first rule, nor next to it (the minifier merges neighbours with the same declarations): a browser without :has() (Firefox ESR 115) drops a whole selector list. */
    label:has([part~='search']) { display: none !important; }
  }
`;
