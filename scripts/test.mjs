// `npm test`: every check, in the order a failure is cheapest to read — types, templates, the
// build, the browser suites in Chromium, Firefox ESR and WebKit, then the receiver and end-to-end tests.
// It runs them all, then prints one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { requireBrowsers } from './browsers.mjs';

requireBrowsers(['chromium', 'firefox', 'webkit']);
rmSync('.test-results', { recursive: true, force: true });

const failedSteps = [];
function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

step('type-check', 'npx', ['tsc', '-p', 'tsconfig.test.json']);
if (existsSync('server/tsconfig.json')) step('type-check server', 'npx', ['tsc', '-p', 'server/tsconfig.json']);
step('lit-analyzer', 'npx', ['lit-analyzer', 'src/**/*.ts', '--strict']);
const built = step('build', 'npm', ['run', '--silent', 'build']);
if (built) step('bundle size budget', 'node', ['scripts/size.mjs']);
if (built) step('README API reference up to date', 'node', ['scripts/readme-api.mjs', '--check']);
step('browser tests: Chromium (with coverage)', 'npx', ['wtr'], { BROWSERS: 'chromium' });
step('browser tests: Firefox ESR', 'npx', ['wtr'], { BROWSERS: 'firefox' });
step('browser tests: WebKit', 'npx', ['wtr'], { BROWSERS: 'webkit' });

const nodeTests = ['test/build', 'test/server', 'test/e2e'].filter(existsSync).flatMap((dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`),
);
let nodeTotals = { passed: 0, failed: 0 };
if (nodeTests.length > 0 && built) {
  console.log('\n▶ build, receiver and end-to-end tests (node --test)');
  const result = spawnSync('node', ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...nodeTests], {
    encoding: 'utf8',
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout);
  const read = (label) => Number(result.stdout.match(new RegExp(`^(?:ℹ|#) ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  nodeTotals = { passed: read('pass'), failed: read('fail') };
  if (result.status !== 0) failedSteps.push('receiver and end-to-end tests');
}

const totals = { passed: nodeTotals.passed, failed: nodeTotals.failed, skipped: 0 };
for (const file of existsSync('.test-results') ? readdirSync('.test-results') : []) {
  const counts = JSON.parse(readFileSync(`.test-results/${file}`, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed + counts.errors;
  totals.skipped += counts.skipped;
}
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length > 0 && totals.failed === 0) totals.failed = failedSteps.length;
console.log(`\nTotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
