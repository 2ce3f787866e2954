import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import sharp, { type Sharp } from 'sharp';
import type { HelpRequest } from '../src/schema/index.js';
import type { Store, StoredRequest } from './db.js';
import { lang, problem } from './http.js';
import { message } from './messages.js';

export interface AdminDeps {
  store: Store;
  attachmentsDir: string;
  adminToken: string;
  /** Wrong tokens one address may send in 10 minutes, for the message of a wrong one. */
  adminGuesses: number;
}

const EXPORT_BATCH = 500;
const PRIVATE = { 'Cache-Control': 'no-store' };

const attachmentUrl = (id: string, n: number) => `/api/requests/${encodeURIComponent(id)}/attachments/${n}`;

/**
 * Where a request came from, as the first 8 hex characters (32 bits) of the stored keyed hash of the
 * client's address. Enough to see that requests share a source: among a thousand different addresses,
 * the odds that any two share a prefix are about one in ten thousand. Not identifying: it is part of
 * an HMAC whose key never leaves `DATA_DIR/address.key`, so it cannot be turned back into an address,
 * nor matched with another school's receiver (another key).
 */
export const source = (clientHash: string) => clientHash.slice(0, 8);

function present(row: StoredRequest) {
  return {
    id: row.id,
    createdAt: row.createdAt,
    source: source(row.clientHash),
    role: row.role,
    consentVersion: row.consentVersion,
    request: JSON.parse(row.request) as Record<string, unknown>,
    attachments: row.attachments.map(({ n, type, bytes, width, height }) => ({ n, type, bytes, width, height, url: attachmentUrl(row.id, n) })),
  };
}

/**
 * `;`: what Excel expects on a double-click under Russian regional settings (with `,` every row
 * landed in column A). A `sep=` line would do it too, but then Excel ignores the BOM and Cyrillic breaks.
 */
const CSV_SEPARATOR = ';';

const CSV_COLUMNS = [
  'id',
  'created_at',
  'source',
  'role',
  'consent_version',
  'email',
  'full_name',
  'child_class',
  'journal_url',
  'school_name',
  'region',
  'description',
  'screenshots',
  'page_url',
  'user_agent',
  'lang',
  'widget_version',
] as const;

/**
 * One quoted CSV cell. A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR
 * first) gets a leading `'`, so a visitor's text cannot run as a formula on the administrator's machine.
 */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function csvRow(row: StoredRequest): string {
  const r = JSON.parse(row.request) as Partial<HelpRequest> & { fullName?: string; childClass?: string };
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: row.id,
    created_at: row.createdAt,
    source: source(row.clientHash),
    role: row.role,
    consent_version: row.consentVersion,
    email: r.email,
    full_name: r.fullName,
    child_class: r.childClass,
    journal_url: r.school?.journalUrl,
    school_name: r.school?.name,
    region: r.school?.region,
    description: r.description,
    screenshots: row.attachments.length,
    page_url: r.context?.pageUrl,
    user_agent: r.context?.userAgent,
    lang: r.context?.lang,
    widget_version: r.context?.widgetVersion,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(values[column])).join(CSV_SEPARATOR)}\r\n`;
}

/** Walks the table oldest first in batches, so an export of any size holds one batch in memory. */
function exportStream(store: Store, head: string, line: (row: StoredRequest) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream({
    pull(controller) {
      const rows = store.after(after, EXPORT_BATCH);
      const text = (started ? '' : head) + rows.map(line).join('');
      started = true;
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < EXPORT_BATCH) controller.close();
      else after = rows[rows.length - 1]!.seq;
    },
  });
}

/**
 * A query parameter as a whole number: digits only (an optional sign), else `fallback`; clamped to
 * `min`–`max`, so `page=1e308` or `limit=abc` never reach SQLite as something it cannot bind.
 */
export function wholeNumber(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return fallback;
  return Math.min(max, Math.max(min, Number(value)));
}

/** A missing file is not an error: it is what a deletion wants. */
async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * `?format=` of a screenshot download: what it is converted to. Windows 7/8.1 Photo Viewer, Paint and
 * Office 2016 cannot open WebP, which the form sends from every browser that encodes it.
 */
const CONVERSIONS: Record<string, { type: string; ext: string; encode: (image: Sharp) => Sharp }> = {
  png: { type: 'image/png', ext: 'png', encode: (image) => image.png() },
  // JPEG has no transparency: a transparent pixel becomes white, as on a printed page.
  jpeg: { type: 'image/jpeg', ext: 'jpg', encode: (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }) },
};
CONVERSIONS.jpg = CONVERSIONS.jpeg!;

const download = (name: string, type: string) => ({ ...PRIVATE, 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` });

/** The journal administrator's routes, all behind `Authorization: Bearer <ADMIN_TOKEN>`. */
export function mountAdmin(app: Hono, deps: AdminDeps): void {
  const { store } = deps;
  // A token sent but wrong is told apart from none at all: the administrator has a typo to look for.
  const unauthorized = (c: Context) => {
    const text = c.req.header('authorization')
      ? message('wrong-token', lang(c), { max: deps.adminGuesses })
      : message('unauthorized', lang(c));
    return new Response(JSON.stringify({ error: 'unauthorized', message: text }), {
      status: 401,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  // bearerAuth compares hashes of the tokens in constant time; every failure answers 401, malformed headers too.
  const auth = bearerAuth({
    token: deps.adminToken,
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: unauthorized },
  });

  app.get('/api/requests/export.csv', auth, (c) => {
    // The BOM makes Excel read the file as UTF-8 rather than as the system's code page.
    const head = `\uFEFF${CSV_COLUMNS.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
    return c.body(exportStream(store, head, csvRow), 200, download('requests.csv', 'text/csv; charset=utf-8'));
  });

  app.get('/api/requests/export.jsonl', auth, (c) =>
    c.body(
      exportStream(store, '', (row) => `${JSON.stringify(present(row))}\n`),
      200,
      download('requests.jsonl', 'application/jsonl; charset=utf-8'),
    ),
  );

  app.get('/api/requests/:id/attachments/:n', auth, async (c) => {
    const format = c.req.query('format');
    const conversion = format === undefined ? undefined : CONVERSIONS[format.toLowerCase()];
    if (format !== undefined && !conversion) return problem(c, 400, 'format-unknown');
    const row = store.get(c.req.param('id'));
    const attachment = row?.attachments.find((a) => String(a.n) === c.req.param('n'));
    if (!row || !attachment) return problem(c, 404, 'not-found');
    const data = await readFile(join(deps.attachmentsDir, attachment.file)).catch((error: NodeJS.ErrnoException) => {
      // Deleted between reading the row and the file: as if the row had been read a moment later.
      if (error.code === 'ENOENT' && !store.get(row.id)) return undefined;
      throw error;
    });
    if (!data) return problem(c, 404, 'not-found');
    // The stored file passed MAX_PIXELS when it came; a lower limit set since must not hide it.
    const body = conversion ? await conversion.encode(sharp(data, { limitInputPixels: false })).toBuffer() : data;
    return c.body(body, 200, {
      ...download(`${row.id}-${attachment.n}.${conversion?.ext ?? attachment.file.split('.').pop()}`, conversion?.type ?? attachment.type),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  app.get('/api/requests/:id', auth, (c) => {
    const row = store.get(c.req.param('id'));
    if (!row) return problem(c, 404, 'not-found');
    return c.json(present(row), 200, PRIVATE);
  });

  /**
   * 152-ФЗ: a withdrawn consent, or data past its purpose, must be destroyable. The rows go first, in
   * one transaction, then the files, so no row ever points at a missing file (a file left by a crash
   * in between holds no name or e-mail and no longer belongs to any request).
   * The idempotency key goes with the row: keeping it (or the body's hash) would keep a fingerprint
   * of the deleted data, and a replay would be told "stored" when it is not; a later resend with
   * the same key is stored anew, under a new number.
   */
  app.delete('/api/requests/:id', auth, async (c) => {
    const files = store.remove(c.req.param('id'));
    if (!files) return problem(c, 404, 'not-found');
    const results = await Promise.allSettled(files.map((file) => removeFile(join(deps.attachmentsDir, file))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // The request is gone; a file that could not be removed is reported (500, logged) rather than left unsaid.
    if (failed) throw failed.reason;
    return c.body(null, 204);
  });

  app.get('/api/requests', auth, (c) => {
    const page = wholeNumber(c.req.query('page'), 1, 1, Number.MAX_SAFE_INTEGER);
    const limit = wholeNumber(c.req.query('limit'), 50, 1, 200);
    const total = store.count();
    // Past the end there is nothing to read: a huge page never becomes an OFFSET SQLite cannot take.
    const offset = (page - 1) * limit;
    const items = offset < total ? store.list(offset, limit).map(present) : [];
    return c.json({ page, limit, total, pages: Math.ceil(total / limit), items }, 200, PRIVATE);
  });
}
