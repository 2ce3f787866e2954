import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { BodyBudget } from '../../server/body-budget.js';
import { BUSY_RETRY_SECONDS } from '../../server/submit.js';
import { PAGE_ORIGIN, json, partialPost, png, startTestReceiver, validRequests, type TestReceiver } from './support.js';

// MAX_TOTAL_BYTES 100 000 and MAX_BUFFERED_BYTES 150 000: one address may hold 100 000 (one largest
// body), all addresses together 150 000. TRUST_PROXY lets one test play several addresses.
const ENV = { MAX_TOTAL_BYTES: '100000', MAX_BUFFERED_BYTES: '150000', TRUST_PROXY: '1', RATE_LIMIT: '1000' };

/** A valid submission of exactly `total` bytes: the `request` part plus a `padding` part the receiver ignores. */
function paddedBody(total: number, request: unknown = validRequests.staff) {
  const boundary = `jhw${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="request"\r\n\r\n${JSON.stringify(request)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="padding"\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, Buffer.alloc(total - head.length - tail.length, 'a'), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Sent {
  bytes: number;
  address: string;
  key?: string;
  request?: unknown;
}

/** One whole submission from `address`, with a Content-Length. */
function send(receiver: TestReceiver, { bytes, address, key = randomUUID(), request }: Sent): Promise<Response> {
  const { body, contentType } = paddedBody(bytes, request);
  return fetch(receiver.endpoint, { method: 'POST', body, headers: { 'Content-Type': contentType, 'Idempotency-Key': key, 'X-Forwarded-For': address, Origin: PAGE_ORIGIN } });
}

/** One whole submission from `address`, streamed in 1000-byte chunks without a Content-Length. */
function sendStreamed(receiver: TestReceiver, { bytes, address, key = randomUUID(), request }: Sent): Promise<Response> {
  const { body, contentType } = paddedBody(bytes, request);
  const chunks = Array.from({ length: Math.ceil(body.length / 1000) }, (_, i) => body.subarray(i * 1000, (i + 1) * 1000));
  const stream = new ReadableStream({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return fetch(receiver.endpoint, {
    method: 'POST',
    body: stream,
    duplex: 'half',
    headers: { 'Content-Type': contentType, 'Idempotency-Key': key, 'X-Forwarded-For': address, Origin: PAGE_ORIGIN },
  } as RequestInit);
}

/** Uploads not yet finished or aborted; a failing test aborts them, so that the next one starts with an empty budget. */
const unfinished = new Set<() => void>();

/** An upload that stops 10 bytes before its end, once the receiver holds what was sent; `finish()` sends the rest. */
async function slowUpload(receiver: TestReceiver, { bytes, address, key = randomUUID(), request }: Sent) {
  const { body, contentType } = paddedBody(bytes, request);
  const before = receiver.bodyBudget.used;
  const { req, response, sent, finish: end } = partialPost(receiver.endpoint, body, { 'Content-Type': contentType, 'Idempotency-Key': key, 'X-Forwarded-For': address });
  // Handled here so that an aborted upload's rejection is not reported as unhandled; awaiting it still throws.
  response.catch(() => undefined);
  const abort = () => {
    unfinished.delete(abort);
    req.destroy();
  };
  unfinished.add(abort);
  await until(() => receiver.bodyBudget.used >= before + sent, `the receiver to hold ${sent} bytes`);
  const finish = () => {
    unfinished.delete(abort);
    end();
  };
  return { response, finish, abort };
}

/** Aborts what a failed test left unfinished and waits for an empty budget, so that the next test starts clean. */
async function cleanUp(receiver: TestReceiver): Promise<void> {
  for (const abort of unfinished) abort();
  await until(() => receiver.bodyBudget.used === 0, 'the budget to be empty after the test');
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); await delay(10)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

async function assertBusy(response: Response): Promise<void> {
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), String(BUSY_RETRY_SECONDS));
  assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN, 'the form can read the answer');
  const body = await json(response);
  assert.equal(body.error, 'busy');
  assert.match(body.message, new RegExp(`${BUSY_RETRY_SECONDS} с`));
}

const rows = (receiver: TestReceiver, key: string) => receiver.rows('SELECT number FROM requests WHERE idempotency_key = ?', key);

describe('memory for request bodies (MAX_BUFFERED_BYTES)', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver(ENV);
  });
  after(() => receiver.dispose());
  afterEach(() => cleanUp(receiver));

  it('answers 503 with Retry-After and the error JSON when a new body would not fit, storing nothing', async () => {
    const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1' });
    const b = await slowUpload(receiver, { bytes: 50_000, address: '203.0.113.2' });
    const key = randomUUID();
    await assertBusy(await send(receiver, { bytes: 30_000, address: '203.0.113.3', key }));
    assert.deepEqual(rows(receiver, key), []);
    a.finish();
    b.finish();
    assert.equal((await a.response).status, 201);
    assert.equal((await b.response).status, 201);
  });

  it('refuses a Content-Length that does not fit at once, before the body is sent', async () => {
    const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1' });
    const b = await slowUpload(receiver, { bytes: 50_000, address: '203.0.113.2' });
    const headersOnly = http.request(receiver.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': 30_000, 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': '203.0.113.3' },
    });
    headersOnly.on('error', () => undefined);
    headersOnly.flushHeaders();
    const answer = await Promise.race([
      new Promise<http.IncomingMessage>((resolve) => headersOnly.on('response', resolve)),
      delay(5000, undefined, { ref: false }).then(() => undefined),
    ]);
    headersOnly.destroy();
    assert.equal(answer?.statusCode, 503, 'answered without waiting for the body');
    assert.equal(answer.headers['retry-after'], String(BUSY_RETRY_SECONDS));
    a.finish();
    b.finish();
    assert.equal((await a.response).status, 201);
    assert.equal((await b.response).status, 201);
  });

  it('counts a body without Content-Length as it arrives, and gives back what a refused one held', async () => {
    const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1' });
    const b = await slowUpload(receiver, { bytes: 50_000, address: '203.0.113.2' });
    const held = receiver.bodyBudget.used;
    await assertBusy(await sendStreamed(receiver, { bytes: 30_000, address: '203.0.113.3' }));
    await until(() => receiver.bodyBudget.used === held, 'the refused body to be given back');
    a.finish();
    b.finish();
    assert.equal((await a.response).status, 201);
    assert.equal((await b.response).status, 201);
  });

  it('lets one address hold at most half of it, while other addresses still get in', async () => {
    const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1' });
    await assertBusy(await send(receiver, { bytes: 30_000, address: '203.0.113.1' }));
    assert.equal((await send(receiver, { bytes: 30_000, address: '203.0.113.2' })).status, 201);
    a.finish();
    assert.equal((await a.response).status, 201);
    assert.equal((await send(receiver, { bytes: 30_000, address: '203.0.113.1' })).status, 201);
  });

  describe('is given back whatever way a request ends', () => {
    /** Fills the budget with two uploads, checks that a third is refused, then ends the first with `end`. */
    async function fillAndEnd(end: (upload: Awaited<ReturnType<typeof slowUpload>>) => Promise<void>, request?: unknown) {
      const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1', request });
      const b = await slowUpload(receiver, { bytes: 50_000, address: '203.0.113.2' });
      await assertBusy(await send(receiver, { bytes: 30_000, address: '203.0.113.3' }));
      await end(a);
      b.finish();
      assert.equal((await b.response).status, 201);
      await until(() => receiver.bodyBudget.used === 0, 'the budget to be empty');
      // Twice what a leak of the first upload would leave room for.
      assert.equal((await send(receiver, { bytes: 90_000, address: '203.0.113.3' })).status, 201);
      assert.equal((await send(receiver, { bytes: 90_000, address: '203.0.113.1' })).status, 201);
    }

    it('after a stored upload', async () => {
      await fillAndEnd(async (a) => {
        a.finish();
        assert.equal((await a.response).status, 201);
      });
    });

    it('after an upload refused as invalid', async () => {
      await fillAndEnd(
        async (a) => {
          a.finish();
          assert.equal((await a.response).status, 400);
        },
        { ...validRequests.staff, email: 'nope' },
      );
    });

    it('after an upload whose client cut the connection mid-body', async () => {
      await fillAndEnd(async (a) => {
        a.abort();
        await assert.rejects(a.response);
      });
    });
  });

  it('stores a refused submission exactly once when the form retries it with the same key', async () => {
    const key = randomUUID();
    const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1' });
    const b = await slowUpload(receiver, { bytes: 50_000, address: '203.0.113.2' });
    await assertBusy(await send(receiver, { bytes: 30_000, address: '203.0.113.3', key }));
    assert.deepEqual(rows(receiver, key), []);
    a.finish();
    b.finish();
    await Promise.all([a.response, b.response]);

    const retry = await send(receiver, { bytes: 30_000, address: '203.0.113.3', key });
    assert.equal(retry.status, 201);
    const { id } = await json(retry);
    const again = await send(receiver, { bytes: 30_000, address: '203.0.113.3', key });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal((await json(again)).id, id);
    assert.deepEqual(rows(receiver, key), [{ number: id }]);
  });
});

/** How a raw request ended: its status, the error code of a cut connection, or 'still open' after `ms`. */
function outcome(req: http.ClientRequest, ms = 5000): Promise<number | string> {
  return Promise.race([
    new Promise<number>((resolve) => req.on('response', (res) => resolve(res.statusCode!))),
    new Promise<string>((resolve) => req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))),
    // Unreferenced, so that the losing timer does not keep the test process alive.
    delay(ms, undefined, { ref: false }).then(() => 'still open'),
  ]);
}

describe('a body that stops arriving (BODY_IDLE_SECONDS)', () => {
  const IDLE_MS = 300;
  let receiver: TestReceiver;
  const lines: Record<string, unknown>[] = [];
  before(async () => {
    receiver = await startTestReceiver({ ...ENV, BODY_IDLE_SECONDS: String(IDLE_MS / 1000) }, { log: (level, msg, fields) => lines.push({ level, msg, ...fields }) });
  });
  after(() => receiver.dispose());
  afterEach(() => cleanUp(receiver));

  it('cuts the connection of a stalled upload after the idle time and gives its bytes back at that moment', async () => {
    const key = randomUUID();
    const upload = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1', key });
    const stalledAt = performance.now();
    assert.ok(receiver.bodyBudget.used >= 89_990, 'the receiver holds what was sent');
    const ended = await Promise.race([
      upload.response.then(
        ({ status }) => status,
        (error: NodeJS.ErrnoException) => error.code,
      ),
      delay(5000, undefined, { ref: false }).then(() => 'still open'),
    ]);
    const waited = performance.now() - stalledAt;
    assert.equal(ended, 'ECONNRESET', 'the connection is cut without an answer (the form retries a network error)');
    assert.equal(receiver.bodyBudget.used, 0, 'the bytes are given back by the time the connection is cut');
    assert.ok(waited >= IDLE_MS - 100, `cut after ${Math.round(waited)} ms, not before the idle time`);
    await until(() => lines.some((l) => l.msg === 'request' && l.status === 408), 'the request to end with its log line');
    assert.deepEqual(rows(receiver, key), []);
    // The address's share is 100 000: a leak of the 90 000 would refuse this.
    assert.equal((await send(receiver, { bytes: 90_000, address: '203.0.113.1', key })).status, 201, 'the form’s retry is stored');
  });

  it('cuts a request that sent its headers and no body at all', async () => {
    const headersOnly = http.request(receiver.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': 30_000, 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': '203.0.113.2' },
    });
    headersOnly.flushHeaders();
    assert.equal(await outcome(headersOnly), 'ECONNRESET');
  });

  it('stores a slow upload whose bytes keep coming, however long it takes in all', async () => {
    const key = randomUUID();
    const { body, contentType } = paddedBody(10_000);
    const trickle = http.request(receiver.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': contentType, 'Content-Length': body.length, 'Idempotency-Key': key, 'X-Forwarded-For': '203.0.113.3' },
    });
    const ended = outcome(trickle, 10_000);
    const start = performance.now();
    // 1000 bytes every 100 ms: a second in all, over three idle times, but never an idle time without a byte.
    for (let i = 0; i < 10; i++) {
      trickle.write(body.subarray(i * 1000, (i + 1) * 1000));
      await delay(100);
    }
    trickle.end();
    assert.equal(await ended, 201);
    assert.ok(performance.now() - start > 3 * IDLE_MS, 'the upload took longer than the idle time');
    assert.equal(rows(receiver, key).length, 1);
  });

  it('does not count the time the receiver spends on a body that has arrived', async () => {
    // 50 ms without a byte cuts; re-encoding five 9-megapixel screenshots takes longer than that.
    const quick = await startTestReceiver({ BODY_IDLE_SECONDS: '0.05' });
    try {
      const key = randomUUID();
      const form = new FormData();
      form.append('request', JSON.stringify(validRequests.staff));
      const image = await png(3000, 3000);
      for (let i = 0; i < 5; i++) form.append('screenshot', new Blob([new Uint8Array(image)], { type: 'image/png' }), `${i}.png`);
      const encoded = new Request(quick.endpoint, { method: 'POST', body: form });
      const body = Buffer.from(await encoded.arrayBuffer());
      const post = http.request(quick.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': encoded.headers.get('content-type')!, 'Content-Length': body.length, 'Idempotency-Key': key },
      });
      const ended = outcome(post, 10_000);
      let sentAt = 0;
      post.end(body, () => (sentAt = performance.now()));
      assert.equal(await ended, 201);
      const processing = performance.now() - sentAt;
      assert.ok(processing > 50, `the receiver worked ${Math.round(processing)} ms after the last byte, longer than the idle time`);
      assert.equal(quick.rows('SELECT number FROM requests WHERE idempotency_key = ?', key).length, 1);
      assert.equal(quick.attachmentFiles().length, 5);
    } finally {
      await quick.dispose();
    }
  });
});

describe('a 503 busy and the rate limit', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ ...ENV, RATE_LIMIT: '2' });
  });
  after(() => receiver.dispose());
  afterEach(() => cleanUp(receiver));

  it('does not count a 503 busy toward the address’s rate limit, so the form’s retries never reach 429 for it', async () => {
    const a = await slowUpload(receiver, { bytes: 90_000, address: '203.0.113.1' });
    const b = await slowUpload(receiver, { bytes: 50_000, address: '203.0.113.2' });
    const key = randomUUID();
    // The form's first attempt and three retries with one key, twice the limit of 2: refused by their
    // Content-Length before the body, and one while its body is read.
    for (let i = 0; i < 3; i++) await assertBusy(await send(receiver, { bytes: 30_000, address: '203.0.113.3', key }));
    await assertBusy(await sendStreamed(receiver, { bytes: 30_000, address: '203.0.113.3', key }));
    a.finish();
    b.finish();
    await Promise.all([a.response, b.response]);

    assert.equal((await send(receiver, { bytes: 30_000, address: '203.0.113.3', key })).status, 201, 'the next fitting try is stored');
    assert.equal((await send(receiver, { bytes: 30_000, address: '203.0.113.3' })).status, 201);
    assert.equal((await send(receiver, { bytes: 30_000, address: '203.0.113.3' })).status, 429, 'stored submissions still count');
  });
});

describe('BodyBudget', () => {
  it('counts per address and overall, and gives a hold back once', () => {
    const budget = new BodyBudget(100, 60);
    const a = budget.open('a');
    assert.ok(a.take(60));
    assert.ok(!a.take(1), 'over the per-address share');
    const b = budget.open('b');
    assert.ok(b.take(40));
    assert.ok(!budget.open('c').take(1), 'over the total');
    a.release();
    a.release();
    assert.equal(budget.used, 40, 'a second release gives nothing back twice');
    assert.ok(!a.take(1), 'a released hold takes nothing more');
    b.release();
    assert.equal(budget.used, 0);
  });
});
