import { css } from 'lit';

/** Mobile first: one column that holds at 320 px and at 200 % text zoom; sizes in rem/em. */
export const styles = css`
  form,
  .field,
  .group {
    display: grid;
    gap: var(--_gap);
  }
  .field {
    gap: 0.25rem;
  }
  .group {
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend,
  label,
  summary {
    font-weight: 600;
  }
  legend {
    padding: 0 0.25rem;
  }
  .choices,
  .links,
  .actions {
    display: flex;
    flex-wrap: wrap;
  }
  .choices {
    column-gap: 1.5rem;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.75rem;
    font-weight: normal;
  }
  .choice input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  .hint,
  .status {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  textarea.input {
    min-height: 8rem;
    resize: vertical;
  }
  .summary,
  .context {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .group > .button.link {
    justify-self: start;
  }
  .links {
    column-gap: 1rem;
  }
  summary {
    cursor: pointer;
  }
  dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 0;
    font-size: 0.875em;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .actions {
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .alert,
  .result {
    padding: 0.75rem 1rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .alert p,
  .result p {
    margin: 0 0 0.5rem;
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
