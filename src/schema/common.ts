import * as z from 'zod/mini';
import type { MessageKey } from '../i18n/tables.js';

// Schools' pages may forbid eval (strict CSP, Trusted Types): zod's compiled fast path uses
// `new Function`, and even its probe is reported as a violation. Must run before any schema is
// built; the schemas are small, so the interpreter costs nothing a visitor notices.
z.config({ jitless: true });

/**
 * Error values are message keys of the localizer (src/i18n), not text: the form, the receiver and
 * other schools' servers turn them into words in their own language (see issues.ts).
 */
export const SAFE_URL_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'] as const;

/**
 * A whole number. A refinement, not z.int() or multipleOf(1): their checks cost about 250 B gzip of
 * the embedded bundle. The JSON Schema files say `"type": "integer"` (scripts/schema-export.ts).
 */
export const whole = (error: MessageKey) => z.refine(Number.isInteger, { error });

/**
 * Bounds of a number, refinements too: z.gte(), z.lte() and z.positive() bring two check classes
 * (about 150 B gzip of the embedded bundle). The issue names the same message key and number as
 * theirs (issues.ts). The JSON Schema files say `minimum`, `maximum` or `exclusiveMinimum` (scripts/schema-export.ts).
 */
export const atLeast = (min: number, error: MessageKey = 'validation.tooSmall') => z.refine<number>((n) => n >= min, { error, params: { min } });
export const atMost = (max: number, error: MessageKey = 'validation.tooBig') => z.refine<number>((n) => n <= max, { error, params: { max } });
export const above = (min: number) => z.refine<number>((n) => n > min, { error: 'validation.greaterThan', params: { min } });

export const trimmed = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, { error: 'validation.required' }), z.maxLength(max, { error: 'validation.tooLong' }));

/**
 * A URL, trimmed, then read by the browser's URL parser (against `base` if given) and held to a
 * protocol and a host. By hand, not `z.url()`: its machinery costs about 400 B gzip of the embedded
 * bundle, and this is the same check. Stricter in two ways: an absolute web address must be written
 * with `//`, and a tab or line break (which the parser would silently drop) is a typo.
 * The JSON Schema files say `format: uri` for these (scripts/schema-export.ts).
 */
const url = (protocol: RegExp, error: MessageKey, host = /^/, base?: string) =>
  z.string().check(
    z.trim(),
    z.refine(
      (value) => {
        try {
          const { protocol: scheme, hostname } = new URL(value, base);
          return protocol.test(scheme) && host.test(hostname) && !/[\t\n\r]/.test(value) && (!!base || /^(?:https?:\/\/|mailto:|tel:)/i.test(value));
        } catch {
          return false;
        }
      },
      { error },
    ),
  );

/**
 * An absolute `https://` URL (journals, consent texts, endpoints) on a domain name: `https://kursk`
 * (a forgotten `.eljur.ru`) or a stray comma is a typo, not a journal. The URL parser hands the
 * hostname over lower-cased and in punycode (`школа.рф` → `xn--80aaoi4a.xn--p1ai`).
 */
export const httpsUrl = url(/^https:$/, 'validation.httpsUrl', /^(?:[a-z\d-]+\.)+(?:[a-z]{2,}|xn--[a-z\d-]+)$/);

/** A link of the specialists' data: `https:` or `http:` (school sites are not always on HTTPS), or `mailto:`/`tel:` (SPEC section 6). */
export const webUrl = url(/^(?:https?|mailto|tel):$/, 'validation.url');

/** An `http(s)` URL or a path on the same site (`/privacy.html`), which the element resolves against the page. */
export const siteUrl = url(/^https?:$/, 'validation.url', /^/, 'https://site.invalid/');

/**
 * zod's practical e-mail pattern, but a domain may be internationalised: `школа1.рф` as typed, or
 * `xn--1-7sb3aeo2d.xn--p1ai` as `<input type="email">` hands it over (schools on `.рф` exist). No `i`
 * flag: the JSON Schema `pattern` carries no flags.
 */
export const EMAIL = /^(?:[\w'+-]+\.)*[\w'+-]*[\w+-]@(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+(?:\p{L}{2,}|[Xx][Nn]--[\dA-Za-z-]+)$/u;

// 254 characters is the longest address SMTP can carry (RFC 5321). A regex, not z.email(): the same
// check, without zod's string-format machinery (about 150 B gzip); the JSON Schema still says `format: email`.
export const email = z.string().check(z.regex(EMAIL, { error: 'validation.email' }), z.maxLength(254, { error: 'validation.email' }));

/**
 * `true` or `false`. A literal, not z.boolean(): one zod class fewer in the embedded bundle (about
 * 45 B gzip). Its messages are z.boolean()'s (issues.ts): a missing value is required, any other is
 * invalid. The JSON Schema files say `"type": "boolean"` (scripts/schema-export.ts).
 */
export const boolean = z.literal([true, false], { error: ({ input }) => (input == null || input === '' ? 'validation.required' : 'validation.invalid') });

// Sets of values are literals, not z.enum(): the same check, and the bundle carries one constructor
// instead of two (about 200 B gzip). The JSON Schema is the same `enum`.
export const requesterRole = z.literal(['staff', 'parent', 'student'], { error: 'validation.choice' });
export type RequesterRole = z.infer<typeof requesterRole>;
