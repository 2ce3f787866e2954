/**
 * The bundle entry: defines every element. Importing it twice, or next to another copy of the
 * bundle, throws nothing (see shared/define.ts).
 */
export { HelpRequestForm } from './help-request-form/define.js';
export { SpecialistDirectory } from './specialist-directory/define.js';
export { RegulationViewer } from './regulation-viewer/define.js';
export { VERSION } from './shared/version.js';
export type * from './shared/events.js';
// The types of the properties in README's API reference.
export type { Lang, Message, MessageKey, Messages } from './i18n/localize.js';
export type { RequesterRole } from './schema/common.js';
