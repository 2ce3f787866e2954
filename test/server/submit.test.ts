import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import {
  hasExifSegment,
  jpeg,
  jpegWithGps,
  json,
  png,
  startTestReceiver,
  submit,
  validRequests,
  type Role,
  type TestReceiver,
} from './support.js';

describe('POST /api/requests', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver();
  });
  after(() => receiver.dispose());

  describe('stores a valid request', () => {
    for (const role of ['staff', 'parent', 'student'] as Role[]) {
      it(`from ${role === 'staff' ? 'a member of staff' : `a ${role}`}, with its screenshot, and answers 201 with a request number`, async () => {
        const response = await submit(receiver.endpoint, { request: validRequests[role], screenshots: [{ bytes: await png() }] });
        assert.equal(response.status, 201);
        const { id } = await json(response);
        assert.match(id, /^\d{4}-\d{6}$/);

        const [row] = receiver.rows<Record<string, any>>('SELECT * FROM requests WHERE number = ?', id);
        assert.equal(row.role, role);
        assert.equal(row.consent_version, '2025-09');
        assert.deepEqual(JSON.parse(row.request), validRequests[role]);
        assert.ok(Math.abs(Date.parse(row.created_at) - Date.now()) < 60_000);
        assert.match(row.client_hash, /^[0-9a-f]{32}$/);
        assert.ok(!row.client_hash.includes('127.0.0.1'));

        const [file] = receiver.rows<{ file: string; type: string }>('SELECT a.file, a.type FROM attachments a JOIN requests r ON r.seq = a.request_seq WHERE r.number = ?', id);
        assert.match(file!.file, /^[0-9a-f-]{36}\.png$/);
        assert.equal(file!.type, 'image/png');
        assert.equal((await sharp(join(receiver.dataDir, 'attachments', file!.file)).metadata()).format, 'png');
      });
    }

    it('without screenshots (the form can make them optional)', async () => {
      const response = await submit(receiver.endpoint);
      assert.equal(response.status, 201);
    });

    it('with five screenshots in PNG, JPEG and WebP, numbered in upload order', async () => {
      const webp = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#000' } }).webp().toBuffer();
      const uploads = [{ bytes: await png() }, { bytes: await jpeg(), type: 'image/jpeg' }, { bytes: webp, type: 'image/webp' }, { bytes: await png(10, 10) }, { bytes: await png(20, 10) }];
      const response = await submit(receiver.endpoint, { screenshots: uploads });
      assert.equal(response.status, 201);
      const { id } = await json(response);
      const files = receiver.rows<{ n: number; type: string; width: number }>(
        'SELECT n, type, width FROM attachments a JOIN requests r ON r.seq = a.request_seq WHERE r.number = ? ORDER BY n',
        id,
      );
      assert.deepEqual(
        files.map((f) => [f.n, f.type, f.width]),
        [
          [1, 'image/png', 64],
          [2, 'image/jpeg', 64],
          [3, 'image/webp', 30],
          [4, 'image/png', 10],
          [5, 'image/png', 20],
        ],
      );
    });

    it('gives each new request the next number of the year', async () => {
      const first = (await json(await submit(receiver.endpoint))).id as string;
      const second = (await json(await submit(receiver.endpoint))).id as string;
      assert.equal(first.slice(0, 4), String(new Date().getUTCFullYear()));
      assert.equal(Number(second.slice(5)), Number(first.slice(5)) + 1);
    });
  });

  describe('removes what is not pixels from screenshots', () => {
    it('drops the EXIF segment (GPS position) of a JPEG', async () => {
      const upload = await jpegWithGps();
      assert.ok(hasExifSegment(upload), 'the fixture carries EXIF');
      const response = await submit(receiver.endpoint, { screenshots: [{ bytes: upload, type: 'image/jpeg', name: 'IMG_0001.JPG' }] });
      assert.equal(response.status, 201);
      const { id } = await json(response);
      const [{ file }] = receiver.rows<{ file: string }>('SELECT file FROM attachments a JOIN requests r ON r.seq = a.request_seq WHERE r.number = ?', id) as [{ file: string }];
      assert.ok(file.endsWith('.jpg') && !file.includes('IMG_0001'), 'a generated name, never the uploaded one');
      const stored = readFileSync(join(receiver.dataDir, 'attachments', file));
      assert.ok(!hasExifSegment(stored), 'no EXIF APP1 in the stored file');
      assert.equal((await sharp(stored).metadata()).exif, undefined);
    });

    it('drops bytes appended after the image', async () => {
      const payload = Buffer.from('<script>alert(document.cookie)</script>');
      const response = await submit(receiver.endpoint, { screenshots: [{ bytes: Buffer.concat([await png(), payload]) }] });
      assert.equal(response.status, 201);
      for (const file of receiver.attachmentFiles()) {
        assert.ok(!readFileSync(join(receiver.dataDir, 'attachments', file)).includes(payload));
      }
    });
  });

  describe('keeps a screenshot as readable as it came', () => {
    // A journal page's small coloured text: red errors, blue links, green and black lines (in the
    // machine's sans-serif: fontconfig, which the browsers bring, brings DejaVu).
    const page = async () => {
      const colours = ['#b3261e', '#1f5fbf', '#1b1b1b', '#2e7d32'];
      const lines = Array.from({ length: 14 }, (_, i) => `<text x="10" y="${24 + i * 26}" font-family="sans-serif" font-size="${12 + (i % 3) * 2}" fill="${colours[i % 4]}">Дневник 7А: домашнее задание по математике не видно — ошибка ${i}</text>`);
      const image = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="380"><rect width="100%" height="100%" fill="#fff"/>${lines.join('')}</svg>`)).png().toBuffer();
      assert.ok((await sharp(image).stats()).channels[0]!.min < 100, 'the text was drawn (no fonts on this machine?)');
      return image;
    };
    /** Peak signal-to-noise ratio of `image` against `original`, in dB: higher is closer. */
    async function psnr(original: Buffer, image: Buffer): Promise<number> {
      const [a, b] = await Promise.all([original, image].map((i) => sharp(i).removeAlpha().raw().toBuffer()));
      let squares = 0;
      for (let i = 0; i < a!.length; i++) squares += (a![i]! - b![i]!) ** 2;
      return 10 * Math.log10((255 * 255) / (squares / a!.length));
    }
    for (const [format, type] of [['webp', 'image/webp'], ['jpeg', 'image/jpeg']] as const) {
      it(`re-encodes a ${format.toUpperCase()} the browser made losing at most 1.5 dB of its text's sharpness`, async () => {
        const original = await page();
        const upload = await sharp(original)[format]({ quality: 85 }).toBuffer();
        const response = await submit(receiver.endpoint, { screenshots: [{ bytes: upload, type, name: `shot.${format}` }] });
        assert.equal(response.status, 201);
        const { id } = await json(response);
        const [{ file }] = receiver.rows<{ file: string }>('SELECT file FROM attachments a JOIN requests r ON r.seq = a.request_seq WHERE r.number = ?', id) as [{ file: string }];
        const stored = readFileSync(join(receiver.dataDir, 'attachments', file));
        const loss = (await psnr(original, upload)) - (await psnr(original, stored));
        assert.ok(loss <= 1.5, `the receiver's second pass lost ${loss.toFixed(2)} dB`);
      });
    }
  });

  describe('answers 415 for a bad attachment', () => {
    const cases: [string, () => Promise<{ bytes: Uint8Array; name: string; type: string }>, string][] = [
      ['an HTML file named .png', async () => ({ bytes: Buffer.from('<!doctype html><script>alert(1)</script>'), name: 'shot.png', type: 'image/png' }), 'screenshot-type'],
      [
        'an SVG',
        async () => ({ bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), name: 'shot.svg', type: 'image/svg+xml' }),
        'screenshot-type',
      ],
      ['a truncated JPEG', async () => ({ bytes: (await jpeg(400, 300)).subarray(0, 600), name: 'shot.jpg', type: 'image/jpeg' }), 'screenshot-damaged'],
      ['a truncated PNG', async () => ({ bytes: (await png(400, 300, '#123456')).subarray(0, 60), name: 'shot.png', type: 'image/png' }), 'screenshot-damaged'],
      ['a GIF', async () => ({ bytes: await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer(), name: 'a.gif', type: 'image/gif' }), 'screenshot-type'],
    ];
    for (const [name, make, code] of cases) {
      it(`for ${name}, and stores nothing`, async () => {
        const before = receiver.rows('SELECT seq FROM requests').length;
        const filesBefore = receiver.attachmentFiles().length;
        const response = await submit(receiver.endpoint, { screenshots: [{ bytes: await png() }, await make()] });
        assert.equal(response.status, 415);
        const body = await json(response);
        assert.equal(body.error, code);
        assert.match(body.message, /№ 2/);
        assert.equal(receiver.rows('SELECT seq FROM requests').length, before);
        assert.equal(receiver.attachmentFiles().length, filesBefore);
      });
    }

    it('for a text field named screenshot', async () => {
      const form = new FormData();
      form.append('request', JSON.stringify(validRequests.staff));
      form.append('screenshot', 'not a file');
      const response = await fetch(receiver.endpoint, { method: 'POST', body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      assert.equal(response.status, 415);
    });

    it('for an image too large in pixels (a decompression bomb)', async () => {
      const small = await startTestReceiver({ MAX_PIXELS: '10000' });
      try {
        const response = await submit(small.endpoint, { screenshots: [{ bytes: await png(200, 100) }] });
        assert.equal(response.status, 415);
        assert.equal((await json(response)).error, 'screenshot-dimensions');
      } finally {
        await small.dispose();
      }
    });
  });

  describe('answers 400 with a plain message', () => {
    it('without an Idempotency-Key', async () => {
      const response = await submit(receiver.endpoint, { key: null });
      assert.equal(response.status, 400);
      const body = await json(response);
      assert.equal(body.error, 'idempotency-key-missing');
      assert.match(body.message, /Idempotency-Key/);
    });

    for (const key of ['short', 'has spaces in it, sixteen+', '<script>alert(1)</script>', 'x'.repeat(129)]) {
      it(`for a malformed Idempotency-Key ${JSON.stringify(key.length > 30 ? `${key.slice(0, 10)}…` : key)}`, async () => {
        const response = await submit(receiver.endpoint, { key });
        assert.equal(response.status, 400);
        assert.equal((await json(response)).error, 'idempotency-key-invalid');
      });
    }

    it('for a body that is not multipart', async () => {
      const response = await fetch(receiver.endpoint, {
        method: 'POST',
        body: JSON.stringify(validRequests.staff),
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      });
      assert.equal(response.status, 400);
      assert.equal((await json(response)).error, 'not-multipart');
    });

    it('for a malformed multipart body', async () => {
      const response = await fetch(receiver.endpoint, {
        method: 'POST',
        body: 'this is not --boundary separated',
        headers: { 'Content-Type': 'multipart/form-data; boundary=xyz', 'Idempotency-Key': crypto.randomUUID() },
      });
      assert.equal(response.status, 400);
      assert.equal((await json(response)).error, 'not-multipart');
    });

    it('without the request part', async () => {
      const form = new FormData();
      form.append('screenshot', new Blob([await png()], { type: 'image/png' }), 'a.png');
      const response = await fetch(receiver.endpoint, { method: 'POST', body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      assert.equal(response.status, 400);
      assert.equal((await json(response)).error, 'request-missing');
    });

    it('with two request parts', async () => {
      const form = new FormData();
      form.append('request', JSON.stringify(validRequests.staff));
      form.append('request', JSON.stringify(validRequests.parent));
      const response = await fetch(receiver.endpoint, { method: 'POST', body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      assert.equal(response.status, 400);
      assert.equal((await json(response)).error, 'request-missing');
    });

    it('when the request part is not JSON', async () => {
      const response = await submit(receiver.endpoint, { request: '{"version": 1, "role": ' });
      assert.equal(response.status, 400);
      assert.equal((await json(response)).error, 'request-not-json');
    });

    it('accepts the request part sent as a file (a Blob of JSON)', async () => {
      const form = new FormData();
      form.append('request', new Blob([JSON.stringify(validRequests.parent)], { type: 'application/json' }), 'request.json');
      const response = await fetch(receiver.endpoint, { method: 'POST', body: form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      assert.equal(response.status, 201);
    });
  });

  describe('answers 400 with the schema issues next to their fields', () => {
    const { staff, parent } = validRequests;
    const cases: [string, unknown, string[], string][] = [
      ['staff without an e-mail', { ...staff, email: undefined }, ['email'], 'validation.required'],
      ['a malformed e-mail', { ...staff, email: 'teacher-at-school' }, ['email'], 'validation.email'],
      ['staff without a region', { ...staff, school: { journalUrl: staff.school.journalUrl } }, ['school', 'region'], 'validation.required'],
      ['a parent without a full name', { ...parent, fullName: undefined }, ['fullName'], 'validation.required'],
      ['a class that is not 1–11 and a letter', { ...parent, childClass: '12Z' }, ['childClass'], 'validation.childClass'],
      ['no journal address nor school name and region', { ...parent, school: { region: 'Курская область' } }, ['school', 'journalUrl'], 'validation.schoolOrJournal'],
      ['a journal address on http:', { ...parent, school: { journalUrl: 'http://x.eljur.ru' } }, ['school', 'journalUrl'], 'validation.httpsUrl'],
      ['a description that is too short', { ...staff, description: 'Помогите' }, ['description'], 'validation.tooShort'],
      ['a description that is too long', { ...staff, description: 'а'.repeat(5001) }, ['description'], 'validation.tooLong'],
      ['consent not given', { ...staff, consent: { accepted: false, version: '2025-09' } }, ['consent', 'accepted'], 'validation.consent'],
      ['an unknown role', { ...staff, role: 'teacher' }, ['role'], 'validation.oneOf'],
      ['an unknown field', { ...staff, password: 'x' }, [], 'validation.unknownKey'],
      ['another protocol version', { ...staff, version: 2 }, ['version'], 'validation.exactly'],
    ];
    for (const [name, request, path, code] of cases) {
      it(`for ${name}`, async () => {
        const response = await submit(receiver.endpoint, { request });
        assert.equal(response.status, 400);
        const body = await json(response);
        assert.equal(body.error, 'validation');
        const issue = body.issues.find((i: { code: string }) => i.code === code);
        assert.ok(issue, `an issue ${code} in ${JSON.stringify(body.issues)}`);
        assert.deepEqual(issue.path, path);
        assert.match(issue.message, /[а-яё]/i, 'a Russian message');
      });
    }

    it('in English when the visitor reads English', async () => {
      const response = await submit(receiver.endpoint, { request: { ...staff, email: 'nope' }, headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
      const body = await json(response);
      assert.equal(body.issues[0].code, 'validation.email');
      assert.doesNotMatch(body.issues[0].message, /[а-яё]/i);
      assert.doesNotMatch(body.message, /[а-яё]/i);
    });
  });

  describe('answers 422 for obscene language (the regulation’s etiquette point)', () => {
    it('with the rule in plain words, and stores nothing', async () => {
      const before = receiver.rows('SELECT seq FROM requests').length;
      const response = await submit(receiver.endpoint, { request: { ...validRequests.staff, description: 'Журнал опять не работает, хуй знает почему.' } });
      assert.equal(response.status, 422);
      const body = await json(response);
      assert.equal(body.error, 'etiquette');
      assert.match(body.message, /по регламенту школы .*не допускаются/);
      assert.equal(receiver.rows('SELECT seq FROM requests').length, before);
    });

    it('but 400 when other fields are wrong as well', async () => {
      const response = await submit(receiver.endpoint, { request: { ...validRequests.staff, email: 'nope', description: 'Журнал опять не работает, хуй знает почему.' } });
      assert.equal(response.status, 400);
    });
  });

  describe('answers 413 for what is too large', () => {
    let small: TestReceiver;
    before(async () => {
      small = await startTestReceiver({ MAX_TOTAL_BYTES: '200000', MAX_SCREENSHOT_BYTES: '60000', MAX_JSON_BYTES: '4096', MAX_SCREENSHOTS: '2' });
    });
    after(() => small.dispose());

    const noise = (bytes: number) => sharp(Buffer.alloc(bytes, 7).map((_, i) => (i * 2654435761) >>> 24), { raw: { width: Math.sqrt(bytes / 3) | 0, height: Math.sqrt(bytes / 3) | 0, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();

    it('by Content-Length, before reading the body', async () => {
      const response = await submit(small.endpoint, { screenshots: [{ bytes: Buffer.alloc(250_000) }] });
      assert.equal(response.status, 413);
      const body = await json(response);
      assert.equal(body.error, 'too-large');
      assert.match(body.message, /МБ/);
    });

    it('at once, and keeps reading the upload: Firefox reads an answer only once its upload is done, and a cut connection lost it', async () => {
      const url = new URL(small.endpoint);
      const socket = net.connect(Number(url.port), url.hostname);
      await once(socket, 'connect');
      let answer = '';
      let closedEarly = false;
      socket.on('data', (d) => (answer += d));
      socket.on('error', () => undefined);
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const head = `POST ${url.pathname} HTTP/1.1\r\nHost: x\r\nIdempotency-Key: ${randomUUID()}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 300000\r\n\r\n`;
      socket.write(head);
      socket.write(Buffer.alloc(100_000, 65));
      await pause(300);
      assert.match(answer, /^HTTP\/1\.1 413 /, 'the answer waits for nothing');
      socket.once('close', () => (closedEarly = true));
      for (let i = 0; i < 20; i++) {
        assert.ok(!closedEarly && !socket.destroyed, `the connection was cut with ${100 + i * 10} kB of 300 sent`);
        socket.write(Buffer.alloc(10_000, 65));
        await pause(40); // a slow line: a second in all, longer than a server's usual grace for unread bodies
      }
      await pause(200);
      assert.match(answer, /"error":"too-large"/);
      socket.destroy();
    });

    it('while reading a body sent without Content-Length', async () => {
      const boundary = 'jhwboundary';
      const chunks = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="request"\r\n\r\n${JSON.stringify(validRequests.staff)}\r\n`)];
      for (let i = 0; i < 30; i++) chunks.push(Buffer.alloc(10_000, 65));
      const body = new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const response = await fetch(small.endpoint, {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Idempotency-Key': crypto.randomUUID() },
      } as RequestInit);
      assert.equal(response.status, 413);
    });

    it('for a request part above MAX_JSON_BYTES', async () => {
      const response = await submit(small.endpoint, { request: { ...validRequests.staff, context: { userAgent: 'x'.repeat(5000) } } });
      assert.equal(response.status, 413);
      assert.equal((await json(response)).error, 'request-too-large');
    });

    it('for more screenshots than MAX_SCREENSHOTS', async () => {
      const bytes = await png(8, 8);
      const response = await submit(small.endpoint, { screenshots: [{ bytes }, { bytes }, { bytes }] });
      assert.equal(response.status, 413);
      assert.equal((await json(response)).error, 'too-many-screenshots');
    });

    it('for one screenshot above MAX_SCREENSHOT_BYTES', async () => {
      const big = await noise(90_000);
      assert.ok(big.length > 60_000);
      const response = await submit(small.endpoint, { screenshots: [{ bytes: await png(8, 8) }, { bytes: big }] });
      assert.equal(response.status, 413);
      const body = await json(response);
      assert.equal(body.error, 'screenshot-too-large');
      assert.match(body.message, /№ 2/);
    });
  });
});
