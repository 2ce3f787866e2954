import * as z from 'zod/mini';
import { email, httpsUrl, trimmed } from './common.js';
import { findObscenity } from './etiquette.js';

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;

/** `1`–`11` and one Cyrillic letter, e.g. `7А`, `11Б`; a space or dash between is accepted. */
export const CHILD_CLASS = /^(?:[1-9]|1[01])[\s-]?[А-ЯЁа-яё]$/;

const school = z.strictObject({
  journalUrl: z.optional(httpsUrl),
  name: z.optional(trimmed(300)),
  region: z.optional(trimmed(200)),
});

/** The regulation accepts the journal address, or the school's name together with its region. */
const schoolIdentified = z.refine<z.infer<typeof school>>((s) => !!s.journalUrl || (!!s.name && !!s.region), {
  error: 'validation.schoolOrJournal',
  path: ['journalUrl'],
});

const description = z.string().check(
  z.trim(),
  z.minLength(1, { error: 'validation.required' }),
  z.minLength(DESCRIPTION_MIN, { error: 'validation.tooShort' }),
  z.maxLength(DESCRIPTION_MAX, { error: 'validation.tooLong' }),
  z.refine((text) => findObscenity(text) === null, { error: 'validation.etiquette', abort: true }),
);

const consent = z.strictObject({
  accepted: z.literal(true, { error: 'validation.consent' }),
  version: trimmed(100),
});

const context = z.strictObject({
  pageUrl: z.optional(z.string().check(z.maxLength(2000))),
  userAgent: z.optional(z.string().check(z.maxLength(1000))),
  screen: z.optional(z.string().check(z.maxLength(40))),
  lang: z.optional(z.string().check(z.maxLength(35))),
  widgetVersion: z.optional(z.string().check(z.maxLength(40))),
});

const common = {
  version: z.literal(1),
  description,
  consent,
  context: z.optional(context),
};

export const StaffRequest = z.strictObject({
  ...common,
  role: z.literal('staff'),
  // Staff give the region in any case, and the journal address or the school's name.
  school: school.check(
    z.refine((s) => !!s.region, { error: 'validation.required', path: ['region'] }),
    z.refine((s) => !!s.journalUrl || !!s.name, { error: 'validation.schoolOrJournal', path: ['journalUrl'] }),
  ),
  email,
});

export const FamilyRequest = z.strictObject({
  ...common,
  role: z.literal(['parent', 'student']),
  school: school.check(schoolIdentified),
  email: z.optional(email),
  fullName: trimmed(200),
  childClass: z.string().check(z.trim(), z.minLength(1, { error: 'validation.required' }), z.regex(CHILD_CLASS, { error: 'validation.childClass' })),
});

/** The JSON part `request` of a submission (SPEC section 6), discriminated by `role`. */
export const HelpRequest = z.discriminatedUnion('role', [StaffRequest, FamilyRequest], { error: 'validation.choice' });

export type HelpRequest = z.infer<typeof HelpRequest>;
export type HelpRequestInput = z.input<typeof HelpRequest>;
