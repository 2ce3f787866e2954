import { html } from 'lit';
import { JhwElement } from '../shared/base-element.js';
import { styles } from './specialist-directory.styles.js';

/**
 * @summary Who can help with the electronic journal, and how to reach them.
 * @csspart base - The root of the element.
 * @csspart config-error - The webmaster's notice about misconfiguration.
 */
export class SpecialistDirectory extends JhwElement {
  static override styles = [...JhwElement.styles, styles];

  override render() {
    return html`<section part="base">${this.renderConfigProblems()}</section>`;
  }
}
