// Shared by the hardening end-to-end tests (csp, privacy): the demo school page served exactly as
// a webmaster would serve it (the built bundle, the demo's files), the real receiver beside it on
// another origin, and headless Chromium driven by puppeteer-core.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { after, before } from 'node:test';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../../scripts/browsers.mjs';
import sharp from 'sharp';
import { format } from '../../src/i18n/format.js';
import type { MessageKey } from '../../src/i18n/localize.js';
import { ru } from '../../src/i18n/ru.js';
import { startTestReceiver, type TestReceiver } from '../server/support.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const BUNDLE = join(ROOT, 'dist/journal-help-widgets.iife.js');

/** Russian text of a message, as a visitor reads it on the demo page (lang="ru"). */
export const t = (key: MessageKey, params?: Record<string, string | number>) => format(ru[key], 'ru', params);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The built bundle, read once: another `npm run build` in the same tree empties dist/ for a few
 * seconds, so the file is waited for (up to three minutes) and then served from memory.
 */
export async function readBundle(): Promise<Buffer> {
  for (let i = 0; i < 360; i++) {
    try {
      const bytes = readFileSync(BUNDLE);
      if (bytes.length > 0) return bytes;
    } catch {
      // Not there (yet): building.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
}

export interface Demo {
  /** The page's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  receiver: TestReceiver;
  /** Every path the static server was asked for, in order. */
  served: string[];
  close(): Promise<void>;
}

/**
 * Serves `demo/` and `dist/` like a school's web server, with `headers(receiverOrigin)` on every
 * answer (e.g. a Content-Security-Policy), and starts the real receiver that allows this origin.
 * `/profile.json` points the form at that receiver, as `npm start` does.
 */
export async function startDemo(headers: (receiverOrigin: string) => Record<string, string> = () => ({})): Promise<Demo> {
  const bundle = await readBundle();
  const served: string[] = [];
  let receiverOrigin = '';
  let endpoint = '';
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    served.push(path);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers(receiverOrigin) });
      res.end(body);
    };
    if (path === '/profile.json') {
      const profile = JSON.parse(readFileSync(join(ROOT, 'demo/profile.json'), 'utf8'));
      return send(200, TYPES['.json']!, JSON.stringify({ ...profile, endpoint }));
    }
    if (path === '/specialists.json') {
      // The demo's school lists no e-mail or phone; the test fixture's specialists are added so
      // that every kind of channel (and its "copy" button) is on the page.
      const own = join(ROOT, 'demo/specialists.json');
      const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/specialists/valid.json'), 'utf8'));
      const list = existsSync(own) ? JSON.parse(readFileSync(own, 'utf8')) : { ...fixture, specialists: [] };
      list.specialists.push(...fixture.specialists.map((s: { id: string }) => ({ ...s, id: `fixture-${s.id}` })));
      return send(200, TYPES['.json']!, JSON.stringify(list));
    }
    if (path === '/dist/journal-help-widgets.iife.js') return send(200, TYPES['.js']!, bundle);
    const file = path === '/' ? join(ROOT, 'demo/index.html') : path.startsWith('/dist/') ? join(ROOT, normalize(path)) : join(ROOT, 'demo', normalize(path));
    if (!file.startsWith(ROOT) || !existsSync(file)) return send(404, 'text/plain', 'not found');
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const receiver = await startTestReceiver({ ALLOWED_ORIGINS: origin, RATE_LIMIT: '10000' });
  receiverOrigin = new URL(receiver.url).origin;
  endpoint = receiver.endpoint;
  return {
    origin,
    receiver,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await receiver.dispose();
    },
  };
}

export function launch(): Promise<Browser> {
  return puppeteer.launch(chromiumLaunchOptions());
}

/** A small PNG with something drawn on it, written to a temp file for the file picker. */
export async function screenshotFile(): Promise<{ path: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'jhw-shot-'));
  const path = join(dir, 'журнал.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="#eef"/><text x="20" y="100" font-size="24">Ошибка 500</text></svg>`;
  writeFileSync(path, await sharp(Buffer.from(svg)).png().toBuffer());
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a parent types: personal data a privacy test looks for afterwards. */
export const VISITOR = {
  fullName: 'Тестова Приватна Ивановна',
  childClass: '7А',
  email: 'privacy.probe.7f3a@example.ru',
  description: 'Не открывается дневник сына, маркер приватности Q7F3A-ZX9.',
};

const deep = (host: string, selector: string) => `${host} >>> ${selector}`;

/**
 * Waits until an element inside `host`'s shadow root (nested roots too) matching `selector` holds
 * `text`. Functions run in the page have no named inner functions: tsx wraps those in a helper
 * that exists only in Node.
 */
export async function waitForText(page: Page, host: string, selector: string, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (h, s, x) => {
      const roots: (ShadowRoot | null | undefined)[] = [document.querySelector(h)?.shadowRoot];
      while (roots.length) {
        const root = roots.pop();
        if (!root) continue;
        if ([...root.querySelectorAll(s)].some((el) => el.textContent?.includes(x))) return true;
        roots.push(...[...root.querySelectorAll('*')].map((el) => el.shadowRoot));
      }
      return false;
    },
    { timeout },
    host,
    selector,
    text,
  );
}

/**
 * Fills the form as a parent with a screenshot and sends it, through the UI (real clicks and
 * keystrokes); resolves with the request number the page shows.
 */
export async function sendHelpRequest(page: Page, screenshot: string): Promise<string> {
  const form = 'help-request-form';
  await page.waitForSelector(deep(form, 'form'));
  await page.locator(deep(form, 'input[type=radio][value=parent]')).click();
  await page.locator(deep(form, 'input[name=fullName]')).fill(VISITOR.fullName);
  await page.locator(deep(form, 'input[name=childClass]')).fill(VISITOR.childClass);
  await page.locator(deep(form, 'input[name=email]')).fill(VISITOR.email);
  await page.locator(deep(form, 'textarea[name=description]')).fill(VISITOR.description);
  const picker = (await page.waitForSelector(deep(form, 'input[type=file]'))) as ElementHandle<HTMLInputElement>;
  await picker.uploadFile(screenshot);
  await page.waitForFunction(() => document.querySelector('help-request-form')!.shadowRoot!.querySelector('[part~=screenshot] img[src^="blob:"]'), { timeout: 30_000 });
  await page.locator(deep(form, 'input[name=consent]')).click();
  await page.locator(deep(form, '[part~=submit]')).click();
  await waitForText(page, form, '[part~=result]', t('form.done', { id: '' }).split('№')[0]!.trim(), 30_000);
  const text = await page.$eval(deep(form, '[part~=result] .title'), (el) => el.textContent ?? '');
  const id = /№\s*(\S+)/.exec(text)?.[1];
  if (!id) throw new Error(`no request number in «${text}»`);
  return id;
}

/** What each element shows, for a failure message: its shadow root's text and the focused element. */
export function snapshot(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines: string[] = [];
    for (const name of ['specialist-directory', 'help-request-form', 'regulation-viewer']) {
      const root = document.querySelector(name)?.shadowRoot;
      const text = (root?.textContent ?? '(no shadow root)').replace(/\s+/g, ' ');
      lines.push(`<${name}>: ${text.length > 1000 ? `${text.slice(0, 500)} … ${text.slice(-500)}` : text}`);
    }
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    lines.push(`focus: ${active?.outerHTML.slice(0, 200) ?? 'none'}; url: ${location.href}`);
    return lines.join('\n');
  });
}

/** Runs named steps; a failing one says which, and what the page showed then. */
export const stepper =
  (page: Page) =>
  async (name: string, body: () => Promise<unknown>): Promise<void> => {
    try {
      await body();
    } catch (error) {
      const seen = await snapshot(page).catch((e: Error) => `(no snapshot: ${e.message})`);
      throw new Error(`step «${name}» failed: ${(error as Error).message}\n${seen}`, { cause: error });
    }
  };

/**
 * A suite's demo (served with `headers`), browser and screenshot file: started before its tests,
 * closed after them. Read the fields inside the tests, once `before` has run.
 */
export function demoSuite(headers?: Parameters<typeof startDemo>[0]) {
  const suite = {} as { demo: Demo; browser: Browser; shot: Awaited<ReturnType<typeof screenshotFile>> };
  before(async () => {
    suite.demo = await startDemo(headers);
    suite.browser = await launch();
    suite.shot = await screenshotFile();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.demo?.close();
    suite.shot?.dispose();
  });
  return suite;
}
