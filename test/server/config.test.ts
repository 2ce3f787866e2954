import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../server/config.js';

describe('configuration from environment variables', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, resolve('data'));
    assert.deepEqual(config.allowedOrigins, []);
    assert.equal(config.adminToken, undefined);
    assert.equal(config.trustProxy, false);
    assert.equal(config.maxJsonBytes, 65536);
    assert.equal(config.maxScreenshots, 5);
    assert.equal(config.maxScreenshotBytes, 10 * 1024 * 1024);
    assert.equal(config.maxTotalBytes, 30 * 1024 * 1024);
    assert.equal(config.maxBufferedBytes, 256 * 1024 * 1024);
    assert.equal(config.bodyIdleSeconds, 30);
    assert.equal(config.rateLimit, 120);
    assert.equal(config.rateWindowSeconds, 600);
    assert.deepEqual(config.faults, { failFirst: 0, failAfterCommit: 0 });
  });

  it('reads origins, limits and faults', () => {
    const config = loadConfig({
      PORT: '0',
      ALLOWED_ORIGINS: ' https://school.example, http://localhost:8080/ ',
      MAX_SCREENSHOTS: '2',
      FAULTS: 'fail-first:2, fail-after-commit:1',
      TRUST_PROXY: 'true',
      BODY_IDLE_SECONDS: '0.3',
    });
    assert.equal(config.port, 0);
    assert.deepEqual(config.allowedOrigins, ['https://school.example', 'http://localhost:8080']);
    assert.equal(config.maxScreenshots, 2);
    assert.deepEqual(config.faults, { failFirst: 2, failAfterCommit: 1 });
    assert.equal(config.trustProxy, true);
    assert.equal(config.bodyIdleSeconds, 0.3);
  });

  it('reads TRUST_PROXY=on and off as they say', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'on' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: 'off' }).trustProxy, false);
  });

  for (const [name, env, pattern] of [
    ['a port that is not a number', { PORT: '80a' }, /PORT/],
    ['a negative limit', { RATE_LIMIT: '-1' }, /RATE_LIMIT/],
    ['an origin with a path', { ALLOWED_ORIGINS: 'https://school.example/help' }, /ALLOWED_ORIGINS/],
    ['an origin that is not a URL', { ALLOWED_ORIGINS: 'school.example' }, /ALLOWED_ORIGINS/],
    ['a token a browser could not send', { ADMIN_TOKEN: 'пароль с пробелами' }, /ADMIN_TOKEN/],
    ['a token short enough to guess', { ADMIN_TOKEN: 'abc' }, /ADMIN_TOKEN must be at least 24 characters, got 3/],
    ['a port above 65535', { PORT: '70000' }, /PORT must be an integer ≥ 0 and ≤ 65535/],
    ['an origin in capitals, which browsers never send', { ALLOWED_ORIGINS: 'https://School.example' }, /ALLOWED_ORIGINS: write "https:\/\/School.example" in lowercase/],
    ['a TRUST_PROXY it does not know, instead of reading it as off', { TRUST_PROXY: 'enabled' }, /TRUST_PROXY must be 1 \(on\) or 0 \(off\)/],
    ['an unknown fault', { FAULTS: 'explode:1' }, /FAULTS/],
    ['an idle time of zero', { BODY_IDLE_SECONDS: '0' }, /BODY_IDLE_SECONDS/],
    ['an idle time that is not a number of seconds', { BODY_IDLE_SECONDS: '30s' }, /BODY_IDLE_SECONDS/],
    ['an idle time Node’s own request timeout (300 s) would always cut first', { BODY_IDLE_SECONDS: '301' }, /BODY_IDLE_SECONDS/],
    ['a body budget smaller than the largest body', { MAX_TOTAL_BYTES: '200000', MAX_BUFFERED_BYTES: '100000' }, /MAX_BUFFERED_BYTES/],
  ] as [string, Record<string, string>, RegExp][]) {
    it(`refuses ${name}, naming the variable`, () => {
      assert.throws(() => loadConfig(env), pattern);
    });
  }
});
