import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { langOf, message, type ErrorCode } from './messages.js';

/** Every error answer: a stable code for programs and a plain sentence for people, in the visitor's language. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
): Response {
  return c.json({ error: code, message: message(code, langOf(c.req.header('accept-language')), params), ...extra }, status);
}

export const lang = (c: Context) => langOf(c.req.header('accept-language'));
