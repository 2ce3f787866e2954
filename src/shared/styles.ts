import { css } from 'lit';

/**
 * What every element shares. Public custom properties (`--jhw-*`, documented on each element)
 * feed private ones (`--_*`) so that a theme sets one name per knob. The defaults keep text
 * contrast at 4.5:1 or better on white.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--jhw-accent, #1f5fbf);
    --_accent-text: var(--jhw-accent-text, #ffffff);
    --_text: var(--jhw-text, #1b1f24);
    --_muted: var(--jhw-muted, #4d5661);
    --_bg: var(--jhw-bg, #ffffff);
    --_surface: var(--jhw-surface, #f3f5f8);
    --_border: var(--jhw-border, #8a94a0);
    --_danger: var(--jhw-danger, #b3261e);
    --_success: var(--jhw-success, #1e6b34);
    --_focus: var(--jhw-focus, #1f5fbf);
    --_radius: var(--jhw-radius, 0.375em);
    --_gap: var(--jhw-gap, 1em);

    display: block;
    box-sizing: border-box;
    max-width: 100%;
    font: inherit;
  }
  /* Here, not on the host: a page rule such as "* { color: white; line-height: 3 }" reaches the host, never inside. */
  [part~='base'] {
    color: var(--_text);
    background: var(--_bg);
    /* Native radios and checkboxes match the light palette, not a dark site's color-scheme (an unticked box drawn filled reads as ticked). A dark theme sets ::part(base) { color-scheme: dark }. */
    color-scheme: light;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    overflow-wrap: anywhere;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  /* border-box, not inherit: a page rule on the host (a reset, content-box !important) must not reach inside. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .config-problems {
    margin: 0 0 var(--_gap);
    padding: 0.5em 0.75em;
    border: 2px dashed var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    background: var(--_bg);
    font-size: 0.875em;
  }
  .config-problems ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }
  /* The webmaster's note is for the screen: a visitor's printout has no use for it. */
  @media print {
    .config-problems {
      display: none !important;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** Buttons and text fields, shared by the elements that have controls. */
export const controlStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375em;
    min-height: 2.75em;
    padding: 0.5em 1em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
    text-decoration: none;
  }
  .button.secondary {
    background: var(--_bg);
    color: var(--_accent);
  }
  .button.link {
    min-height: 24px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .input {
    display: block;
    width: 100%;
    min-height: 2.75em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    /* Under 16px, iPhones zoom the page on every tap into a field (sites with 13px text exist). */
    font-size: max(1em, 16px);
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
`;
