import * as z from 'zod/mini';
import { boolean, email, httpsUrl, siteUrl, webUrl } from '../src/schema/common.js';
import { HelpRequest, Profile, Specialists } from '../src/schema/index.js';

const base = 'urn:journal-help-widgets:schema:';
const schemas = { 'help-request': HelpRequest, specialists: Specialists, profile: Profile };
const out: Record<string, unknown> = {};
for (const [name, schema] of Object.entries(schemas)) {
  // Refinements (the etiquette check, "journal address or school name and region") cannot be
  // expressed in JSON Schema; they are described in the schema's description instead.
  // The URL checks are refinements (see common.ts); their JSON Schema says what z.url() would have.
  const override = ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => {
    if (zodSchema === httpsUrl) Object.assign(jsonSchema, { format: 'uri', pattern: '^\\s*[Hh][Tt][Tt][Pp][Ss]://' });
    if (zodSchema === webUrl) Object.assign(jsonSchema, { format: 'uri', pattern: '^\\s*([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:|[Tt][Ee][Ll]:)' });
    if (zodSchema === siteUrl) jsonSchema.format = 'uri-reference';
    // The e-mail check is a plain regex (see common.ts); its JSON Schema says what z.email() would have.
    if (zodSchema === email) {
      // Re-added so that `format` comes before `pattern`, as z.email() wrote them.
      const { pattern } = jsonSchema;
      delete jsonSchema.pattern;
      Object.assign(jsonSchema, { format: 'email', pattern });
    }
    if (zodSchema === boolean) delete jsonSchema.enum;
    // A trimmed string (`trimmed` in common.ts, the description) counts its length without the spaces
    // around it: «   » is empty. A span from a non-space to a non-space of at least the minimum length says so.
    type Def = { check?: string; minimum?: number };
    const defs = ((zodSchema as { _zod: { def: { checks?: { _zod: { def: Def } }[] } } })._zod.def.checks ?? []).map((c) => c._zod.def);
    const min = Math.max(0, ...defs.filter((d) => d.check === 'min_length').map((d) => d.minimum!));
    if (defs.some((d) => d.check === 'overwrite') && min > 0 && !jsonSchema.pattern) {
      jsonSchema.pattern = min === 1 ? '\\S' : `\\S[\\s\\S]{${min - 2},}\\S`;
    }
    // Whole numbers are a refinement too (see `whole` in common.ts).
    type Check = { _zod: { def: { fn?: unknown; error?: () => unknown; params?: { min?: number; max?: number } } } };
    const checks = (zodSchema as { _zod: { def: { checks?: Check[] } } })._zod.def.checks ?? [];
    if (checks.some((check) => check._zod.def.fn === Number.isInteger)) jsonSchema.type = 'integer';
    // So are the bounds of numbers (`atLeast`, `atMost`, `above` in common.ts).
    for (const { _zod: { def } } of checks) {
      const { min, max } = def.params ?? {};
      if (min !== undefined) jsonSchema[def.error?.() === 'validation.greaterThan' ? 'exclusiveMinimum' : 'minimum'] = min;
      if (max !== undefined) jsonSchema.maximum = max;
    }
  };
  out[name] = { $id: `${base}${name}:v1`, ...z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', override }) };
}

// Who the school is, a refinement in help-request.ts, as JSON Schema can say it: staff give the region
// and the journal address or the school's name; parents and students the address, or name and region.
type Branch = { properties: { role: { const?: string }; school: Record<string, unknown> } };
for (const branch of (out['help-request'] as { oneOf: Branch[] }).oneOf) {
  const school = branch.properties.school;
  if (branch.properties.role.const === 'staff') Object.assign(school, { required: ['region'], anyOf: [{ required: ['journalUrl'] }, { required: ['name'] }] });
  else school.anyOf = [{ required: ['journalUrl'] }, { required: ['name', 'region'] }];
}
// The one rule no JSON Schema can hold.
Object.assign(out['help-request'] as object, {
  description:
    'A help request (SPEC section 7, the multipart part `request`). Not expressible here: obscene language in `description` is refused (HTTP 422); check it with findObscenity() from journal-help-widgets/schema.',
});
process.stdout.write(JSON.stringify(out));
