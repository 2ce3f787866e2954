import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import type { HelpRequest } from '../src/schema/index.js';
import type { Store, StoredRequest } from './db.js';
import { lang, problem } from './http.js';
import { message } from './messages.js';

export interface AdminDeps {
  store: Store;
  attachmentsDir: string;
  adminToken: string;
}

const EXPORT_BATCH = 500;
const PRIVATE = { 'Cache-Control': 'no-store' };

const attachmentUrl = (id: string, n: number) => `/api/requests/${encodeURIComponent(id)}/attachments/${n}`;

function present(row: StoredRequest) {
  return {
    id: row.id,
    createdAt: row.createdAt,
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

const download = (name: string, type: string) => ({ ...PRIVATE, 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` });

/** The journal administrator's routes, all behind `Authorization: Bearer <ADMIN_TOKEN>`. */
export function mountAdmin(app: Hono, deps: AdminDeps): void {
  const { store } = deps;
  const unauthorized = (c: Context) =>
    new Response(JSON.stringify({ error: 'unauthorized', message: message('unauthorized', lang(c)) }), {
      status: 401,
      headers: { 'Content-Type': 'application/json' },
    });
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
    const row = store.get(c.req.param('id'));
    const attachment = row?.attachments.find((a) => String(a.n) === c.req.param('n'));
    if (!row || !attachment) return problem(c, 404, 'not-found');
    const data = await readFile(join(deps.attachmentsDir, attachment.file));
    return c.body(data, 200, {
      ...download(`${row.id}-${attachment.n}.${attachment.file.split('.').pop()}`, attachment.type),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  app.get('/api/requests/:id', auth, (c) => {
    const row = store.get(c.req.param('id'));
    if (!row) return problem(c, 404, 'not-found');
    return c.json(present(row), 200, PRIVATE);
  });

  app.get('/api/requests', auth, (c) => {
    const page = Math.max(1, Math.trunc(Number(c.req.query('page') ?? 1)) || 1);
    const limit = Math.min(200, Math.max(1, Math.trunc(Number(c.req.query('limit') ?? 50)) || 50));
    const total = store.count();
    return c.json({ page, limit, total, pages: Math.ceil(total / limit), items: store.list((page - 1) * limit, limit).map(present) }, 200, PRIVATE);
  });
}
