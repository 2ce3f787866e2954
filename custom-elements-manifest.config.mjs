// `cem analyze` (npm run build, npm run analyze): the manifest describes the modules the package
// ships, lib/**/*.js, not the sources it is made from, and defines each tag where the package does.
import { posix } from 'node:path';

const lib = (path) => path.replace(/^\/?src\/(.*)\.[jt]s$/, 'lib/$1.js');

/** `defineElement('tag', Class)` calls (src/<element>/define.ts), by module. */
const definitions = new Map();

/** The package's own element definitions in place of the analyzer's guesses. */
const packageModules = {
  name: 'journal-help-widgets: lib modules and element definitions',
  analyzePhase({ ts, node, moduleDoc }) {
    if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
    const [tag, ctor] = node.arguments;
    if (!tag || !ts.isStringLiteral(tag) || !ctor || !ts.isIdentifier(ctor)) return;
    definitions.set(moduleDoc.path, [...(definitions.get(moduleDoc.path) ?? []), { tag: tag.text, className: ctor.text }]);
  },
  packageLinkPhase({ customElementsManifest }) {
    const { modules } = customElementsManifest;
    const elements = modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({ d, path: m.path })));
    for (const m of modules) {
      // The analyzer reads `customElements.define(name, ctor)` inside the guarded define helper as a
      // definition of a tag called "name": only a definition of one of our classes stays.
      m.exports = (m.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' ||
        elements.some(({ d, path }) => d.name === e.declaration.name && path === e.declaration.module));
      for (const { tag, className } of definitions.get(m.path) ?? []) {
        const element = elements.find(({ d }) => d.name === className);
        if (!element || element.d.tagName !== tag) {
          throw new Error(`${m.path}: defineElement('${tag}', ${className}) names no class with @tagname ${tag}`);
        }
        m.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: element.path } });
      }
    }
    // Every path and module reference, sources to shipped modules; a re-export's `./x.js` is read
    // against its own module; package references (`lit`) stay.
    const relink = (value, from) => {
      if (Array.isArray(value)) return value.forEach((v) => relink(v, from));
      if (!value || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'path' || key === 'module') && typeof inner === 'string') {
          value[key] = lib(inner.startsWith('.') ? posix.join(posix.dirname(from), inner) : inner);
        } else relink(inner, from);
      }
    };
    for (const m of modules) relink(m, m.path);
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  plugins: [packageModules],
};
