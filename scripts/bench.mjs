// `npm run bench`: every benchmark script in scripts/bench/, one after another.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

let failed = 0;
for (const file of readdirSync('scripts/bench').filter((f) => f.endsWith('.mjs')).sort()) {
  console.log(`\n=== ${file} ===`);
  if (spawnSync('node', [`scripts/bench/${file}`], { stdio: 'inherit' }).status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
