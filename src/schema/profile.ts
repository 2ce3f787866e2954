import * as z from 'zod/mini';
import { above, atLeast, atMost, boolean, httpsUrl, requesterRole, siteUrl, trimmed, whole } from './common.js';
import { tables } from '../i18n/tables.js';
import { validate, type FieldIssue } from './issues.js';
import { timeZone } from './specialists.js';

const message = z.union([
  z.string(),
  z.catchall(z.object({ other: z.string() }), z.string()),
]);

/**
 * A school's shared settings (`profile-src`): the same keys as the elements' attributes, in
 * camelCase. Each key is checked on its own so that one bad value does not cost the others.
 */
export const profileFields = {
  endpoint: siteUrl,
  schoolName: trimmed(300),
  region: trimmed(200),
  journalUrl: httpsUrl,
  privacyPolicyUrl: siteUrl,
  consentUrl: siteUrl,
  consentVersion: trimmed(100),
  appealsUrl: siteUrl,
  requester: requesterRole,
  timeZone,
  timeout: z.number().check(above(0)),
  // At least 1: the screenshot is required unless `screenshotOptional`, and 0 would refuse every one.
  maxScreenshots: z.number().check(whole('validation.wholeNumber'), atLeast(1), atMost(20)),
  screenshotOptional: boolean,
  lang: z.string().check(z.maxLength(35)),
  // Any keys, each a message: z.record() would bring a second object parser (bytes).
  messages: z.catchall(z.object({}), message),
} as const;

/** `$schema` is what an editor needs to check the file against `dist/schema/profile.json`. */
export const Profile = z.partial(z.strictObject({ $schema: z.string(), ...profileFields }));
export type Profile = z.infer<typeof Profile>;
export type ProfileKey = keyof typeof profileFields;

export type ProfileProblem =
  | { key: string; kind: 'unknownKey' | 'notObject' }
  /** `key` is a profile key, or `messages.<message key>`. */
  | { key: string; kind: 'badValue'; issue: FieldIssue };

/** Keeps every valid key of a profile and reports each unknown or invalid one by name. */
export function parseProfile(json: unknown): { values: Profile; problems: ProfileProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ProfileProblem[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { values, problems: [{ key: '', kind: 'notObject' }] };
  }
  /** Into `into[key]` if valid, else named as `name`. */
  const take = (into: Record<string, unknown>, key: string, name: string, schema: z.ZodMiniType, value: unknown) => {
    const result = validate(schema, value);
    if (result.ok) into[key] = result.data;
    else problems.push({ key: name, kind: 'badValue', issue: result.issues[0]! });
  };
  for (const [key, value] of Object.entries(json)) {
    if (key === '$schema') continue;
    if (!Object.hasOwn(profileFields, key)) problems.push({ key, kind: 'unknownKey' });
    // Messages one by one too: a misspelt key is named, and a bad value costs only itself.
    else if (key === 'messages' && value && typeof value === 'object' && !Array.isArray(value)) {
      const messages: Record<string, unknown> = (values.messages = {});
      for (const [k, v] of Object.entries(value)) {
        if (Object.hasOwn(tables.ru, k)) take(messages, k, `${key}.${k}`, message, v);
        else problems.push({ key: `${key}.${k}`, kind: 'unknownKey' });
      }
    } else take(values, key, key, profileFields[key as ProfileKey] as z.ZodMiniType, value);
  }
  return { values: values as Profile, problems };
}
