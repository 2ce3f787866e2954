/**
 * The contract shared by the browser bundle, the reference receiver and other schools' servers
 * (SPEC section 6). Everything here is plain data and pure functions: no DOM, no Node APIs.
 */
export * from './common.js';
export * from './help-request.js';
export * from './specialists.js';
export * from './profile.js';
export * from './issues.js';
export { findObscenity } from './etiquette.js';
