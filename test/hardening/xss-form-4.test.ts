import { payloads } from '../fixtures/xss-corpus.js';
import { formSuite } from './xss-form.js';

// Quarter 4 of 4: each file must finish within the runner's two minutes, in Firefox too.
const quarter = Math.ceil(payloads.length / 4);
formSuite(payloads.slice(3 * quarter, 4 * quarter));
