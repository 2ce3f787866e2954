import type { MessageKey, Params } from '../i18n/localize.js';
import type { FieldIssue } from '../schema/issues.js';

/** Why a file the webmaster named cannot be used: a message key, since the browser's own errors are in English. */
export class Unreadable extends Error {
  readonly reason: FieldIssue;

  constructor(key: MessageKey, params: Params = {}) {
    super(key);
    this.reason = { path: [], key, params };
  }
}

/** Whether the visitor's connection may be the cause: they can do something about that one. */
export const noAnswer = (error: unknown): boolean => (error as Unreadable)?.reason?.key === 'common.noAnswer';

/**
 * A file the webmaster named (a profile, a list, a regulation) as text. Bytes that are not UTF-8
 * are read as Windows-1251, which Notepad and Word save on a Russian Windows.
 */
export async function fetchText(url: string, signal?: AbortSignal, accept = '*/*'): Promise<string> {
  let bytes: ArrayBuffer;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept } });
    bytes = await response.arrayBuffer();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new Unreadable('common.noAnswer');
  }
  if (!response.ok) throw new Unreadable('common.httpStatus', { status: response.status });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1251').decode(bytes);
  }
  // Site builders answer a wrong path with a page of their own, and 200.
  if (/^\s*<(!doctype|html)/i.test(text)) throw new Unreadable('common.htmlPage');
  return text;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Unreadable('common.notJson');
  }
}
