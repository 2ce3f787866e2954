import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { JhwElement } from '../shared/base-element.js';
import type { RequesterRole } from '../schema/common.js';
import { styles } from './help-request-form.styles.js';

/**
 * The help request the school's regulation asks for, validated by the shared schema and sent so
 * that nothing is lost.
 *
 * @summary A help request form for the school's electronic journal.
 * @fires help-request-submit - Cancelable, before sending. Detail: `{ request, screenshots }`.
 * @fires help-request-success - The endpoint stored the request. Detail: `{ id, response }`.
 * @fires help-request-error - Sending failed. Detail: `{ reason, status?, retryable }`.
 * @csspart base - The root of the form.
 * @csspart config-error - The webmaster's notice about misconfiguration.
 * @cssprop --jhw-accent - Accent colour of buttons and links (default `#1f5fbf`).
 */
export class HelpRequestForm extends JhwElement {
  static override styles = [...JhwElement.styles, styles];

  /** Where requests are POSTed (SPEC section 7). */
  @property() accessor endpoint: string | undefined;
  /** The school's name, pre-filled in the form. */
  @property({ attribute: 'school-name' }) accessor schoolName: string | undefined;
  /** The school's region, pre-filled in the form. */
  @property() accessor region: string | undefined;
  /** The school's journal address, `https://<school>.eljur.ru`, pre-filled in the form. */
  @property({ attribute: 'journal-url' }) accessor journalUrl: string | undefined;
  /** Link to the school's privacy policy. */
  @property({ attribute: 'privacy-policy-url' }) accessor privacyPolicyUrl: string | undefined;
  /** Link to the text of the consent to personal data processing. */
  @property({ attribute: 'consent-url' }) accessor consentUrl: string | undefined;
  /** Version of the consent text, sent with the request. */
  @property({ attribute: 'consent-version' }) accessor consentVersion: string | undefined;
  /** The school's official channel for citizens' appeals (59-ФЗ). */
  @property({ attribute: 'appeals-url' }) accessor appealsUrl: string | undefined;
  /** Preselects who is asking: `staff`, `parent` or `student`. */
  @property() accessor requester: RequesterRole | undefined;

  override render() {
    return html`<section part="base">${this.renderConfigProblems()}</section>`;
  }
}
