import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { JhwElement } from '../../src/shared/base-element.js';

/** A minimal element on the shared base, to test what every element inherits. */
export class ProbeElement extends JhwElement {
  @property({ attribute: 'school-name' }) accessor schoolName: string | undefined;
  @property({ attribute: 'journal-url' }) accessor journalUrl: string | undefined;
  @property() accessor region: string | undefined;

  override render() {
    return html`${this.renderConfigProblems()}
      <p id="school">${this.setting('schoolName') ?? ''}</p>
      <p id="journal">${this.setting('journalUrl') ?? ''}</p>
      <p id="region">${this.setting('region') ?? ''}</p>
      <p id="retry">${this.t('common.retry')}</p>`;
  }
}
customElements.define('probe-element', ProbeElement);
