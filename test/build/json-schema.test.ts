// The JSON Schemas in dist/schema/ are for other schools' servers and for editors: they must accept
// and refuse what the zod schemas do, or a server that trusts them stores what our receiver refuses.
// One rule has no JSON Schema form (obscene language), and it says so in its description.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { HelpRequest, Profile, Specialists } from '../../src/schema/index.js';
import { validRequests } from '../server/support.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
const compiled = (name: string) => {
  if (!validators.has(name)) validators.set(name, ajv.compile(JSON.parse(readFileSync(`dist/schema/${name}.json`, 'utf8'))));
  return validators.get(name)!;
};

const { staff, parent, student } = validRequests;
const cases: [string, unknown][] = [
  ['staff', staff],
  ['parent', parent],
  ['student by school name and region', student],
  ['staff by school name, no journal address', { ...staff, school: { name: 'Школа № 3', region: 'Орловская область' } }],
  ['staff without a region', { ...staff, school: { journalUrl: 'https://x.eljur.ru' } }],
  ['a parent with an empty school', { ...parent, school: {} }],
  ['a parent with a school name but no region', { ...parent, school: { name: 'Школа № 3' } }],
  ['a description of spaces', { ...staff, description: ' '.repeat(20) }],
  ['a description of nine letters between spaces', { ...staff, description: `   ${'а'.repeat(9)}   ` }],
  ['a description of ten letters', { ...staff, description: 'а'.repeat(10) }],
  ['a full name of spaces', { ...parent, fullName: '   ' }],
  ['a class out of range', { ...parent, childClass: '12А' }],
  ['staff without an e-mail', { ...staff, email: undefined }],
  ['an unknown role', { ...staff, role: 'teacher' }],
  ['consent not given', { ...staff, consent: { ...staff.consent, accepted: false } }],
  ['a journal address on http:', { ...parent, school: { journalUrl: 'http://x.eljur.ru' } }],
  ['an unknown key', { ...staff, password: 'x' }],
];

const strip = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('dist/schema/*.json agree with the zod schemas', () => {
  it('help-request.json, request by request', () => {
    const validate = compiled('help-request');
    const disagree = cases
      .map(([name, data]) => ({ name, zod: HelpRequest.safeParse(strip(data)).success, json: validate(strip(data)) }))
      .filter((r) => r.zod !== r.json);
    assert.deepEqual(disagree, []);
    assert.ok(cases.some(([, d]) => !HelpRequest.safeParse(strip(d)).success) && cases.some(([, d]) => HelpRequest.safeParse(strip(d)).success), 'both kinds of case');
  });

  it('help-request.json says what it cannot check (obscene language), which zod refuses', () => {
    const rude = { ...staff, description: 'Журнал опять не работает, хуй знает почему.' };
    assert.equal(HelpRequest.safeParse(rude).success, false);
    assert.equal(compiled('help-request')(rude), true);
    assert.match(JSON.parse(readFileSync('dist/schema/help-request.json', 'utf8')).description, /findObscenity/);
  });

  it('specialists.json and profile.json, on blank and valid values', () => {
    const entry = { id: 'a', kind: 'journal-admin', name: 'Иванова', channels: [{ type: 'phone', number: '+7 4862 55-12-34 доб. 214' }] };
    const files: [string, { safeParse(d: unknown): { success: boolean } }, unknown[]][] = [
      ['specialists', Specialists, [{ version: 1, specialists: [entry] }, { version: 1, specialists: [{ ...entry, name: '   ' }] }, { version: 1, specialists: [{ ...entry, kind: 'wizard' }] }]],
      ['profile', Profile, [{ schoolName: 'Школа № 3' }, { schoolName: '  ' }, { endpoint: 'https://help.school.example/api/requests' }]],
    ];
    for (const [name, schema, samples] of files) {
      const validate = compiled(name);
      for (const sample of samples) assert.equal(validate(sample), schema.safeParse(sample).success, `${name}: ${JSON.stringify(sample)}`);
    }
  });
});
