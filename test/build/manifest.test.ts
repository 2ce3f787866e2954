// custom-elements.json as the package ships it: editors and docs tools resolve its modules in the
// installed package, which has lib/ and no src/.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Reference { name: string; module?: string; package?: string }
interface Export { kind: string; name: string; declaration: Reference }
interface Module { path: string; declarations?: { name: string; tagName?: string; customElement?: boolean }[]; exports?: Export[] }

const manifest: { modules: Module[] } = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

test('every module and module reference is a shipped file under lib/', () => {
  const wrong = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof inner === 'string') {
        if (!/^lib\/.+\.js$/.test(inner) || !existsSync(inner)) wrong.add(inner);
      } else walk(inner);
    }
  };
  assert.ok(manifest.modules.length > 20);
  walk(manifest.modules);
  assert.deepEqual([...wrong], []);
  assert.ok(pkg.files.includes('lib') && pkg.files.includes('custom-elements.json'));
});

test('one definition per tag, in the module that defines it, of the class with that tag', () => {
  const definitions = manifest.modules.flatMap((m) =>
    (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ in: m.path, tag: e.name, ...e.declaration })),
  ).sort((a, b) => a.tag.localeCompare(b.tag));
  assert.deepEqual(definitions, [
    { in: 'lib/help-request-form/define.js', tag: 'help-request-form', name: 'HelpRequestForm', module: 'lib/help-request-form/help-request-form.js' },
    { in: 'lib/regulation-viewer/define.js', tag: 'regulation-viewer', name: 'RegulationViewer', module: 'lib/regulation-viewer/regulation-viewer.js' },
    { in: 'lib/specialist-directory/define.js', tag: 'specialist-directory', name: 'SpecialistDirectory', module: 'lib/specialist-directory/specialist-directory.js' },
  ]);
  for (const d of definitions) {
    const declaration = manifest.modules.find((m) => m.path === d.module)?.declarations?.find((x) => x.name === d.name);
    assert.equal(declaration?.tagName, d.tag, `${d.name} in ${d.module}`);
    assert.equal(declaration?.customElement, true);
  }
});
