import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ADMIN_TOKEN, bearer, json, multipartRequest, partialPost, png, startTestReceiver, submit, tempDataDir, validRequests } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a POST and sends all but the last bytes of its body; `finish()` sends the rest. */
function slowPost(endpoint: string, request: unknown = validRequests.staff) {
  const { body, contentType } = multipartRequest(request);
  return partialPost(endpoint, body, { 'Content-Type': contentType, 'Idempotency-Key': randomUUID() });
}

describe('lifecycle', () => {
  it('keeps requests, attachments and idempotency keys across a restart on the same DATA_DIR', async () => {
    const dataDir = tempDataDir();
    const key = randomUUID();
    const screenshots = [{ bytes: await png(33, 22) }];
    const first = await startTestReceiver({}, { dataDir });
    const { id } = await json(await submit(first.endpoint, { key, screenshots }));
    await first.close();

    const second = await startTestReceiver({}, { dataDir });
    try {
      const detail = await json(await fetch(`${second.url}/api/requests/${id}`, { headers: bearer() }));
      assert.deepEqual(detail.request, validRequests.staff);
      const file = await fetch(`${second.url}${detail.attachments[0].url}`, { headers: bearer() });
      assert.equal(file.status, 200);
      const replay = await submit(second.endpoint, { key, screenshots });
      assert.equal(replay.status, 201);
      assert.equal((await json(replay)).id, id);
      const next = (await json(await submit(second.endpoint))).id as string;
      assert.equal(Number(next.slice(5)), Number(id.slice(5)) + 1);
    } finally {
      await second.dispose();
    }
  });

  it('keeps the database and screenshots from other local users, also in a data folder that already exists open to all', async () => {
    const dataDir = tempDataDir();
    chmodSync(dataDir, 0o755);
    const receiver = await startTestReceiver({}, { dataDir });
    try {
      assert.equal((await submit(receiver.endpoint, { screenshots: [{ bytes: await png(20, 10) }] })).status, 201);
      const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dataDir, f)).isFile());
      assert.ok(files.includes('requests.sqlite') && files.includes('requests.sqlite-wal'), files.join(', '));
      assert.ok(files.some((f) => f.startsWith('attachments')), files.join(', '));
      for (const f of files) assert.equal(statSync(join(dataDir, f)).mode & 0o007, 0, `${f} is readable by others`);
    } finally {
      await receiver.dispose();
    }
  });

  it('takes other users\' access away from a database restored with a copy\'s open mode', async () => {
    const first = await startTestReceiver();
    const dataDir = first.dataDir;
    assert.equal((await submit(first.endpoint)).status, 201);
    await first.close();
    for (const f of readdirSync(dataDir)) if (f.startsWith('requests.sqlite')) chmodSync(join(dataDir, f), 0o644);
    const second = await startTestReceiver({}, { dataDir });
    try {
      assert.equal((await submit(second.endpoint)).status, 201);
      for (const f of readdirSync(dataDir).filter((name) => name.startsWith('requests.sqlite'))) {
        assert.equal(statSync(join(dataDir, f)).mode & 0o777, 0o640, f);
      }
    } finally {
      await second.dispose();
    }
  });

  it('finishes an in-flight request on close, then refuses new connections', async () => {
    const receiver = await startTestReceiver();
    try {
      const arrived = once(receiver.server, 'request');
      const post = slowPost(receiver.endpoint);
      await arrived;
      let closed = false;
      const closing = receiver.close().then(() => (closed = true));
      await delay(200);
      assert.equal(closed, false, 'close waits for the request');
      post.finish();
      const { status, body } = await post.response;
      assert.equal(status, 201);
      await closing;
      assert.equal(receiver.rows('SELECT number FROM requests WHERE number = ?', JSON.parse(body).id).length, 1);
      await assert.rejects(fetch(`${receiver.url}/healthz`));
    } finally {
      await receiver.dispose();
    }
  });

  describe('npm run receiver (server/main.ts)', () => {
    type Child = ChildProcessByStdio<null, Readable, Readable>;
    const start = (env: Record<string, string>): Child =>
      spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

    /** JSON log lines from stdout and stderr, as they come. */
    function logLines(child: Child) {
      const lines: Record<string, unknown>[] = [];
      const raw: string[] = [];
      for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        stream.setEncoding('utf8').on('data', (chunk: string) => {
          const parts = (rest + chunk).split('\n');
          rest = parts.pop()!;
          for (const line of parts) {
            raw.push(line);
            lines.push(JSON.parse(line));
          }
        });
      }
      return { lines, raw };
    }

    async function waitFor<T>(find: () => T | undefined, what: string, ms = 20_000): Promise<T> {
      for (const until = Date.now() + ms; Date.now() < until; await delay(25)) {
        const found = find();
        if (found !== undefined) return found;
      }
      throw new Error(`timed out waiting for ${what}`);
    }

    it('listens on a free port with PORT=0, logs one JSON line per request without personal data, and drains on SIGTERM', async () => {
      const dataDir = tempDataDir();
      const child = start({ PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN, ALLOWED_ORIGINS: 'https://school.example' });
      const log = logLines(child);
      try {
        const listening = await waitFor(() => log.lines.find((l) => l.msg === 'listening'), 'the listening line');
        const url = `http://127.0.0.1:${listening.port}`;
        assert.ok(Number(listening.port) > 0);

        const health = await fetch(`${url}/healthz`);
        assert.deepEqual(await health.json(), { status: 'ok' });
        const secret = { ...validRequests.parent, fullName: 'Секретова Анна', email: 'secret-parent@example.ru', description: 'Личное описание 4f9c2e проблемы.' };
        assert.equal((await submit(`${url}/api/requests`, { request: secret })).status, 201);

        const post = slowPost(`${url}/api/requests`);
        // A round trip on another connection: by its end the slow request's headers have been read.
        await fetch(`${url}/healthz`);
        await delay(100);
        child.kill('SIGTERM');
        await waitFor(() => log.lines.find((l) => l.signal === 'SIGTERM'), 'the shutdown line');
        post.finish();
        assert.equal((await post.response).status, 201);
        const [code] = await once(child, 'exit');
        assert.equal(code, 0);

        const requests = log.lines.filter((l) => l.msg === 'request');
        assert.deepEqual(
          requests.map((l) => `${l.method} ${l.path} ${l.status}`),
          ['GET /healthz 200', 'POST /api/requests 201', 'GET /healthz 200', 'POST /api/requests 201'],
        );
        for (const line of requests) assert.deepEqual(Object.keys(line).sort(), ['level', 'method', 'ms', 'msg', 'path', 'status', 'time']);
        const all = log.raw.join('\n');
        for (const personal of ['Секретова', 'secret-parent', '4f9c2e']) {
          assert.ok(!all.includes(personal), `the log does not contain ${personal}`);
        }
        assert.ok(log.lines.some((l) => l.msg === 'stopped'));
      } finally {
        child.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('refuses to start with a wrong setting, naming it', async () => {
      const dataDir = tempDataDir();
      const child = start({ PORT: 'eighty', DATA_DIR: dataDir });
      const log = logLines(child);
      const [code] = await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
      assert.equal(code, 1);
      assert.match(String(log.lines.find((l) => l.level === 'error')?.error), /PORT/);
    });

    it('names the setting to change, without a stack, when the port is taken or DATA_DIR cannot be used', async () => {
      const taken = await startTestReceiver();
      const file = join(tempDataDir(), 'a-file');
      writeFileSync(file, '');
      try {
        for (const [env, expected] of [
          [{ PORT: String(taken.port), DATA_DIR: tempDataDir() }, new RegExp(`^PORT ${taken.port} is taken by another program`)],
          [{ PORT: '0', DATA_DIR: join(file, 'data') }, /^DATA_DIR ".*a-file\/data" cannot be used: .*ENOTDIR/],
        ] as [Record<string, string>, RegExp][]) {
          const child = start({ HOST: '127.0.0.1', ...env });
          const log = logLines(child);
          const [code] = await once(child, 'exit');
          assert.equal(code, 1);
          assert.deepEqual(log.lines.filter((l) => l.level === 'error').map((l) => l.msg), ['cannot start']);
          assert.match(String(log.lines.find((l) => l.level === 'error')!.error), expected);
          assert.ok(!log.raw.join('\n').includes('    at '), 'no stack trace');
        }
      } finally {
        await taken.dispose();
      }
    });
  });
});
