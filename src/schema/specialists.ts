import * as z from 'zod/mini';
import { atLeast, atMost, email, requesterRole, trimmed, webUrl, whole } from './common.js';

export const SPECIALIST_KINDS = ['vendor-support', 'journal-admin', 'deputy-director', 'experienced-teacher', 'other'] as const;

// `9:00` as people write it, or `09:00`.
const time = z.string().check(z.regex(/^(?:[01]?\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'validation.time' }));

/** Days are ISO weekdays: 1 = Monday … 7 = Sunday. `to` earlier than `from` means the hours run past midnight. */
export const OpeningHours = z.strictObject({
  days: z.array(z.number({ error: 'validation.day' }).check(whole('validation.day'), atLeast(1, 'validation.day'), atMost(7, 'validation.day'))).check(z.minLength(1, { error: 'validation.required' })),
  from: time,
  to: time,
});

export const Channel = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('journal-mail'), recipient: trimmed(200) }),
    z.strictObject({ type: z.literal('email'), address: email }),
    z.strictObject({
      type: z.literal('phone'),
      // An extension as schools publish it, «доб. 214» or «ext 214». Cases spelt out, no `i` flag:
      // JSON Schema's `pattern` carries no flags.
      number: z.string().check(z.regex(/^\+?[\d\s()-]{3,30}(?:(?:[Дд][Оо][Бб]|[Ee][Xx][Tt])\.?\s*\d{1,6})?$/, { error: 'validation.phone' })),
    }),
    z.strictObject({ type: z.literal('web-form'), url: webUrl, label: z.optional(trimmed(200)) }),
    z.strictObject({ type: z.literal('in-person'), place: trimmed(200), hours: z.optional(z.array(OpeningHours)) }),
    z.strictObject({ type: z.literal('link'), url: webUrl, label: trimmed(200) }),
  ],
  { error: 'validation.choice' },
);

export const Specialist = z.strictObject({
  id: z.string().check(z.regex(/^[\w-]{1,64}$/, { error: 'validation.id' })),
  kind: z.literal(SPECIALIST_KINDS, { error: 'validation.choice' }),
  name: trimmed(200),
  position: z.optional(trimmed(300)),
  serves: z.optional(z.array(requesterRole)),
  channels: z.array(Channel).check(z.minLength(1, { error: 'validation.required' })),
});

export const timeZone = z.string().check(
  z.refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'validation.timeZone' },
  ),
);

/** The whole file (SPEC section 6). */
export const Specialists = z.strictObject({
  /** For an editor that checks the file against `dist/schema/specialists.json`. */
  $schema: z.optional(z.string()),
  version: z.literal(1),
  timeZone: z.optional(timeZone),
  specialists: z.array(Specialist),
});

/**
 * The envelope alone: entries are checked one by one with `Specialist`, so one bad entry is
 * reported and skipped while the others still show.
 */
export const SpecialistsEnvelope = z.object({
  version: z.literal(1),
  timeZone: z.optional(timeZone),
  specialists: z.array(z.unknown()),
});

export type OpeningHours = z.infer<typeof OpeningHours>;
export type Channel = z.infer<typeof Channel>;
export type Specialist = z.infer<typeof Specialist>;
export type SpecialistKind = Specialist['kind'];
export type Specialists = z.infer<typeof Specialists>;
