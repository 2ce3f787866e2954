// Browser tests in the machine's own browsers (nothing is downloaded): Debian's Chromium, and
// Firefox ESR, which many parents use, and WebKitGTK, the engine of every iPhone browser.
// `BROWSERS=chromium`, `BROWSERS=firefox` or `BROWSERS=webkit` runs one.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { browserPaths, chromiumArgs } from './scripts/browsers.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { testPlugins } from './test/support/plugins.mjs';
import { webkitLauncher } from './test/support/webkit-launcher.mjs';

const paths = browserPaths();
const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');

const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(chromeLauncher({ launchOptions: { executablePath: paths.chromium, headless: true, args: chromiumArgs } }));
}
if (wanted.includes('firefox')) {
  browsers.push(
    chromeLauncher({ launchOptions: { browser: 'firefox', executablePath: paths.firefox, headless: true } }),
  );
}
if (wanted.includes('webkit')) browsers.push(webkitLauncher());

export default {
  // test/build, test/server and test/e2e are node tests (scripts/test.mjs runs them).
  files: [
    'test/**/*.test.ts',
    '!test/build/**',
    '!test/server/**',
    '!test/e2e/**',
    // The XSS corpora (text through every element; Lit's bindings, not the engine, keep it text) run in
    // Chromium and Firefox: in WebKit they would add a minute and a half to CI's 20.
    ...(wanted.length === 1 && wanted[0] === 'webkit' ? ['!test/hardening/xss-*.test.ts'] : []),
  ],
  nodeResolve: { exportConditions: ['production'] },
  // Standard decorators must be lowered for the browsers (see TOOLCHAIN.md).
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), ...testPlugins],
  browsers,
  reporters: [defaultReporter(), countReporter(`.test-results/browser-${wanted.join('-')}.json`)],
  concurrency: 1,
  // A loaded CI machine runs the heavier files (XSS corpora through every element) for minutes.
  testsFinishTimeout: 600_000,
  browserStartTimeout: 120_000,
  concurrentBrowsers: 2,
  testFramework: { config: { timeout: 10000 } },
  // Coverage is a Chromium feature; the other runs leave it off.
  coverage: wanted.length === 1 && wanted[0] === 'chromium',
  coverageConfig: {
    include: ['src/**/*.ts'],
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcov'],
  },
};
