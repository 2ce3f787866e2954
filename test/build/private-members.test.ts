// The CDN build renames our private members (rollup.config.mjs). A name that is also written as a
// string — `changed.has('shown')`, `'copied' in state` — would still say the old name, and the
// bundle would quietly stop doing what the sources do (a long regulation stopped rendering after its
// second chunk that way; the sources' tests cannot see it). So no listed name may appear as a string.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error -- a plain .mjs build config without types
import { PRIVATE_MEMBER_NAMES } from '../../rollup.config.mjs';

const sources = (readdirSync('src', { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: join('src', f), text: readFileSync(join('src', f), 'utf8') }));

test('no private member renamed by the CDN build is also written as a string in the sources', () => {
  assert.ok(sources.length > 20, 'the sources were not found');
  const found = (PRIVATE_MEMBER_NAMES as string[]).flatMap((name) =>
    sources.filter(({ text }) => new RegExp(`(['"\`])${name}\\1`).test(text)).map(({ file }) => `${name} in ${file}`),
  );
  assert.deepEqual(found, []);
});

test('the check sees a name written as a string (it can fail)', () => {
  assert.ok(sources.some(({ text }) => /(['"`])profileSrc\1/.test(text)), "changed.has('profileSrc') in the base element");
});
