// From the browser to the database: the built bundle on a page served like the demo, a visitor
// who fills <help-request-form> by its accessible names and attaches a screenshot, and the real
// receiver storing the row and the re-encoded file in SQLite. `npm test` builds dist/ first.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../../scripts/browsers.mjs';
import sharp from 'sharp';
import { ru } from '../../src/i18n/ru.js';
import { hasExifSegment, jpegWithGps, startTestReceiver, type TestReceiver } from '../server/support.js';

const BUNDLE = 'dist/journal-help-widgets.iife.js';

/** An accessible-name query that pierces shadow roots, from the Russian message table the form shows. */
const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

const SCHOOL = { name: 'ОКОУ «Курская школа-интернат»', region: 'Курская область', journalUrl: 'https://kursk1506084570.eljur.ru' };

function page(endpoint: string): string {
  // The embed a webmaster pastes (SPEC section 3), with the classic script for site builders.
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><title>Школа — помощь с журналом</title>
<script src="/${BUNDLE}" defer></script></head>
<body>
<main>
<h1>Помощь с электронным журналом</h1>
<help-request-form
  endpoint="${endpoint}"
  school-name="${SCHOOL.name.replace(/"/g, '&quot;')}"
  region="${SCHOOL.region}"
  journal-url="${SCHOOL.journalUrl}"
  privacy-policy-url="https://school.example/privacy"
  consent-url="https://school.example/consent"
  consent-version="2025-09"></help-request-form>
</main>
</body>
</html>`;
}

/** The demo's static server, reduced to the page and the bundle. */
async function servePage(html: () => string): Promise<{ server: Server; origin: string }> {
  const bundle = readFileSync(BUNDLE);
  const server = createServer((req, res) => {
    if (req.url === `/${BUNDLE}`) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Waits for an element inside the form's shadow root. Polled: puppeteer's waitForSelector watches
 * the document's mutations, and changes inside a shadow root do not wake it.
 */
async function inForm(tab: Page, selector: string, timeout = 30_000) {
  const handle = await tab.waitForFunction((s) => document.querySelector('help-request-form')?.shadowRoot?.querySelector(s), { polling: 100, timeout }, selector);
  return handle.asElement() as ElementHandle<Element>;
}

/**
 * What a parent does: choose who they are, type what only they know, attach, consent, send. `offline`:
 * the phone loses its connection just before sending and finds it again once the form has said so.
 */
async function fillAndSend(tab: Page, screenshot: string, offline = false): Promise<string> {
  await tab.locator(aria('radio', ru['form.parent'])).click();
  await tab.locator(aria('textbox', ru['form.fullName'])).fill('Иванова Мария Петровна');
  await tab.locator(aria('textbox', ru['form.childClass'])).fill('7А');
  await tab.locator(aria('textbox', ru['form.email'])).fill('parent@example.ru');
  await tab.locator(aria('textbox', ru['form.description'])).fill('После входа в дневник не видно домашнего задания на неделю.');
  await ((await inForm(tab, 'input[type="file"]')) as ElementHandle<HTMLInputElement>).uploadFile(screenshot);
  await inForm(tab, '[part~="screenshot"]');
  await tab.locator(aria('checkbox', ru['form.consent'])).click();
  if (offline) await tab.setOfflineMode(true);
  await tab.locator(aria('button', ru['form.submit'])).click();
  if (offline) {
    const alert = await (await inForm(tab, '[part~="alert"]')).evaluate((el) => el.textContent!.replace(/\s+/g, ' '));
    assert.ok(alert.includes(ru['form.failed.network']) && alert.includes(ru['form.keptOffline']), alert);
    await tab.setOfflineMode(false);
  }
  const result = await inForm(tab, '[part~="result"]');
  const text = await result.evaluate((el) => el.textContent ?? '');
  const [prefix = '', suffix = ''] = ru['form.done'].split('{id}').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const id = new RegExp(`${prefix}(\\S+)${suffix}`).exec(text.replace(/\s+/g, ' '))?.[1];
  assert.ok(id, `the request number is shown: ${text}`);
  return id;
}

describe('from the form in Chromium to the SQLite database', { timeout: 120_000 }, () => {
  let browser: Browser;
  let work: string;
  let screenshot: string;

  before(async () => {
    assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build first`);
    work = mkdtempSync(join(tmpdir(), 'jhw-e2e-'));
    // A phone photo with a GPS position: neither the browser nor the receiver may keep it.
    screenshot = join(work, 'IMG_2024.jpg');
    writeFileSync(screenshot, await jpegWithGps());
    browser = await puppeteer.launch(chromiumLaunchOptions());
  });
  after(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function scenario(env: Record<string, string>, check: (receiver: TestReceiver, id: string, posts: number[]) => Promise<void>, offline = false) {
    let endpoint = '';
    const site = await servePage(() => page(endpoint));
    const posts: number[] = [];
    const receiver = await startTestReceiver(
      { ALLOWED_ORIGINS: site.origin, ...env },
      { log: (_level, msg, fields) => msg === 'request' && fields?.method === 'POST' && posts.push(Number(fields.status)) },
    );
    endpoint = receiver.endpoint;
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(String(error)));
    try {
      await tab.goto(`${site.origin}/`, { waitUntil: 'load' });
      await tab.waitForFunction(() => customElements.get('help-request-form') !== undefined);
      const id = await fillAndSend(tab, screenshot, offline);
      await check(receiver, id, posts);
      assert.deepEqual(problems, [], 'no script errors on the page');
    } finally {
      await tab.close();
      await receiver.dispose();
      const closed = new Promise((resolve) => site.server.close(resolve));
      // Chromium keeps its sockets to the page open; nothing is in flight any more.
      site.server.closeAllConnections();
      await closed;
    }
  }

  it('stores the visitor’s request and the re-encoded screenshot', async () => {
    await scenario({}, async (receiver, id, posts) => {
      assert.deepEqual(posts, [201]);
      const [row] = receiver.rows<{ role: string; request: string; consent_version: string; idempotency_key: string }>('SELECT * FROM requests WHERE number = ?', id);
      assert.ok(row, `row ${id} is in the database`);
      assert.equal(row.role, 'parent');
      assert.equal(row.consent_version, '2025-09');
      const request = JSON.parse(row.request);
      assert.equal(request.fullName, 'Иванова Мария Петровна');
      assert.equal(request.childClass, '7А');
      assert.deepEqual(request.school, SCHOOL);
      assert.match(row.idempotency_key, /^[0-9a-f-]{36}$/);

      const files = receiver.rows<{ file: string; type: string }>('SELECT a.file, a.type FROM attachments a JOIN requests r ON r.seq = a.request_seq WHERE r.number = ?', id);
      assert.equal(files.length, 1);
      const stored = readFileSync(join(receiver.dataDir, 'attachments', files[0]!.file));
      assert.ok(!files[0]!.file.includes('IMG_2024'), 'a generated file name');
      assert.equal(`image/${(await sharp(stored).metadata()).format}`, files[0]!.type);
      assert.ok(!hasExifSegment(stored), 'no EXIF in the stored file');
    });
  });

  it('stores exactly one row when the receiver fails the first two attempts', async () => {
    // The answers are lost after the row is committed: only the Idempotency-Key keeps the retries from storing copies.
    await scenario({ FAULTS: 'fail-after-commit:2' }, async (receiver, id, posts) => {
      assert.deepEqual(posts, [503, 503, 201], 'two failed attempts, then the retry succeeded');
      const rows = receiver.rows<{ number: string }>('SELECT number FROM requests');
      assert.deepEqual(
        rows.map((r) => r.number),
        [id],
      );
      assert.equal(receiver.attachmentFiles().length, 1);
    });
  });

  it('sends by itself, once, when a phone that lost its connection finds it again', async () => {
    await scenario(
      {},
      async (receiver, id, posts) => {
        assert.deepEqual(posts, [201], 'nothing reached the receiver while offline, then one request');
        assert.deepEqual(receiver.rows<{ number: string }>('SELECT number FROM requests').map((r) => r.number), [id]);
      },
      true,
    );
  });
});
