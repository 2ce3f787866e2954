import { defineElement } from '../shared/define.js';
import { RegulationViewer } from './regulation-viewer.js';

export { RegulationViewer };
// The events' detail types and HTMLElementEventMap entries, for a page that imports this element alone.
export type * from '../shared/events.js';

defineElement('regulation-viewer', RegulationViewer);

declare global {
  interface HTMLElementTagNameMap {
    'regulation-viewer': RegulationViewer;
  }
}
