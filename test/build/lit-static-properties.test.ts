import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
// @ts-expect-error -- a plain .mjs build script without types
import { litStaticProperties } from '../../scripts/lit-static-properties.mjs';

/** Compiles a snippet the way the CDN build does (ES2022, the transformer before tsc's own). */
const compile = (source: string) =>
  ts.transpileModule(source, {
    fileName: 'element.ts',
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators: false },
    transformers: { before: [litStaticProperties] },
  }).outputText;

test('decorated accessors become one static properties table and constructor assignments', () => {
  const out = compile(`
    class A extends LitElement {
      @property({ attribute: 'max-items', type: Number }) accessor maxItems = 3;
      @property() accessor label: string | undefined;
      @state() private accessor open = false;
      plain = 1;
    }`);
  assert.match(out, /static properties = \{ maxItems: \{ attribute: 'max-items', type: Number \}, label: \{\}, open: \{ state: true \} \}/);
  assert.match(out, /constructor\(\.\.\.args\) \{\s*super\(\.\.\.args\);\s*this\.maxItems = 3;\s*this\.open = false;\s*\}/);
  assert.doesNotMatch(out, /__esDecorate|accessor|@property|@state/);
  assert.match(out, /plain = 1;/);
});

test('initial values go right after super() in an existing constructor', () => {
  const out = compile(`
    class A extends LitElement {
      @state() accessor n = 0;
      constructor() { super(); this.addEventListener('x', () => {}); }
    }`);
  assert.match(out, /super\(\);\s*this\.n = 0;\s*this\.addEventListener/);
});

test('a decorated setter is kept as written and named in the table', () => {
  const out = compile(`
    class A extends LitElement {
      #max?: number;
      @property({ type: Number }) set max(v: number | undefined) { this.#max = v; }
      get max(): number { return this.#max ?? 5; }
    }`);
  assert.match(out, /static properties = \{ max: \{ type: Number \} \}/);
  assert.match(out, /set max\(v\) \{ this\.#max = v; \}/);
  assert.doesNotMatch(out, /@property/);
});

test('anything it cannot compile faithfully stops the build with the place named', () => {
  assert.throws(() => compile(`class A extends LitElement { @query('#x') accessor x; }`), /element\.ts:1: only @property\(\) and @state\(\)/);
  assert.throws(() => compile(`class A extends LitElement { @property() name = 1; }`), /only `@property\(\) accessor name`/);
  assert.throws(() => compile(`class A extends LitElement { @property(opts) accessor a; }`), /object literal/);
  assert.throws(() => compile(`class A extends LitElement { static properties = {}; @state() accessor a; }`), /cannot be merged/);
});

test('the import of the compiled decorators goes with them (lib/ has no bundler to drop it)', () => {
  const out = compile(`
    import { LitElement } from 'lit';
    import { property, state } from 'lit/decorators.js';
    class A extends LitElement {
      @property() accessor a = 1;
      @state() accessor b = 2;
      c = history.state;
      d = { state: 1 };
    }`);
  assert.doesNotMatch(out, /lit\/decorators/);
  assert.match(out, /import \{ LitElement \} from 'lit';/);
});

test('a decorator import still read elsewhere stays', () => {
  const out = compile(`
    import { property, state } from 'lit/decorators.js';
    export const again = state;
    class A extends LitElement { @property() accessor a = 1; }`);
  assert.match(out, /import \{ state \} from 'lit\/decorators\.js';/);
});
