import { html } from 'lit';
import { JhwElement } from '../shared/base-element.js';
import { styles } from './regulation-viewer.styles.js';

/**
 * @summary The school's regulation, with anchors to every point, contents, search and print.
 * @csspart base - The root of the element.
 * @csspart config-error - The webmaster's notice about misconfiguration.
 */
export class RegulationViewer extends JhwElement {
  static override styles = [...JhwElement.styles, styles];

  override render() {
    return html`<section part="base">${this.renderConfigProblems()}</section>`;
  }
}
