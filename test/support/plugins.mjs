// Dev-server plugins the browser tests talk to over real HTTP (e.g. a test endpoint for the form).
import { testEndpointPlugin } from './test-endpoint.mjs';
import { flakySpecialistsPlugin } from './flaky-specialists.mjs';

export const testPlugins = [testEndpointPlugin(), flakySpecialistsPlugin()];
