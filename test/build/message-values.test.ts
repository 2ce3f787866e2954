import assert from 'node:assert/strict';
import { test } from 'node:test';
import typescript from '@rollup/plugin-typescript';
import { rollup, type Plugin } from 'rollup';
import { en } from '../../src/i18n/en.js';
import { ru } from '../../src/i18n/ru.js';
// @ts-expect-error -- a plain .mjs build script without types
import { messageValues } from '../../scripts/message-values.mjs';

/** Bundles `src/i18n/tables.ts` as the CDN build does and loads the result. */
async function bundleTables(...extra: Plugin[]) {
  const bundle = await rollup({
    input: 'src/i18n/tables.ts',
    plugins: [
      typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false, declarationMap: false, outDir: undefined, sourceMap: false } }),
      ...extra,
      messageValues(),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'esm' });
  await bundle.close();
  const { code } = output[0];
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { code, tables: module.tables as { ru: typeof ru; en: typeof en } };
}

test('the bundled English table has every message under its own key, and the keys are written once', async () => {
  const { code, tables } = await bundleTables();
  assert.deepEqual(tables.en, en);
  assert.deepEqual(tables.ru, ru);
  assert.equal(code.split("'common.retry'").length - 1, 1, 'the key is written in the Russian table only');
  assert.ok(code.includes(JSON.stringify(en['common.retry']).slice(1, -1)));
});

test('a difference between the tables stops the build and names the keys', async () => {
  // The type-checker would refuse this too; the plugin must not rely on it.
  const drift: Plugin = {
    name: 'drift',
    transform(code, id) {
      if (/en\.ts$/.test(id)) return code.replace(/\s*'common\.retry': [^\n]*\n/, "\n  'common.retyr': 'Retry',\n");
      return null;
    },
  };
  await assert.rejects(bundleTables(drift), /missing: common\.retry; extra: common\.retyr/);
});
