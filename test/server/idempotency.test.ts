import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { json, png, startTestReceiver, submit, validRequests, type TestReceiver } from './support.js';

const count = (receiver: TestReceiver, key: string) => receiver.rows('SELECT seq FROM requests WHERE idempotency_key = ?', key).length;

describe('Idempotency-Key', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver();
  });
  after(() => receiver.dispose());

  it('replays the first 201 for a repeat with the same body, storing one row', async () => {
    const key = randomUUID();
    const screenshots = [{ bytes: await png() }];
    const first = await submit(receiver.endpoint, { key, screenshots });
    const firstBody = await first.text();
    const second = await submit(receiver.endpoint, { key, screenshots });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(await second.text(), firstBody);
    assert.equal(count(receiver, key), 1);
  });

  it('answers 409 (not the etiquette 422) for a repeat with a different request', async () => {
    const key = randomUUID();
    assert.equal((await submit(receiver.endpoint, { key })).status, 201);
    const response = await submit(receiver.endpoint, { key, request: { ...validRequests.staff, description: 'Совсем другой запрос про расписание.' } });
    assert.equal(response.status, 409);
    const body = await json(response);
    assert.equal(body.error, 'idempotency-conflict');
    assert.ok(body.message);
    assert.equal(count(receiver, key), 1);
  });

  it('answers 409 (not the etiquette 422) for a repeat with different screenshots', async () => {
    const key = randomUUID();
    assert.equal((await submit(receiver.endpoint, { key, screenshots: [{ bytes: await png(10, 10) }] })).status, 201);
    const response = await submit(receiver.endpoint, { key, screenshots: [{ bytes: await png(10, 11) }] });
    assert.equal(response.status, 409);
  });

  it('stores one row, one file and answers one number for 10 concurrent requests with one key', async () => {
    const key = randomUUID();
    const files = receiver.attachmentFiles().length;
    const screenshots = [{ bytes: await png(320, 200, '#884422') }];
    const responses = await Promise.all(Array.from({ length: 10 }, () => submit(receiver.endpoint, { key, screenshots })));
    assert.deepEqual(
      responses.map((r) => r.status),
      Array(10).fill(201),
    );
    const ids = new Set(await Promise.all(responses.map(async (r) => (await json(r)).id)));
    assert.equal(ids.size, 1);
    assert.equal(count(receiver, key), 1);
    assert.equal(receiver.attachmentFiles().length, files + 1);
  });

  it('lets a request that failed validation be corrected under the same key', async () => {
    const key = randomUUID();
    assert.equal((await submit(receiver.endpoint, { key, request: { ...validRequests.staff, email: 'nope' } })).status, 400);
    assert.equal((await submit(receiver.endpoint, { key })).status, 201);
  });

  it('is kept per request: different keys store different rows', async () => {
    const a = await json(await submit(receiver.endpoint));
    const b = await json(await submit(receiver.endpoint));
    assert.notEqual(a.id, b.id);
  });
});

describe('the fault switch (tests only)', () => {
  it('fail-first:2 answers 503 twice before storing anything, then stores once', async () => {
    const receiver = await startTestReceiver({ FAULTS: 'fail-first:2' });
    try {
      const key = randomUUID();
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await submit(receiver.endpoint, { key })).status);
      assert.deepEqual(statuses, [503, 503, 201]);
      assert.equal(count(receiver, key), 1);
    } finally {
      await receiver.dispose();
    }
  });

  it('fail-after-commit:2 loses two answers; the retries replay the stored request', async () => {
    const receiver = await startTestReceiver({ FAULTS: 'fail-after-commit:2' });
    try {
      const key = randomUUID();
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await submit(receiver.endpoint, { key }));
      assert.deepEqual(
        responses.map((r) => r.status),
        [503, 503, 201],
      );
      assert.equal((await json(responses[0]!)).error, 'unavailable');
      assert.equal(count(receiver, key), 1);
      assert.equal(responses[2]!.headers.get('idempotent-replayed'), 'true');
    } finally {
      await receiver.dispose();
    }
  });
});
