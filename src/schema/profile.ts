import * as z from 'zod/mini';
import { httpsUrl, requesterRole, siteUrl, trimmed, whole } from './common.js';
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
  timeout: z.number().check(z.positive()),
  // At least 1: the screenshot is required unless `screenshotOptional`, and 0 would refuse every one.
  maxScreenshots: z.number().check(whole('validation.wholeNumber'), z.gte(1), z.lte(20)),
  screenshotOptional: z.boolean(),
  lang: z.string().check(z.maxLength(35)),
  // Any keys, each a message: z.record() would bring a second object parser (bytes).
  messages: z.catchall(z.object({}), message),
} as const;

export const Profile = z.partial(z.strictObject(profileFields));
export type Profile = z.infer<typeof Profile>;
export type ProfileKey = keyof typeof profileFields;

export type ProfileProblem =
  | { key: string; kind: 'unknownKey' | 'notObject' }
  | { key: ProfileKey; kind: 'badValue'; issue: FieldIssue };

/** Keeps every valid key of a profile and reports each unknown or invalid one by name. */
export function parseProfile(json: unknown): { values: Profile; problems: ProfileProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ProfileProblem[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { values, problems: [{ key: '', kind: 'notObject' }] };
  }
  for (const [key, value] of Object.entries(json)) {
    if (!Object.hasOwn(profileFields, key)) {
      problems.push({ key, kind: 'unknownKey' });
      continue;
    }
    const result = validate(profileFields[key as ProfileKey] as z.ZodMiniType, value);
    if (result.ok) values[key] = result.data;
    else problems.push({ key: key as ProfileKey, kind: 'badValue', issue: result.issues[0]! });
  }
  return { values: values as Profile, problems };
}
