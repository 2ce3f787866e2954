// What the bundle may not contain for the browsers README.md promises. Safari before 16.4 (and an
// iPhone 6s, 7 or the first SE stays on iOS 15.8) refuses the whole file at one regular expression
// with a lookbehind: no element renders at all, and the sources' tests in today's browsers cannot
// see it. Checked on the built files, which are what a parent's phone gets.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const LOOKBEHIND = /\(\?<[=!]/;
const files = ['dist/journal-help-widgets.js', 'dist/journal-help-widgets.iife.js'];

for (const file of files) {
  test(`${file} has no regular-expression lookbehind (Safari before 16.4 would refuse the file)`, () => {
    assert.ok(existsSync(file), `${file} is missing: npm run build`);
    const found = readFileSync(file, 'utf8').match(new RegExp(`.{0,60}${LOOKBEHIND.source}.{0,20}`, 'g')) ?? [];
    assert.deepEqual(found, []);
  });
}

test('the check finds a lookbehind, and not a named group', () => {
  assert.ok(LOOKBEHIND.test(String(/(?<!стра)ху/)) && LOOKBEHIND.test('(?<=a)b'));
  assert.ok(!LOOKBEHIND.test(String(/(?<year>\d{4})/)));
});
