import { defineElement } from '../shared/define.js';
import { RegulationViewer } from './regulation-viewer.js';

export { RegulationViewer };

defineElement('regulation-viewer', RegulationViewer);

declare global {
  interface HTMLElementTagNameMap {
    'regulation-viewer': RegulationViewer;
  }
}
