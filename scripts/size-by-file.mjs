// `npm run size:files`: where the bundle's bytes come from. Builds the ESM bundle into a scratch
// directory (so it never races `npm run build`) and attributes every minified byte to its source
// file through the source map. Each group is gzipped on its own, so the column sums to more than the
// whole file: read it as a ranking, and `npm run size` for the figure.
//   --packages           one row per package / src folder
//   --within REGEX       one row per top-level declaration of the matching sources
//   --keep               leave the scratch bundle in .size/ for a look
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { SourceMapConsumer } from 'source-map';
import { bundleConfig } from '../rollup.config.mjs';

const args = process.argv.slice(2);
const within = args.includes('--within') ? new RegExp(args[args.indexOf('--within') + 1]) : undefined;
mkdirSync('.size', { recursive: true });
const dir = mkdtempSync('.size/run-');
const config = bundleConfig(dir);
try {
  const bundle = await rollup({ ...config, onwarn: config.onwarn });
  await bundle.write(config.output[0]);
  await bundle.close();
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}
const file = config.output[0].file;
const code = readFileSync(file, 'utf8');
const consumer = await new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));

const short = (source) => source.replace(/.*node_modules\//, '').replace(/.*?\bsrc\//, 'src/');
const packageOf = (name) => name.startsWith('src/') ? name.replace(/^(src\/[^/]+)\/.*/, '$1') : name.replace(/^((@[^/]+\/)?[^/]+)\/.*/, '$1');
const declaration = new RegExp('^(export )?(default )?(async )?(const|let|var|function|class)\\s');
const sourceLines = new Map();
const declarationOf = (source, line) => {
  if (!sourceLines.has(source)) sourceLines.set(source, (consumer.sourceContentFor(source, true) ?? '').split('\n'));
  const lines = sourceLines.get(source);
  let i = line - 1;
  while (i > 0 && !declaration.test(lines[i])) i--;
  return `${short(source)}: ${(lines[i] ?? '').trim().slice(0, 70)}`;
};

const mappings = [];
consumer.eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
const lines = code.split('\n');
const groups = new Map();
mappings.forEach((m, i) => {
  const next = mappings[i + 1];
  const line = lines[m.generatedLine - 1];
  const text = line.slice(m.generatedColumn, next?.generatedLine === m.generatedLine ? next.generatedColumn : line.length);
  const source = m.source ?? '(no source)';
  if (within && !within.test(source)) return;
  const key = within ? declarationOf(source, m.originalLine) : args.includes('--packages') ? packageOf(short(source)) : short(source);
  groups.set(key, (groups.get(key) ?? '') + text);
});
const rows = [...groups].map(([name, text]) => ({ name, min: text.length, gzip: gzipSync(text, { level: 9 }).length }));
rows.sort((a, b) => b.gzip - a.gzip);
console.log('    min   gzip  source');
for (const r of rows) console.log(`${String(r.min).padStart(7)} ${String(r.gzip).padStart(6)}  ${r.name}`);
console.log(`whole ESM file: ${code.length} min, ${gzipSync(code, { level: 9 }).length} gzip`);
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
