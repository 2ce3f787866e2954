import { defineElement } from '../shared/define.js';
import { SpecialistDirectory } from './specialist-directory.js';

export { SpecialistDirectory };

defineElement('specialist-directory', SpecialistDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'specialist-directory': SpecialistDirectory;
  }
}
