import { defineElement } from '../shared/define.js';
import { SpecialistDirectory } from './specialist-directory.js';

export { SpecialistDirectory };
// The events' detail types and HTMLElementEventMap entries, for a page that imports this element alone.
export type * from '../shared/events.js';

defineElement('specialist-directory', SpecialistDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'specialist-directory': SpecialistDirectory;
  }
}
