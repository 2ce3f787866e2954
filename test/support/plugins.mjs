// Dev-server plugins the browser tests talk to over real HTTP (e.g. a test endpoint for the form),
// and commands they run in the browser's driver.
import { testEndpointPlugin } from './test-endpoint.mjs';
import { flakySpecialistsPlugin } from './flaky-specialists.mjs';
import { driverPlugin } from './driver.mjs';

export const testPlugins = [testEndpointPlugin(), flakySpecialistsPlugin(), driverPlugin()];
