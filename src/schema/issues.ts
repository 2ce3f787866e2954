import type { z } from 'zod/mini';
import { format, type Lang } from '../i18n/format.js';
import { tables, type MessageKey, type Params } from '../i18n/tables.js';

/** A validation problem as data: where, which message key, and the numbers the message needs. */
export interface FieldIssue {
  path: PropertyKey[];
  key: MessageKey;
  params: Params;
}

type ZodIssue = z.core.$ZodIssue;

const isKey = (message: string): message is MessageKey => message in tables.ru;

/**
 * Turns zod's issues into message keys. The schemas name their own keys as `error`; what zod
 * reports by itself (missing values, unknown keys, wrong types) is mapped here by issue code, so a
 * visitor never sees zod's English "Invalid input".
 */
export function toFieldIssue(issue: ZodIssue & { input?: unknown }): FieldIssue {
  const { path } = issue;
  if (issue.code === 'unrecognized_keys') {
    return { path, key: 'validation.unknownKey', params: { key: issue.keys.join(', ') } };
  }
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null || issue.input === '')) {
    return { path, key: 'validation.required', params: {} };
  }
  // Bounds of numbers speak of numbers; of strings and lists, of their length.
  const number = 'origin' in issue && issue.origin === 'number';
  if (issue.code === 'too_small') {
    const key = number ? (issue.inclusive ? 'validation.tooSmall' : 'validation.greaterThan') : 'validation.tooShort';
    return { path, key: isKey(issue.message) ? issue.message : key, params: { min: Number(issue.minimum) } };
  }
  if (issue.code === 'too_big') return { path, key: isKey(issue.message) ? issue.message : number ? 'validation.tooBig' : 'validation.tooLong', params: { max: Number(issue.maximum) } };
  // A value of a webmaster's file or attribute, wrong or left out: name the ones allowed. (The form's
  // role is a choice of radios, which says «choose one» by itself.)
  const allowed = issue.code === 'invalid_value' ? issue.values : issue.code === 'invalid_union' && 'options' in issue ? issue.options : undefined;
  if (allowed && allowed.length > 1 && issue.message !== 'validation.required') {
    return { path, key: 'validation.oneOf', params: { values: allowed.join(', ') } };
  }
  // A refinement's own numbers (the bounds in common.ts).
  if (isKey(issue.message)) return { path, key: issue.message, params: { ...(issue.code === 'custom' && issue.params) } };
  // `max-screenshots="abc"` reads as NaN.
  if (issue.code === 'invalid_type' && issue.expected === 'number') return { path, key: 'validation.number', params: {} };
  // What a webmaster's file gets wrong: `"version": 2`, a list where an object goes, and back.
  if (issue.code === 'invalid_value' && issue.values.length === 1) return { path, key: 'validation.exactly', params: { value: String(issue.values[0]) } };
  if (issue.code === 'invalid_type' && (issue.expected === 'array' || issue.expected === 'object')) return { path, key: issue.expected === 'array' ? 'validation.array' : 'validation.object', params: {} };
  if (issue.code === 'invalid_value') return { path, key: 'validation.choice', params: {} };
  return { path, key: 'validation.invalid', params: {} };
}

export type Validation<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

/** Parses with a schema and returns either the data or the issues as message keys, each said once per field. */
export function validate<T>(schema: z.ZodMiniType<T>, data: unknown): Validation<T> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  // A URL can fail its scheme and its host at once: one message is enough.
  const issues = result.error.issues.map(toFieldIssue).filter((issue) => {
    const id = String([issue.path, issue.key]);
    return !seen.has(id) && !!seen.add(id);
  });
  return { ok: false, issues };
}

/**
 * The wire form of an issue (SPEC section 7): `path` and human `message`, plus the key as `code`.
 * `lang` may be a server's guess from Accept-Language (`ru-RU`, `de`): English for `en…`, else Russian.
 */
export function explainIssue(issue: FieldIssue, lang: string = 'ru'): { path: PropertyKey[]; message: string; code: MessageKey } {
  const l: Lang = /^en\b/i.test(lang) ? 'en' : 'ru';
  return { path: issue.path, message: format(tables[l][issue.key], l, issue.params), code: issue.key };
}
