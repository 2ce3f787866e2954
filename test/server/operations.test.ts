// What the administrator running the receiver meets: a screenshot folder that went away, a monitor
// asking /healthz, someone guessing the administrator's token, and settings that would fail silently.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ADMIN_GUESSES } from '../../server/app.js';
import { ADMIN_TOKEN, bearer, json, png, startTestReceiver, submit } from './support.js';

describe('operations', () => {
  it('stores screenshots again after their folder was deleted, and says so in the log', async () => {
    const lines: string[] = [];
    const receiver = await startTestReceiver({}, { log: (_level, msg) => lines.push(msg) });
    try {
      rmSync(join(receiver.dataDir, 'attachments'), { recursive: true });
      const response = await submit(receiver.endpoint, { screenshots: [{ bytes: await png(30, 20) }] });
      assert.equal(response.status, 201);
      assert.equal(receiver.attachmentFiles().length, 1);
      assert.ok(lines.some((l) => /attachments folder was missing/.test(l)), lines.join('\n'));
    } finally {
      await receiver.dispose();
    }
  });

  it('answers /healthz with 503, naming the attachments, when their folder cannot be written', async () => {
    const receiver = await startTestReceiver();
    try {
      assert.deepEqual(await json(await fetch(`${receiver.url}/healthz`)), { status: 'ok' });
      const folder = join(receiver.dataDir, 'attachments');
      rmSync(folder, { recursive: true });
      // A file in its place: not even root can write into it (the tests may run as root).
      writeFileSync(folder, '');
      const health = await fetch(`${receiver.url}/healthz`);
      assert.equal(health.status, 503);
      assert.deepEqual(await health.json(), { status: 'degraded', database: 'ok', attachments: 'unwritable' });
      const response = await submit(receiver.endpoint, { screenshots: [{ bytes: await png(30, 20) }] });
      assert.equal(response.status, 500, 'refused, not stored without its screenshot');
      assert.deepEqual(receiver.rows('SELECT number FROM requests'), []);
    } finally {
      await receiver.dispose();
    }
  });

  it(`refuses an address for 10 minutes after ${ADMIN_GUESSES} wrong administrator tokens, and no other address`, async () => {
    const receiver = await startTestReceiver({ TRUST_PROXY: '1' });
    const list = (from: string, token: string) => fetch(`${receiver.url}/api/requests`, { headers: { ...bearer(token), 'X-Forwarded-For': from } });
    try {
      for (let i = 0; i < ADMIN_GUESSES; i++) assert.equal((await list('10.0.0.1', `wrong-token-${i}-0123456789abcdef`)).status, 401);
      const refused = await list('10.0.0.1', ADMIN_TOKEN);
      assert.equal(refused.status, 429, 'even the right token, from the guessing address');
      assert.ok(Number(refused.headers.get('retry-after')) > 500);
      assert.equal((await list('10.0.0.2', ADMIN_TOKEN)).status, 200);
      assert.equal((await submit(receiver.endpoint, { headers: { 'X-Forwarded-For': '10.0.0.1' } })).status, 201, 'visitors may still send');
    } finally {
      await receiver.dispose();
    }
  });

  it('says in the log when an address is refused for guessing', async () => {
    const lines: string[] = [];
    const receiver = await startTestReceiver({ TRUST_PROXY: '1' }, { log: (_level, msg) => lines.push(msg) });
    try {
      for (let i = 0; i < ADMIN_GUESSES; i++) await fetch(`${receiver.url}/api/requests`, { headers: { ...bearer(`wrong-${i}-0123456789abcdef01234`), 'X-Forwarded-For': '10.0.0.1' } });
      assert.equal(lines.filter((l) => /wrong administrator tokens from one address/.test(l)).length, 1, lines.join('\n'));
    } finally {
      await receiver.dispose();
    }
  });

  it('does not count a request without a token as a guess: failed sends cannot lock the administrator out', async () => {
    const receiver = await startTestReceiver({ TRUST_PROXY: '1' });
    const from = { 'X-Forwarded-For': '10.0.0.1' };
    try {
      // What the form asks after a send that failed (is the endpoint there, is it CORS?), many times over.
      for (let i = 0; i < ADMIN_GUESSES * 2; i++) assert.equal((await fetch(receiver.endpoint, { headers: from })).status, 401);
      assert.equal((await fetch(`${receiver.url}/api/requests`, { headers: { ...bearer(), ...from } })).status, 200);
    } finally {
      await receiver.dispose();
    }
  });

  it('sends nosniff on every answer', async () => {
    const receiver = await startTestReceiver();
    try {
      const answers = [
        await submit(receiver.endpoint),
        await submit(receiver.endpoint, { key: 'bad key' }),
        await fetch(`${receiver.url}/healthz`),
        await fetch(`${receiver.url}/api/requests`, { headers: bearer() }),
        await fetch(`${receiver.url}/api/requests/export.csv`, { headers: bearer() }),
        await fetch(`${receiver.url}/nowhere`),
      ];
      for (const answer of answers) assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', `${answer.url} ${answer.status}`);
    } finally {
      await receiver.dispose();
    }
  });

  it('warns at the start when no site may send (ALLOWED_ORIGINS empty)', async () => {
    const lines: { level: string; msg: string }[] = [];
    const receiver = await startTestReceiver({ ALLOWED_ORIGINS: '' }, { log: (level, msg) => lines.push({ level, msg }) });
    await receiver.dispose();
    assert.ok(lines.some((l) => l.level === 'warn' && /^ALLOWED_ORIGINS is empty: browsers will refuse/.test(l.msg)), JSON.stringify(lines));
  });
});
