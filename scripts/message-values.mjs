// A rollup plugin for the CDN bundles only: the English table ships as its values alone, in the
// Russian table's key order, and gets its keys from `Object.keys(ru)` when the bundle loads. Why:
// the keys written a second time cost about 250 B gzip. The source keeps `en` a keyed object, which
// the type-checker holds to exactly the keys of `ru`; this plugin checks that again and stops the
// build on any difference, so a value can never land under the wrong key.

/** The `{ 'key': value, … }` of `export const <name> = …` in a module's AST, or undefined. */
function tableOf(ast, name) {
  for (const node of ast.body) {
    const declaration = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
    for (const d of declaration?.type === 'VariableDeclaration' ? declaration.declarations : []) {
      if (d.id.name === name && d.init?.type === 'ObjectExpression') return { declaration: node, object: d.init };
    }
  }
}

/** Keys of an object literal in source order; anything but plain, non-index keys stops the build. */
function keysOf(object, where) {
  return object.properties.map((p) => {
    const key = p.type === 'Property' && !p.computed && (p.key.type === 'Literal' ? p.key.value : p.key.name);
    // Index-like keys would come first in Object.keys(), whatever their place in the source.
    if (typeof key !== 'string' || /^\d+$/.test(key)) throw new Error(`${where}: only plain keys can be listed by order (scripts/message-values.mjs)`);
    return key;
  });
}

/** `plugins: [typescript(…), messageValues()]`: the tables' modules as @rollup/plugin-typescript leaves them. */
export function messageValues({ table = 'en', from = 'ru', file = /[\\/]i18n[\\/]en\.ts$/, source = './ru.js' } = {}) {
  return {
    name: 'message-values',
    async transform(code, id) {
      if (!file.test(id)) return null;
      const own = tableOf(this.parse(code), table);
      if (!own) throw new Error(`${id}: no \`export const ${table} = { … }\` (scripts/message-values.mjs)`);
      const fromId = (await this.resolve(source, id))?.id;
      const info = fromId && (await this.load({ id: fromId }));
      const base = info?.code && tableOf(this.parse(info.code), from);
      if (!base) throw new Error(`${id}: no \`export const ${from} = { … }\` in ${source} (scripts/message-values.mjs)`);

      const order = keysOf(base.object, fromId);
      const ownKeys = keysOf(own.object, id);
      const values = new Map(own.object.properties.map((p, i) => [ownKeys[i], code.slice(p.value.start, p.value.end)]));
      const missing = order.filter((key) => !values.has(key));
      const extra = [...values.keys()].filter((key) => !order.includes(key));
      if (missing.length || extra.length) {
        throw new Error(`${id}: the ${table} table must have exactly the keys of ${from}; missing: ${missing.join(', ') || '–'}; extra: ${extra.join(', ') || '–'}`);
      }
      const list = `[\n${order.map((key) => `  ${values.get(key)},`).join('\n')}\n]`;
      const replacement = `import { ${from} as __keys } from ${JSON.stringify(source)};\n` +
        `const __values = ${list};\n` +
        `export const ${table} = /*#__PURE__*/ Object.fromEntries(Object.keys(__keys).map((key, i) => [key, __values[i]]));`;
      // No map: the table's lines moved, and a wrong map is worse than none.
      return { code: code.slice(0, own.declaration.start) + replacement + code.slice(own.declaration.end), map: { mappings: '' } };
    },
  };
}
