import * as z from 'zod/mini';

// Schools' pages may forbid eval (strict CSP, Trusted Types): zod's compiled fast path uses
// `new Function`, and even its probe is reported as a violation. Must run before any schema is
// built; the schemas are small, so the interpreter costs nothing a visitor notices.
z.config({ jitless: true });

/**
 * Error values are message keys of the localizer (src/i18n), not text: the form, the receiver and
 * other schools' servers turn them into words in their own language (see issues.ts).
 */
export const SAFE_URL_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'] as const;

export const trimmed = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, { error: 'validation.required' }), z.maxLength(max, { error: 'validation.tooLong' }));

/**
 * An absolute `https://` URL (journals, consent texts, endpoints) on a domain name: `https://kursk`
 * (a forgotten `.eljur.ru`) or a stray comma is a typo, not a journal. The URL parser hands the
 * hostname over lower-cased and in punycode (`школа.рф` → `xn--80aaoi4a.xn--p1ai`).
 */
export const httpsUrl = z.url({ protocol: /^https$/, hostname: /^(?:[a-z\d-]+\.)+(?:[a-z]{2,}|xn--[a-z\d-]+)$/, error: 'validation.httpsUrl' });

/** An `https:` or `http:` URL: school sites are not always on HTTPS. */
export const webUrl = z.url({ protocol: /^https?$/, error: 'validation.url' });

/** An `http(s)` URL or a path on the same site (`/privacy.html`), which the element resolves against the page. */
export const siteUrl = z.string().check(
  z.refine(
    (value) => {
      try {
        return /^https?:$/.test(new URL(value, 'https://site.invalid/').protocol);
      } catch {
        return false;
      }
    },
    { error: 'validation.url' },
  ),
);

/**
 * zod's practical e-mail pattern, but a domain may be internationalised: `школа1.рф` as typed, or
 * `xn--1-7sb3aeo2d.xn--p1ai` as `<input type="email">` hands it over (schools on `.рф` exist). No `i`
 * flag: the JSON Schema `pattern` carries no flags.
 */
export const EMAIL = /^(?:[\w'+-]+\.)*[\w'+-]*[\w+-]@(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+(?:\p{L}{2,}|[Xx][Nn]--[\dA-Za-z-]+)$/u;

// 254 characters is the longest address SMTP can carry (RFC 5321).
export const email = z.email({ pattern: EMAIL, error: 'validation.email' }).check(z.maxLength(254, { error: 'validation.email' }));

export const requesterRole = z.enum(['staff', 'parent', 'student'], { error: 'validation.choice' });
export type RequesterRole = z.infer<typeof requesterRole>;
