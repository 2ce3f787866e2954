import { css } from 'lit';

/** Mobile first: one column that holds at 320 px and at 200 % text zoom; sizes in em, so a site that shrinks the root font (Bootstrap 3: `html { font-size: 10px }`) does not shrink the controls. */
export const styles = css`
  /* Brought into view (help-request-open) with room for the page's own heading above it. */
  :host {
    scroll-margin-top: 4em;
  }
  form,
  fieldset,
  .field {
    display: grid;
    gap: var(--_gap);
  }
  .field {
    gap: 0.25em;
  }
  fieldset {
    margin: 0;
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend {
    padding: 0 0.25em;
  }
  p {
    margin: 0;
  }
  [part~='label'],
  summary,
  .error {
    font-weight: 600;
  }
  summary {
    cursor: pointer;
  }
  .choices,
  .links,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
  }
  .choices {
    gap: 0 1.5em;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: center;
    min-height: 2.75em;
  }
  .choice input {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
  }
  .hint,
  .status,
  dl {
    font-size: 0.875em;
  }
  .hint,
  .status,
  dt {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  textarea {
    min-height: 8em;
    resize: vertical;
  }
  .summary,
  .context {
    padding: 0.5em 0.75em;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .link {
    justify-self: start;
  }
  dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25em 1em;
    margin: 0.5em 0 0;
  }
  dd {
    margin: 0;
  }
  .alert,
  .result {
    padding: 0.75em 1em;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .alert p,
  .result p {
    margin-bottom: 0.5em;
  }
  .result {
    border-color: var(--_success);
  }
  .title {
    font-size: 1.25em;
    font-weight: 700;
    color: var(--_success);
  }
`;
