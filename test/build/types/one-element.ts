// A consumer that imports one element alone: its events are still typed.
import 'journal-help-widgets/help-request-form.js';

const form = document.querySelector('help-request-form')!;
form.addEventListener('help-request-success', (e) => e.detail.id.toUpperCase());
form.addEventListener('help-request-error', (e) => (e.detail.retryable ? e.detail.reason : undefined));
document.addEventListener('help-request-open', (e) => e.detail.specialistId);
