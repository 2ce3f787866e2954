import * as z from 'zod/mini';
import { HelpRequest, Profile, Specialists } from '../src/schema/index.js';

const base = 'urn:journal-help-widgets:schema:';
const schemas = { 'help-request': HelpRequest, specialists: Specialists, profile: Profile };
const out: Record<string, unknown> = {};
for (const [name, schema] of Object.entries(schemas)) {
  // Refinements (the etiquette check, "journal address or school name and region") cannot be
  // expressed in JSON Schema; they are described in the schema's description instead.
  out[name] = { $id: `${base}${name}:v1`, ...z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) };
}
process.stdout.write(JSON.stringify(out));
