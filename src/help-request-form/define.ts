import { defineElement } from '../shared/define.js';
import { HelpRequestForm } from './help-request-form.js';

export { HelpRequestForm };

defineElement('help-request-form', HelpRequestForm);

declare global {
  interface HTMLElementTagNameMap {
    'help-request-form': HelpRequestForm;
  }
}
