// `npm run bench:receiver`: throughput and latency of the reference receiver on loopback, with
// autocannon. The receiver runs as `npm run receiver` would, in a child process on a free port with
// a temp DATA_DIR and the rate limit lifted; every request carries its own Idempotency-Key, so each
// one is validated, re-encoded and stored for real. Two runs of BENCH_SECONDS (default 10):
// JSON-only submissions, then submissions with one ~1 MB JPEG screenshot. Peak memory is the
// child's VmHWM, reset between runs.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import sharp from 'sharp';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const request = {
  version: 1,
  role: 'parent',
  school: { journalUrl: 'https://kursk1506084570.eljur.ru', name: 'ОКОУ «Курская школа-интернат»', region: 'Курская область' },
  fullName: 'Иванова Мария Петровна',
  childClass: '7А',
  email: 'parent@example.ru',
  description: 'После входа в дневник не видно домашнего задания на неделю, страница пустая. Что делать?',
  consent: { accepted: true, version: '2025-09' },
  context: { pageUrl: 'https://school.example/help', userAgent: 'Mozilla/5.0 (bench)', screen: '1920x1080', lang: 'ru', widgetVersion: '0.1.0' },
};

/** A photo-like JPEG (smooth gradient plus noise) of about 1 MB, made the same on every run. */
async function screenshotOfAboutOneMegabyte() {
  const width = 1600;
  const height = 1000;
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const x = (i / 3) % width;
    pixels[i] = ((x / width) * 200 + (seed >>> 26)) & 0xff;
  }
  for (let quality = 95; quality > 40; quality -= 5) {
    const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
    if (jpeg.length <= 1.1 * 1024 * 1024) return jpeg;
  }
  throw new Error('could not make a 1 MB JPEG');
}

function multipart(screenshots) {
  const boundary = `bench${randomUUID()}`;
  const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="request"\r\n\r\n${JSON.stringify(request)}\r\n`)];
  for (const [i, bytes] of screenshots.entries()) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="screenshot"; filename="screenshot-${i + 1}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function startReceiver(dataDir) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, RATE_LIMIT: '100000000', ADMIN_TOKEN: randomUUID(), FAULTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        // From here on the per-request log lines are read and dropped, so the pipe never blocks.
        child.stdout.off('data', onData).resume();
        resolve({ child, url: `http://127.0.0.1:${JSON.parse(line).port}` });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

const status = (pid) => readFileSync(`/proc/${pid}/status`, 'utf8');
const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);

/** Resets the peak RSS (Linux ≥ 4.0); when that is not allowed the peak is since start. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function run(name, url, pid, { body, contentType }) {
  const reset = resetPeak(pid);
  const result = await autocannon({
    url: `${url}/api/requests`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': contentType },
    body,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }) }],
  });
  return {
    name,
    bodyBytes: body.length,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    stored: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    peakRssMB: Math.round(kb(status(pid), 'VmHWM') / 102.4) / 10,
    peakSince: reset ? 'this run' : 'receiver start',
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'jhw-bench-receiver-'));
const { child, url } = await startReceiver(dataDir);
try {
  const screenshot = await screenshotOfAboutOneMegabyte();
  const idleRssMB = Math.round(kb(status(child.pid), 'VmRSS') / 102.4) / 10;
  const results = [await run('JSON only', url, child.pid, multipart([])), await run(`1 screenshot (${(screenshot.length / 1048576).toFixed(2)} MB JPEG)`, url, child.pid, multipart([screenshot]))];

  const db = new Database(join(dataDir, 'requests.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT COUNT(*) AS n FROM requests').get().n;
  db.close();
  const answered = results.reduce((sum, r) => sum + r.stored, 0);

  console.log(`\nReceiver on ${url}: ${CONNECTIONS} connections, ${SECONDS} s per run, Node ${process.version}, idle RSS ${idleRssMB} MB\n`);
  console.table(
    Object.fromEntries(
      results.map((r) => [
        r.name,
        { 'req/s': r.requestsPerSecond, 'p50 ms': r.latencyP50Ms, 'p99 ms': r.latencyP99Ms, 'stored (201)': r.stored, 'non-2xx': r.non2xx, errors: r.errors, timeouts: r.timeouts, 'peak RSS MB': r.peakRssMB },
      ]),
    ),
  );
  console.log(`Rows in SQLite: ${rows} (201 answers: ${answered}; requests cut off at the end may be stored unanswered). Peak RSS measured over ${results[0].peakSince}.`);
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/receiver.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, connections: CONNECTIONS, seconds: SECONDS, idleRssMB, rows, results }, null, 2)}\n`);
  if (rows < answered || results.some((r) => r.errors || r.non2xx)) process.exitCode = 1;
} finally {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
