// A rollup plugin for the CDN bundles: zod's `for (const key in x)` loops read own keys only.
// Why: a site script that adds an enumerable property to Object.prototype (old libraries and
// "polyfills" do) made zod 4 throw while it built the schemas, so no element of the bundle was
// defined, silently; and a strict object would have refused every input for an "unknown key".
// zod means own keys in each of these loops (shapes, defs, parsed JSON). The build stops if the
// loops are gone from zod, so that an update which changes them is looked at again.
const LOOP = /\bfor \(const (\w+) in ([\w.]+)\)/g;

export function ownKeys({ include = /[\\/]node_modules[\\/]zod[\\/]/ } = {}) {
  let rewritten = 0;
  return {
    name: 'own-keys',
    buildStart() {
      rewritten = 0;
    },
    transform(code, id) {
      if (!include.test(id) || !LOOP.test(code)) return null;
      LOOP.lastIndex = 0;
      const out = code.replace(LOOP, (_, key, object) => (rewritten++, `for (const ${key} of Object.keys(${object}))`));
      return { code: out, map: null };
    },
    buildEnd(error) {
      if (!error && rewritten === 0) this.error('own-keys: no `for (const k in x)` loop of zod was found; check scripts/own-keys.mjs against the new zod');
    },
  };
}
