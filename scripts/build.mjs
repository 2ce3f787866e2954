// `npm run build`: the npm modules (lib/), the CDN bundles (dist/), the element manifest and the
// JSON Schemas. Each step is a plain CLI call so that a failure names its tool.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, ...args) => execFileSync(cmd, args, { stdio: 'inherit' });

rmSync('lib', { recursive: true, force: true });
rmSync('dist', { recursive: true, force: true });
run('node', 'scripts/build-lib.mjs');
run('npx', 'rollup', '-c', '--silent');
run('npx', 'cem', 'analyze', '--quiet');
run('node', 'scripts/schema.mjs');
