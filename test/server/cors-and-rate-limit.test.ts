import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SlidingWindowLimiter, clientKey } from '../../server/rate-limit.js';
import { PAGE_ORIGIN, json, startTestReceiver, submit, type TestReceiver } from './support.js';

const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('CORS', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ ALLOWED_ORIGINS: `${PAGE_ORIGIN}, https://other-school.example` });
  });
  after(() => receiver.dispose());

  const preflight = (origin: string) =>
    fetch(receiver.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });

  it('answers the preflight of an allowed origin, allowing Idempotency-Key', async () => {
    const response = await preflight(PAGE_ORIGIN);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /idempotency-key/i);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(response.headers.get('vary') ?? '', /origin/i);
  });

  it('allows each configured origin by itself, never *', async () => {
    const response = await preflight('https://other-school.example');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://other-school.example');
  });

  it('lets an allowed page read the answer and Retry-After', async () => {
    const response = await submit(receiver.endpoint, { headers: { Origin: PAGE_ORIGIN } });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
  });

  it('keeps the CORS headers on error answers, so the form can show them', async () => {
    const response = await submit(receiver.endpoint, { key: null, headers: { Origin: PAGE_ORIGIN } });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
  });

  it('gives another origin no CORS headers at all, on the preflight and on the request', async () => {
    const pre = await preflight('https://evil.example');
    assert.deepEqual(corsHeaders(pre), []);
    const post = await submit(receiver.endpoint, { headers: { Origin: 'https://evil.example' } });
    assert.deepEqual(corsHeaders(post), []);
    assert.deepEqual(corsHeaders(await preflight(`${PAGE_ORIGIN}.evil.example`)), []);
    assert.deepEqual(corsHeaders(await preflight('null')), []);
  });

  it('sends no CORS headers to a request without Origin (a server or curl)', async () => {
    assert.deepEqual(corsHeaders(await submit(receiver.endpoint)), []);
  });
});

describe('rate limit', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ RATE_LIMIT: '3', RATE_WINDOW_SECONDS: '120' });
  });
  after(() => receiver.dispose());

  it('answers 429 with Retry-After in seconds once an address used its budget', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await submit(receiver.endpoint)).status, 201);
    const response = await submit(receiver.endpoint, { headers: { Origin: PAGE_ORIGIN } });
    assert.equal(response.status, 429);
    const retryAfter = Number(response.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 120, `Retry-After ${retryAfter}`);
    const body = await json(response);
    assert.equal(body.error, 'rate-limited');
    assert.match(body.message, /мин/);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const response = await submit(receiver.endpoint, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    assert.equal(response.status, 429);
  });

  it('counts each forwarded client separately behind a trusted proxy', async () => {
    const proxied = await startTestReceiver({ RATE_LIMIT: '1', TRUST_PROXY: '1' });
    try {
      const from = (address: string) => submit(proxied.endpoint, { headers: { 'X-Forwarded-For': `198.51.100.1, ${address}` } });
      assert.equal((await from('203.0.113.1')).status, 201);
      assert.equal((await from('203.0.113.1')).status, 429);
      assert.equal((await from('203.0.113.2')).status, 201);
    } finally {
      await proxied.dispose();
    }
  });

  it('is a sliding window: a request is admitted again once the oldest leaves the window', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 10_000, () => now);
    for (const t of [0, 4000, 8000]) {
      now = t;
      assert.ok(limiter.take('a').ok);
    }
    now = 9000;
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfter: 1 });
    assert.ok(limiter.take('b').ok, 'another address has its own budget');
    now = 10_001;
    assert.ok(limiter.take('a').ok, 'the request at 0 left the window');
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfter: 4 });
  });

  it('takes a refunded request back out of the count, once', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 10_000, () => now);
    const first = limiter.take('a');
    assert.ok(limiter.take('a').ok, 'a second request in the same millisecond');
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfter: 10 });
    assert.ok(first.ok);
    first.refund();
    first.refund();
    now = 1000;
    assert.ok(limiter.take('a').ok, 'the refunded request no longer counts');
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfter: 9 }, 'a second refund gave nothing more back');
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    assert.equal(clientKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(clientKey('192.0.2.7'), '192.0.2.7');
    assert.equal(clientKey('2001:db8:a:b:1:2:3:4'), '2001:db8:a:b::/64');
    assert.equal(clientKey('2001:db8:a:b::99'), '2001:db8:a:b::/64');
    assert.equal(clientKey('2001:DB8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
  });
});
