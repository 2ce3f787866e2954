import { css } from 'lit';

/** Mobile first: one column that holds at 320 px and at 200 % text zoom; sizes in rem/em. */
export const styles = css`
  form,
  fieldset,
  .field {
    display: grid;
    gap: var(--_gap);
  }
  .field {
    gap: 0.25rem;
  }
  fieldset {
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend {
    padding: 0 0.25rem;
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
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .choices {
    gap: 0 1.5rem;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.75rem;
  }
  .choice input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
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
    min-height: 8rem;
    resize: vertical;
  }
  .summary,
  .context {
    padding: 0.5rem 0.75rem;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .link {
    justify-self: start;
  }
  dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 0;
  }
  dd {
    margin: 0;
  }
  .alert,
  .result {
    padding: 0.75rem 1rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .alert p,
  .result p {
    margin-bottom: 0.5rem;
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
