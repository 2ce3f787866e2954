// The package's types as a consumer's TypeScript sees them: each fixture in test/build/types/ is
// compiled alone against the built lib/*.d.ts, reached through package.json's `exports` (the package
// names itself), and must compile without a diagnostic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noEmit: true,
  types: [],
};

function diagnostics(fixture: string): string[] {
  const program = ts.createProgram([`test/build/types/${fixture}`], options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  }).trim());
}

test('importing one element alone gives its events typed details (HTMLElementEventMap)', () => {
  assert.deepEqual(diagnostics('one-element.ts'), []);
});

test('the types README names (Messages, MessageKey, Lang, RequesterRole, event details) import from the package root', () => {
  assert.deepEqual(diagnostics('public-types.ts'), []);
});

test('the check can fail', () => {
  const program = ts.createProgram(['test/build/types/one-element.ts'], { ...options, noLib: true });
  assert.ok(ts.getPreEmitDiagnostics(program).length > 0);
});
