// The npm modules (lib/): tsc with tsconfig.json, plus the CDN build's transformer that compiles
// Lit's @property()/@state() accessors to a `static properties` table. Without it tsc lowers the
// standard decorators to `__esDecorate` helpers and class `static {}` blocks: a copy of the helpers
// in every element (a Vite app grew ~16 % over the CDN file) and a syntax Safari has only from 16.4,
// while README promises 15.4. With it lib/ is the same code as the CDN bundle, unminified.
import ts from 'typescript';
import { litStaticProperties } from './lit-static-properties.mjs';

const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };
const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) });
if (config.errors.length > 0) fail(config.errors);
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
const emitted = program.emit(undefined, undefined, undefined, false, { before: [litStaticProperties] });
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (diagnostics.length > 0) fail(diagnostics);

function fail(diagnostics) {
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
