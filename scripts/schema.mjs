// `npm run schema`: JSON Schema files generated from the zod schemas, for other schools' servers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const out = 'dist/schema';
mkdirSync(out, { recursive: true });
// The schemas are TypeScript; tsx runs them without a build step.
const json = execFileSync('npx', ['tsx', 'scripts/schema-export.ts'], { encoding: 'utf8' });
for (const [name, schema] of Object.entries(JSON.parse(json))) {
  writeFileSync(`${out}/${name}.json`, JSON.stringify(schema, null, 2) + '\n');
  console.log(`${out}/${name}.json`);
}
