// What the school's journal administrator meets following server/README.md: screenshots to open on an
// old Windows machine, a monitor that must see a full disk, and the answers of a locked or mistyped token.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { ADMIN_GUESSES } from '../../server/app.js';
import { VARIABLES, explainStartError, loadConfig } from '../../server/config.js';
import { PAGE_ORIGIN, bearer, json, startTestReceiver, submit, tempDataDir } from './support.js';

/** A WebP screenshot, what the form sends from every browser that can encode WebP. */
const webp = (width = 60, height = 40) => sharp({ create: { width, height, channels: 3, background: '#2a7ab0' } }).webp().toBuffer();

describe('screenshots for Windows 7/8.1 Photo Viewer and Office 2016, which cannot open WebP', () => {
  it('converts a stored WebP screenshot to PNG or JPEG with ?format=, named accordingly', async () => {
    const receiver = await startTestReceiver();
    try {
      const { id } = await json(await submit(receiver.endpoint, { screenshots: [{ bytes: await webp(60, 40), type: 'image/webp', name: 'screenshot-1.webp' }] }));
      const base = `${receiver.url}/api/requests/${id}/attachments/1`;

      const original = await fetch(base, { headers: bearer() });
      assert.equal(original.headers.get('content-type'), 'image/webp', 'without ?format= the stored file, as before');

      for (const [format, type, ext, sharpFormat] of [
        ['png', 'image/png', 'png', 'png'],
        ['jpeg', 'image/jpeg', 'jpg', 'jpeg'],
        ['jpg', 'image/jpeg', 'jpg', 'jpeg'],
      ] as const) {
        const response = await fetch(`${base}?format=${format}`, { headers: bearer() });
        assert.equal(response.status, 200, format);
        assert.equal(response.headers.get('content-type'), type, format);
        assert.equal(response.headers.get('content-disposition'), `attachment; filename="${id}-1.${ext}"`, format);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const bytes = Buffer.from(await response.arrayBuffer());
        const meta = await sharp(bytes).metadata();
        assert.equal(meta.format, sharpFormat, format);
        assert.deepEqual([meta.width, meta.height], [60, 40]);
      }

      const unknown = await fetch(`${base}?format=bmp`, { headers: { ...bearer(), 'Accept-Language': 'en' } });
      assert.equal(unknown.status, 400);
      const body = await json(unknown);
      assert.equal(body.error, 'format-unknown');
      assert.match(body.message, /png/);

      assert.equal((await fetch(`${base}?format=png`)).status, 401, 'the token is still needed');
      assert.equal((await fetch(`${receiver.url}/api/requests/${id}/attachments/2?format=png`, { headers: bearer() })).status, 404);
    } finally {
      await receiver.dispose();
    }
  });
});

describe('/healthz and the disk', () => {
  it('answers 503 naming the disk when DATA_DIR has less room than one largest request', async () => {
    // No disk is this large: the room left is always less than one such request.
    const huge = String(2 ** 52);
    const receiver = await startTestReceiver({ MAX_TOTAL_BYTES: huge, MAX_BUFFERED_BYTES: huge });
    try {
      const health = await fetch(`${receiver.url}/healthz`);
      assert.equal(health.status, 503);
      assert.deepEqual(await health.json(), { status: 'degraded', database: 'ok', attachments: 'ok', disk: 'full' });
    } finally {
      await receiver.dispose();
    }
    const roomy = await startTestReceiver();
    try {
      assert.deepEqual(await json(await fetch(`${roomy.url}/healthz`)), { status: 'ok' });
    } finally {
      await roomy.dispose();
    }
  });
});

describe('what the administrator is told about a token', () => {
  it('a wrong token is told apart from a missing one, and the lockout says why and what to do', async () => {
    const receiver = await startTestReceiver({ TRUST_PROXY: '1' });
    const list = (headers: Record<string, string>) =>
      fetch(`${receiver.url}/api/requests`, { headers: { 'X-Forwarded-For': '10.0.0.9', 'Accept-Language': 'en', ...headers } });
    try {
      const missing = await json(await list({}));
      assert.equal(missing.error, 'unauthorized');
      assert.match(missing.message, /required/);

      const wrong = await list(bearer('wrong-token-wrong-token-wrong-token'));
      assert.equal(wrong.status, 401);
      const said = await json(wrong);
      assert.equal(said.error, 'unauthorized', 'the code stays');
      assert.match(said.message, /does not match ADMIN_TOKEN/);

      for (let i = 1; i < ADMIN_GUESSES; i++) await list(bearer(`wrong-${i}-0123456789abcdef01234`));
      const locked = await list(bearer());
      assert.equal(locked.status, 429);
      const lockout = await json(locked);
      assert.equal(lockout.error, 'admin-locked');
      assert.match(lockout.message, /wrong administrator tokens/);
      assert.match(lockout.message, /10 min/);
      assert.match(lockout.message, /restart/);
      assert.equal((await list({ 'Accept-Language': 'ru', ...bearer() }).then(json)).message.includes('неверн'), true);
    } finally {
      await receiver.dispose();
    }
  });
});

describe('the service files server/README.md gives', () => {
  const root = join(import.meta.dirname, '../..');
  const unit = readFileSync(join(root, 'server/journal-help-receiver.service'), 'utf8');
  const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1]?.trim();
  const envFile = readFileSync(join(root, 'server/receiver.env.example'), 'utf8');
  const env = Object.fromEntries(
    envFile
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('the unit starts the receiver itself (not npm, so SIGTERM reaches it) from the checkout the README installs', () => {
    const readme = readFileSync(join(root, 'server/README.md'), 'utf8');
    const [node, ...args] = setting('ExecStart')!.split(/\s+/);
    assert.equal(node, '/usr/bin/node');
    assert.deepEqual(args.slice(0, 2), ['--import', 'tsx']);
    assert.ok(existsSync(join(root, args[2]!)), `${args[2]} is not in the repository`);
    for (const path of [setting('WorkingDirectory')!, setting('EnvironmentFile')!, 'server/journal-help-receiver.service', 'server/receiver.env.example']) {
      assert.ok(readme.includes(path), `server/README.md never names ${path}`);
    }
  });

  it('the example settings are the receiver\'s own variables and load as they are, DATA_DIR being the unit\'s StateDirectory', () => {
    for (const name of Object.keys(env)) assert.ok(VARIABLES.includes(name), `${name} is not a variable of the receiver`);
    assert.equal(env.DATA_DIR, `/var/lib/${setting('StateDirectory')}`);
    const config = loadConfig({ ...env, ADMIN_TOKEN: 'a'.repeat(48) });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.trustProxy, true);
    assert.ok(config.allowedOrigins.length > 0);
  });
});

describe('a misspelt setting', () => {
  it('is named at the start with the setting it looks like, instead of leaving it at its default in silence', async () => {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ALLOWED_ORIGINS: PAGE_ORIGIN, TRUST_PROXI: '1', ALLOWED_ORIGIN: PAGE_ORIGIN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: { level: string; msg: string }[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        let text = '';
        const read = (chunk: Buffer) => {
          text += chunk.toString('utf8');
          for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n')) {
            lines.push(JSON.parse(text.slice(0, end)) as { level: string; msg: string });
            text = text.slice(end + 1);
            if (lines.at(-1)!.msg === 'listening') resolve();
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${JSON.stringify(lines)}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    }
    const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.msg);
    assert.ok(warnings.includes('TRUST_PROXI is not a setting of the receiver and is ignored: did you mean TRUST_PROXY?'), JSON.stringify(lines));
    assert.ok(warnings.includes('ALLOWED_ORIGIN is not a setting of the receiver and is ignored: did you mean ALLOWED_ORIGINS?'), JSON.stringify(lines));
    assert.equal(warnings.filter((w) => /did you mean/.test(w)).length, 2, 'nothing else of the environment is taken for a setting');
  });
});

describe('a DATA_DIR the receiver cannot use', () => {
  const config = loadConfig({ DATA_DIR: '/var/lib/journal-help-receiver' });
  const failure = (code: string, text: string) => Object.assign(new Error(`${code}: ${text}`), { code, syscall: 'open' });

  it('names the user the receiver runs as and the chown that lets it in, once per code', () => {
    const user = userInfo().username;
    const said = explainStartError(failure('EACCES', "permission denied, open '/var/lib/journal-help-receiver/requests.sqlite'"), config);
    assert.match(said, new RegExp(`runs as user "${user}"`));
    assert.ok(said.includes(`chown -R ${user} "/var/lib/journal-help-receiver"`), said);
    assert.doesNotMatch(said, /EACCES: EACCES/);
  });

  it('says a full disk or a read-only file system is one, rather than asking for rights', () => {
    assert.match(explainStartError(failure('ENOSPC', 'no space left on device'), config), /disk is full/);
    assert.match(explainStartError(failure('EROFS', 'read-only file system'), config), /read-only file system: choose another DATA_DIR/);
    assert.doesNotMatch(explainStartError(failure('EROFS', 'read-only file system'), config), /chown/);
  });
});
