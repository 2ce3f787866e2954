import { defineElement } from '../shared/define.js';
import { HelpRequestForm } from './help-request-form.js';

export { HelpRequestForm };
// The events' detail types and HTMLElementEventMap entries, for a page that imports this element alone.
export type * from '../shared/events.js';

defineElement('help-request-form', HelpRequestForm);

declare global {
  interface HTMLElementTagNameMap {
    'help-request-form': HelpRequestForm;
  }
}
