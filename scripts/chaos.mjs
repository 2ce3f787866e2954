// `npm run chaos` (issue 8, item 5): 1,000 help requests sent by the REAL form (the built bundle,
// in headless Chromium) to the REAL receiver behind a proxy that fails 30 % of requests, with
// random page reloads, some in the middle of sending. Prints how many submissions were stored,
// duplicated and lost; exits non-zero unless both of the last two are 0.
//
// Faults, each on 7.5 % of the requests that reach the proxy (preflights included):
//   reset-before  the connection is cut before anything is forwarded;
//   reset-after   the request is forwarded, the receiver's whole answer read (it has committed),
//                 then the visitor's connection is cut: the answer is lost on the way back;
//   503           the proxy answers 503 itself (with CORS headers, so the form sees the status);
//   stall         nothing for 10 s, then forwarded anyway, even if the visitor gave up by then
//                 (a request stuck in a queue): the form's timeout is 8 s, so a stall is also a
//                 timeout followed by a retry that races the original.
//
// What the figures mean. A submission is one request a visitor means to send, tagged with a
// unique marker in its description; rows are counted by marker in the receiver's database.
//   stored       at least one row.
//   duplicated   more than one row for one submission.
//   lost         no row, and either the visitor was told it succeeded, or it failed without the
//                visitor being told and the draft was not kept.
// A reload in the middle of sending tells the visitor nothing. If the draft is back after the
// reload (text and, the form persists it, the Idempotency-Key), the visitor re-ticks consent,
// re-attaches the screenshot (attachments are never kept) and sends again: the same key makes the
// receiver replay the first 201 if the first attempt had committed, so no duplicate. If the draft
// is not back, the submission counts as lost when no row exists, and as "stored, unconfirmed"
// (the school has it; the visitor was not told) when one does. When the 201 arrives after
// `location.reload()` was called but before the old document is gone, the form keeps the request's
// number in sessionStorage as it wipes the draft, so the reloaded page shows the success: counted
// as told ("success after a reload"). A failure the form reports (the alert with "Retry") keeps the
// draft: the visitor presses "Retry" (same key), up to RETRIES times.
//
// Environment: SUBMISSIONS (1000), PAGES (8 parallel tabs), FAULT_RATE (0.3), RELOAD_RATE (0.1
// between submissions), MID_SEND_RELOAD_RATE (0.2), SCREENSHOT_RATE (0.25), DEADLINE_MINUTES (25),
// CHROME_PATH.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import { chromiumLaunchOptions } from './browsers.mjs';

const SUBMISSIONS = Number(process.env.SUBMISSIONS ?? 1000);
const PAGES = Number(process.env.PAGES ?? 8);
const FAULT_RATE = Number(process.env.FAULT_RATE ?? 0.3);
const RELOAD_RATE = Number(process.env.RELOAD_RATE ?? 0.1);
const MID_SEND_RELOAD_RATE = Number(process.env.MID_SEND_RELOAD_RATE ?? 0.2);
const SCREENSHOT_RATE = Number(process.env.SCREENSHOT_RATE ?? 0.25);
const DEADLINE = Date.now() + Number(process.env.DEADLINE_MINUTES ?? 25) * 60_000;
const STALL_MS = 10_000;
const FORM_TIMEOUT_S = 8;
/** Presses of "Retry" after the form reports a failure, per submission. */
const RETRIES = 8;
/** How long one send may take before the driver stops waiting (the form's own budget is ~20 s per run). */
const SEND_WAIT_MS = 60_000;
const BUNDLE = 'dist/journal-help-widgets.iife.js';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.log(`[chaos ${elapsed()}]`, ...args);

// ---------------------------------------------------------------------------------------------
// The receiver, as deployed: its own process, configured by environment variables.

const dataDir = mkdtempSync(join(tmpdir(), 'jhw-chaos-'));
const screenshotPath = join(dataDir, 'journal-page.png');
writeFileSync(
  screenshotPath,
  await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="480" height="270"><rect width="480" height="270" fill="#f4f6f9"/><rect width="480" height="30" fill="#1f5fbf"/><text x="24" y="140" font-size="28">Ошибка: оценки не сохранились</text></svg>'))
    .png()
    .toBuffer(),
);

/** Read once: another `npm run build` in the same tree empties dist/ for a while. */
async function readBundle() {
  for (let i = 0; i < 360; i++) {
    try {
      const bytes = readFileSync(BUNDLE);
      if (bytes.length) return bytes;
    } catch {
      // Being built.
    }
    await sleep(500);
  }
  throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
}
const bundle = await readBundle();
const pageServer = http.createServer();
await new Promise((done) => pageServer.listen(0, '127.0.0.1', done));
const pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;

function startReceiver() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'receiver'), ALLOWED_ORIGINS: pageOrigin, RATE_LIMIT: '1000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the receiver did not start within 60 s')), 60_000);
    child.on('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      for (const line of buffer.split('\n').slice(0, -1)) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening') {
            clearTimeout(timer);
            resolve({ child, url: entry.url });
          }
        } catch {
          // Not a log line.
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
  });
}
const receiver = await startReceiver();
const upstream = new URL(receiver.url);
log(`receiver ${receiver.url}, data in ${dataDir}`);

// ---------------------------------------------------------------------------------------------
// The fault-injecting proxy.

const faults = { pass: 0, 'reset-before': 0, 'reset-after': 0, 503: 0, stall: 0 };

function pickFault() {
  const r = Math.random();
  if (r >= FAULT_RATE) return 'pass';
  return ['reset-before', 'reset-after', 503, 'stall'][Math.floor((r / FAULT_RATE) * 4)];
}

function forward(req, body) {
  return new Promise((resolve, reject) => {
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

const proxy = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const fault = pickFault();
  faults[fault]++;
  try {
    if (fault === 'reset-before') return req.socket.destroy();
    if (fault === 503) {
      res.writeHead(503, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': req.headers.origin ?? '*', Vary: 'Origin' });
      return res.end('{"error":"unavailable"}');
    }
    if (fault === 'stall') await sleep(STALL_MS);
    const answer = await forward(req, body);
    if (fault === 'reset-after') return req.socket.destroy();
    if (res.destroyed || req.socket.destroyed) return;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  } catch (error) {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(502);
      res.end(String(error));
    }
  }
});
await new Promise((done) => proxy.listen(0, '127.0.0.1', done));
const endpoint = `http://127.0.0.1:${proxy.address().port}/api/requests`;

// ---------------------------------------------------------------------------------------------
// The school's page: the built bundle and one form, exactly as a webmaster embeds it.

const html = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Chaos</title>
<script src="/bundle.js" defer></script></head>
<body><help-request-form endpoint="${endpoint}" requester="parent" timeout="${FORM_TIMEOUT_S}" screenshot-optional
  school-name="ОКОУ «Курская школа-интернат»" region="Курская область" journal-url="https://kursk1506084570.eljur.ru"
  consent-url="/consent.html" privacy-policy-url="/privacy.html" consent-version="2025-09-01"></help-request-form></body></html>`;

pageServer.on('request', (req, res) => {
  if (req.url === '/bundle.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    return res.end(bundle);
  }
  if (req.url === '/' || req.url.startsWith('/?')) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(html);
  }
  res.writeHead(404);
  res.end();
});

// ---------------------------------------------------------------------------------------------
// Visitors.

/** Per submission: what the visitor was told and whether the draft survived. */
const outcomes = new Map();
let next = 0;
let finished = 0;

const launch = chromiumLaunchOptions();
const browser = await puppeteer.launch({
  ...launch,
  // Eight tabs at once: background tabs must not have their timers throttled.
  args: [...launch.args, '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
});

// Runs in the page: the form's state as a visitor sees it.
function readState() {
  const root = document.querySelector('help-request-form')?.shadowRoot;
  if (!root?.querySelector('form, [part~=result]')) return { state: 'loading' };
  const result = root.querySelector('[part~=result]');
  if (result) return { state: 'success', text: result.textContent.replace(/\s+/g, ' ').trim() };
  const alert = root.querySelector('[part~=alert]');
  if (alert) return { state: 'failed', text: alert.textContent.replace(/\s+/g, ' ').trim(), retry: !!alert.querySelector('button') };
  const errors = [...root.querySelectorAll('[part~=error]')].map((e) => e.textContent.trim());
  const description = root.querySelector('textarea[name=description]')?.value ?? '';
  return { state: 'form', errors, description, status: root.querySelector('[part~=status]')?.textContent.trim() ?? '' };
}

// Runs in the page: types into the form as a visitor would (value + input event), ticks consent.
function fill(values) {
  const root = document.querySelector('help-request-form').shadowRoot;
  for (const [name, value] of Object.entries(values)) {
    const el = root.querySelector(`[name=${name}]`);
    if (!el) throw new Error(`no field ${name}`);
    el.focus();
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    el.blur();
  }
}

function tickConsent() {
  const box = document.querySelector('help-request-form').shadowRoot.querySelector('input[name=consent]');
  if (!box.checked) box.click();
}

async function openForm(page) {
  for (let i = 0; ; i++) {
    try {
      await page.goto(`${pageOrigin}/`, { waitUntil: 'load', timeout: 30_000 });
      await page.waitForFunction(() => !!document.querySelector('help-request-form')?.shadowRoot?.querySelector('form, [part~=result]'), { timeout: 30_000 });
      // The last request's number may still be showing (this tab's session): start a new one.
      await page.evaluate(() => document.querySelector('help-request-form').shadowRoot.querySelector('[part~=result] button')?.click());
      await page.waitForFunction(() => !!document.querySelector('help-request-form')?.shadowRoot?.querySelector('form'), { timeout: 30_000 });
      return;
    } catch (error) {
      if (i >= 3) throw error;
    }
  }
}

async function attach(page) {
  const picker = await page.waitForSelector('help-request-form >>> input[type=file]');
  await picker.uploadFile(screenshotPath);
  await page.waitForFunction(() => !!document.querySelector('help-request-form').shadowRoot.querySelector('[part~=screenshot] img'), { timeout: 30_000 });
}

async function clickSubmit(page) {
  await page.evaluate(() => document.querySelector('help-request-form').shadowRoot.querySelector('[part~=submit]').click());
}

/** Reloads unless the success message is already showing, in one turn of the page's event loop. */
function reloadUnlessDone() {
  const root = document.querySelector('help-request-form')?.shadowRoot;
  if (root?.querySelector('[part~=result]')) return false;
  const seen = { storage: sessionStorage.length, status: root?.querySelector('[part~=status]')?.textContent.trim(), description: root?.querySelector('textarea')?.value.slice(0, 20) };
  location.reload();
  return seen;
}

async function visitor(index) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.dismiss());
  await openForm(page);
  while (Date.now() < DEADLINE) {
    const n = next++;
    if (n >= SUBMISSIONS) break;
    const marker = `CHAOS-${n}-${randomUUID().slice(0, 8)}`;
    const outcome = { marker, told: 'nothing', reloadsMidSend: 0, retries: 0, draftLost: false, screenshot: Math.random() < SCREENSHOT_RATE, errors: [] };
    outcomes.set(marker, outcome);

    if (Math.random() < RELOAD_RATE) await openForm(page);
    await page.evaluate(fill, {
      fullName: `Родитель Хаос ${n}`,
      childClass: `${1 + (n % 11)}А`,
      description: `Не сохраняются оценки в дневнике, проверка ${marker}.`,
    });
    await page.evaluate(tickConsent);
    if (outcome.screenshot) await attach(page);
    await clickSubmit(page);

    const reloadAt = Math.random() < MID_SEND_RELOAD_RATE ? Math.random() * 800 : Infinity;
    let sentAt = Date.now();
    let reloaded = false;
    for (;;) {
      await sleep(150);
      const state = await page.evaluate(readState).catch(() => ({ state: 'loading' }));
      if (state.state === 'success') {
        outcome.told = 'success';
        outcome.id = /№\s*(\S+)/.exec(state.text)?.[1];
        await page.evaluate(() => document.querySelector('help-request-form').shadowRoot.querySelector('[part~=result] button').click());
        break;
      }
      if (state.state === 'failed') {
        outcome.errors.push(state.text);
        if (!state.retry || outcome.retries >= RETRIES) {
          outcome.told = 'failure';
          // A failure the visitor cannot retry would be a finding: it is printed below.
          await openForm(page);
          break;
        }
        outcome.retries++;
        await page.evaluate(() => [...document.querySelector('help-request-form').shadowRoot.querySelectorAll('[part~=alert] button')].at(-1).click());
        sentAt = Date.now();
        continue;
      }
      if (state.state === 'form' && state.errors.length && Date.now() - sentAt > 3000) {
        // The form refused to send (or the receiver answered 400): a driver or product bug, reported below.
        outcome.errors.push(`field errors: ${state.errors.join(' | ')}`);
        outcome.told = 'invalid';
        await openForm(page);
        break;
      }
      if (!reloaded && Date.now() - sentAt >= reloadAt) {
        reloaded = await page.evaluate(reloadUnlessDone).catch(() => false);
        if (!reloaded) continue;
        outcome.reloadsMidSend++;
        outcome.beforeReload = reloaded;
        await page.waitForNavigation({ waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
        await page.waitForFunction(() => !!document.querySelector('help-request-form')?.shadowRoot?.querySelector('form, [part~=result]'), { timeout: 30_000 });
        const after = await page.evaluate(readState);
        if (after.state === 'success') {
          // The 201 came with the reload: the reloaded page shows the number.
          outcome.told = 'success';
          outcome.toldAfterReload = true;
          outcome.id = /№\s*(\S+)/.exec(after.text)?.[1];
          await page.evaluate(() => document.querySelector('help-request-form').shadowRoot.querySelector('[part~=result] button').click());
          break;
        }
        if (!after.description?.includes(marker)) {
          // Nothing told, nothing kept: counted as lost unless a row exists.
          outcome.draftLost = true;
          outcome.afterReload = { ...after, storage: await page.evaluate(() => JSON.stringify(sessionStorage)) };
          break;
        }
        // The draft is back: the visitor ticks consent again, re-attaches the screenshot, sends.
        await page.evaluate(tickConsent);
        if (outcome.screenshot) await attach(page);
        await clickSubmit(page);
        sentAt = Date.now();
        continue;
      }
      if (Date.now() - sentAt > SEND_WAIT_MS) {
        outcome.errors.push(`no answer shown after ${SEND_WAIT_MS / 1000} s: ${JSON.stringify(state)}`);
        outcome.told = 'nothing';
        await openForm(page);
        break;
      }
    }
    finished++;
    if (finished % 50 === 0 || finished === SUBMISSIONS) log(`${finished}/${SUBMISSIONS} submissions done (tab ${index}); proxy: ${JSON.stringify(faults)}`);
  }
  await context.close();
}

let exitCode = 0;
try {
  log(`${SUBMISSIONS} submissions from ${PAGES} tabs through ${endpoint} (faults on ${FAULT_RATE * 100} % of requests)`);
  await Promise.all(Array.from({ length: PAGES }, (_, i) => visitor(i)));
  // Stalled requests still in the proxy may yet reach the receiver: let them land before counting.
  await sleep(STALL_MS + 2000);
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  await browser.close().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// Counting.

const db = new Database(join(dataDir, 'receiver', 'requests.sqlite'), { readonly: true });
const rows = new Map();
for (const { request } of db.prepare('SELECT request FROM requests').all()) {
  const marker = /CHAOS-\d+-[0-9a-f]{8}/.exec(JSON.parse(request).description)?.[0];
  if (marker) rows.set(marker, (rows.get(marker) ?? 0) + 1);
}
db.close();

const tally = { submissions: outcomes.size, stored: 0, duplicated: 0, lost: 0, unconfirmed: 0, keptUnsent: 0 };
const problems = [];
for (const o of outcomes.values()) {
  const count = rows.get(o.marker) ?? 0;
  if (count >= 1) tally.stored++;
  if (count > 1) {
    tally.duplicated++;
    problems.push(`duplicated ×${count}: ${JSON.stringify(o)}`);
  }
  if (count === 0 && (o.told === 'success' || (o.told === 'nothing' && o.draftLost))) {
    tally.lost++;
    problems.push(`lost: ${JSON.stringify(o)}`);
  }
  if (count >= 1 && o.told !== 'success') {
    tally.unconfirmed++;
    problems.push(`(not a loss) stored, not confirmed: ${JSON.stringify(o)}`);
  }
  if (count === 0 && o.told === 'failure') tally.keptUnsent++;
  if (count === 0 && o.told === 'nothing' && !o.draftLost) problems.push(`unfinished: ${JSON.stringify(o)}`);
  if (o.told === 'invalid') problems.push(`refused as invalid: ${JSON.stringify(o)}`);
}
const midSend = [...outcomes.values()].filter((o) => o.reloadsMidSend > 0).length;
const retried = [...outcomes.values()].filter((o) => o.retries > 0).length;
const toldAfterReload = [...outcomes.values()].filter((o) => o.toldAfterReload).length;

console.log('\nChaos run');
console.log(`  submissions        ${tally.submissions} of ${SUBMISSIONS} (${PAGES} tabs, ${elapsed()})`);
console.log(`  proxy              ${Object.values(faults).reduce((a, b) => a + b, 0)} requests: ${Object.entries(faults).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`  reloads mid-send   ${midSend} submissions; "Retry" pressed for ${retried}`);
console.log(`  stored             ${tally.stored}`);
console.log(`    of which told after a reload ${toldAfterReload} (the 201 arrived while the page was reloading; the reloaded form showed the number)`);
console.log(`    of which unconfirmed ${tally.unconfirmed} (stored, but the visitor was not told)`);
console.log(`  failed, told, kept ${tally.keptUnsent}`);
console.log(`  duplicated         ${tally.duplicated}`);
console.log(`  lost               ${tally.lost}`);
for (const p of problems.slice(0, 20)) console.log(`  ! ${p}`);

receiver.child.kill('SIGTERM');
proxy.closeAllConnections();
proxy.close();
pageServer.closeAllConnections();
pageServer.close();
rmSync(dataDir, { recursive: true, force: true });

const complete = tally.submissions === SUBMISSIONS && problems.every((p) => !/^(unfinished|refused)/.test(p));
if (!complete) console.log('  (incomplete: not every submission finished before the deadline)');
process.exit(exitCode || (tally.duplicated === 0 && tally.lost === 0 && complete ? 0 : 1));
