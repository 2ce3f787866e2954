// `npm run size:variants`: what the budget decision weighs. Builds the ESM bundle without parts of
// the product (an element, the English table) into scratch directories and prints each one's gzip
// bytes next to the whole bundle's, so that the cost of each part is measured, not estimated.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundleConfig } from '../rollup.config.mjs';
import { BUDGET_GZIP, TARGET_GZIP } from './size.mjs';

const ELEMENTS = { form: 'HelpRequestForm', directory: 'SpecialistDirectory', regulation: 'RegulationViewer' };

/** A variant: the elements it defines, and whether English ships. */
const variants = [
  { name: 'the product: three elements, Russian and English', keep: ['form', 'directory', 'regulation'], english: true },
  { name: 'without <regulation-viewer>', keep: ['form', 'directory'], english: true },
  { name: 'without <specialist-directory>', keep: ['form', 'regulation'], english: true },
  { name: 'without the English table', keep: ['form', 'directory', 'regulation'], english: false },
  { name: '<help-request-form> alone', keep: ['form'], english: true },
  { name: '<help-request-form> alone, Russian only', keep: ['form'], english: false },
];

/** Rewrites the entry to export only the kept elements, and the tables to ship `ru` alone. */
const variant = ({ keep, english }) => ({
  name: 'size-variant',
  transform(code, id) {
    if (/[\\/]src[\\/]index\.ts$/.test(id)) {
      const dropped = Object.entries(ELEMENTS).filter(([key]) => !keep.includes(key));
      const text = dropped.reduce((rest, [, name]) => {
        const without = rest.replace(new RegExp(`^export \\{ ${name} \\}.*$`, 'm'), '');
        if (without === rest) throw new Error(`src/index.ts no longer exports ${name} on a line of its own: update scripts/size-variants.mjs`);
        return without;
      }, code);
      // The map matters not here: only the bytes are read.
      return { code: text, map: { mappings: '' } };
    }
    if (!english && /[\\/]src[\\/]i18n[\\/]tables\.ts$/.test(id)) {
      const replaced = code.replace(/^import \{ en \} from .*$/m, '').replace('{ ru, en }', '{ ru, en: ru }');
      if (!replaced.includes('en: ru')) throw new Error('src/i18n/tables.ts changed: update scripts/size-variants.mjs');
      return { code: replaced, map: { mappings: '' } };
    }
    return null;
  },
});

mkdirSync('.size', { recursive: true });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let whole;
console.log('gzip (ESM)  vs product   variant');
for (const v of variants) {
  const dir = mkdtempSync('.size/variant-');
  try {
    const config = bundleConfig(dir);
    const bundle = await rollup({ ...config, plugins: [variant(v), ...config.plugins], onwarn: config.onwarn });
    await bundle.write(config.output[0]);
    await bundle.close();
    const gzip = gzipSync(readFileSync(config.output[0].file), { level: 9 }).length;
    whole ??= gzip;
    const delta = gzip === whole ? '' : `−${whole - gzip}`.padStart(7);
    console.log(`${String(gzip).padStart(7)} ${kb(gzip).padStart(8)} ${delta.padStart(8)}   ${v.name}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`asked-for budget ${TARGET_GZIP} B (${kb(TARGET_GZIP)}); gate ${BUDGET_GZIP} B (${kb(BUDGET_GZIP)})`);
