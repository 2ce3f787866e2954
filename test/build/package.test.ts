// The npm package as its consumers get it. `npm pack` runs `prepack` (the build) first; here the
// tree is already built (scripts/test.mjs builds before the node tests), so the pack skips it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const packed: string[] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
)[0].files.map((f: { path: string }) => f.path);
const libModules = (readdirSync('lib', { recursive: true }) as string[]).filter((f) => f.endsWith('.js')).map((f) => join('lib', f));

/** Every file an entry point of package.json names (`*` in `exports` expanded against the pack). */
function entryPoints(): string[] {
  const targets: string[] = [pkg.main, pkg.module, pkg.types, pkg.customElements];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  return targets.map((t) => t.replace(/^\.\//, ''));
}

test('a clean checkout packs the built code: prepack runs the build', () => {
  assert.match(pkg.scripts.prepack ?? '', /^npm run (--silent )?build$/);
});

test('every file package.json points consumers at is in the package', () => {
  const missing = entryPoints().filter((target) => {
    if (!target.includes('*')) return !packed.includes(target);
    const [head, tail] = target.split('*');
    return !packed.some((f) => f.startsWith(head!) && f.endsWith(tail!));
  });
  assert.deepEqual(missing, []);
  assert.ok(packed.includes('dist/schema/help-request.json'), 'the JSON Schemas behind ./schema/*.json');
});

test('the package carries its licence', () => {
  assert.ok(packed.includes('LICENSE'));
  assert.match(readFileSync('LICENSE', 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 journal-help-widgets contributors\n/);
  assert.equal(pkg.license, 'MIT');
});

test('nothing but the package itself: no tests, demo, receiver data, size or coverage reports, databases, sources', () => {
  const stray = packed.filter((f) => /^(test|demo|server|src|scripts|coverage|data|docs|\.size|\.bench|\.test-results)\/|\.db$/.test(f));
  assert.deepEqual(stray, []);
});

test('no declaration map points at the sources, which are not shipped', () => {
  assert.deepEqual(packed.filter((f) => f.endsWith('.d.ts.map')), []);
});

test('lib/ imports no package that is not a dependency', () => {
  const declared = new Set(Object.keys(pkg.dependencies ?? {}));
  const undeclared = new Set<string>();
  for (const file of libModules) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)) {
      if (!specifier || specifier.startsWith('.')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      if (!declared.has(name)) undeclared.add(`${name} (${file})`);
    }
  }
  assert.ok(libModules.length > 20, 'lib/ was not found: npm run build');
  assert.deepEqual([...undeclared], []);
});

test("lib/ carries no copies of TypeScript's decorator helpers and no class static blocks (Safari 16.4)", () => {
  const found = libModules.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [
      ...(/\bvar __\w+ = /.test(text) ? [`an inlined helper in ${file}`] : []),
      ...(/\bstatic\s*\{/.test(text) ? [`a static block in ${file}`] : []),
    ];
  });
  assert.deepEqual(found, []);
});
