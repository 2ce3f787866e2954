// The CDN build: one self-contained, minified file per format (ESM and a classic script), with
// Lit, @lit/task and zod inside. npm users get the unbundled modules from `tsc` instead.
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultStrategy } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { litStaticProperties } from './scripts/lit-static-properties.mjs';
import { messageValues } from './scripts/message-values.mjs';
import { ownKeys } from './scripts/own-keys.mjs';

/** Mangled in the CDN build; never also written as a string (`changed.has('name')`): test/build/private-members.test.ts. */
export const PRIVATE_MEMBER_NAMES = [
  'announcement', 'applyProfile', 'asking', 'configured', 'copyLink', 'copyTimer', 'currentRole', 'dataNotes', 'dragDepth',
  'enqueue', 'epoch', 'firstField', 'focusField', 'held', 'listening', 'locked', 'onBlur', 'onChange', 'onClick', 'onFocus',
  'onInput', 'onKeydown', 'ownProblems', 'profileLoading', 'profileProblems', 'readSource', 'refuse', 'rejected', 'renderAll',
  'renderCard', 'renderChannel', 'renderConfigProblems', 'renderContact', 'renderContents', 'renderDirectory', 'renderError',
  'renderForm', 'renderLoaded', 'renderSchool', 'renderSearch', 'renderText', 'reportProblem', 'revealHash', 'revoke',
  'serverErrors', 'setting', 'shots', 'sourceProblem', 'sources', 'tocOpen', 'unmark',
  'attempt', 'consoleNote', 'describe', 'chosen', 'copied', 'found', 'loader', 'pageLevel', 'printAll', 'problems', 'sending', 'picked', 'refused', 'renderLoadFailure', 'rendered', 'restored', 'unmarked', 'pointName',
];
const PRIVATE_MEMBERS = new RegExp(`^(${PRIVATE_MEMBER_NAMES.join('|')})$`);

/**
 * The plugin's CSS minifier (LightningCSS), for CSS that goes back into a template literal: an
 * escape it writes (`[href^='#']` becomes `[href^=\\#]`) needs its backslash doubled there, or the
 * template eats it and the browser drops the whole rule. Our styles are written without escapes.
 */
function minifyCSSInTemplate(css) {
  if (css.includes('\\')) throw new Error('a backslash in a css`` template: write the CSS without escapes');
  return defaultStrategy.minifyCSS(css).replaceAll('\\', '\\\\');
}

const zodNoise = new Set(['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED']);

/** The config for an output directory: `dist` for the build, a scratch one for `npm run size -- --by-file`. */
export const bundleConfig = (dir = 'dist') => ({
  input: 'src/index.ts',
  output: [
    { file: `${dir}/journal-help-widgets.js`, format: 'esm', sourcemap: true },
    { file: `${dir}/journal-help-widgets.iife.js`, format: 'iife', name: 'JournalHelpWidgets', sourcemap: true },
  ],
  plugins: [
    typescript({
      tsconfig: './tsconfig.json',
      // Shared decorator helpers from tslib instead of a copy per module.
      // Lit's decorators compiled to its `static properties` form (see the transformer for why).
      transformers: { before: [litStaticProperties] },
      compilerOptions: { declaration: false, declarationMap: false, outDir: dir, sourceMap: true, inlineSources: true, importHelpers: true },
    }),
    // The English messages without their keys (see the plugin for why).
    messageValues(),
    // Templates and styles are most of our own bytes: strip their whitespace and comments.
    minifyHTML({ options: { minifyOptions: { minifyCSS: minifyCSSInTemplate } } }),
    resolve({ browser: true }),
    // zod's loops over own keys only: a page's Object.prototype additions must not stop the bundle.
    ownKeys(),
    terser({
      ecma: 2022,
      module: true,
      compress: { passes: 3 },
      // Our own private members, named one by one (about 270 B gzip): never a DOM, Lit, zod or data
      // name, nor anything public. A name added here must be unique to src/; the CSP end-to-end
      // test drives every feature of the built bundle.
      mangle: { properties: { regex: PRIVATE_MEMBERS } },
      format: { comments: false },
    }),
  ],
  onwarn(warning, warn) {
    // zod's own files trigger these; they are harmless (see TOOLCHAIN.md).
    const id = warning.id ?? warning.ids?.[0] ?? warning.message;
    if (zodNoise.has(warning.code) && /node_modules[\\/]zod/.test(id ?? '')) return;
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((m) => m.includes('node_modules/zod'))) return;
    warn(warning);
  },
});

export default bundleConfig();
