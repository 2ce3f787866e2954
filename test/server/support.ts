// Shared by the receiver's tests: a real receiver on a free loopback port with a temp DATA_DIR,
// valid requests per role, real images, and a multipart submit.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { loadConfig } from '../../server/config.js';
import type { Log } from '../../server/log.js';
import { startReceiver, type RunningReceiver } from '../../server/server.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const PAGE_ORIGIN = 'https://school.example';

export interface TestReceiver extends RunningReceiver {
  dataDir: string;
  endpoint: string;
  /** Rows of a table, read through a separate connection as an administrator would. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  attachmentFiles(): string[];
  /** Closes the receiver and removes its data directory. */
  dispose(): Promise<void>;
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'jhw-receiver-'));

export async function startTestReceiver(env: Record<string, string> = {}, options: { dataDir?: string; log?: Log } = {}): Promise<TestReceiver> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN, ALLOWED_ORIGINS: PAGE_ORIGIN, ...env });
  const receiver = await startReceiver(config, options.log);
  return {
    ...receiver,
    dataDir,
    endpoint: `${receiver.url}/api/requests`,
    rows<T>(sql: string, ...params: unknown[]) {
      const db = new Database(join(dataDir, 'requests.sqlite'), { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    attachmentFiles: () => readdirSync(join(dataDir, 'attachments')),
    async dispose() {
      await receiver.close(1000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const school = { journalUrl: 'https://kursk1506084570.eljur.ru', name: 'ОКОУ «Курская школа-интернат»', region: 'Курская область' };
const consent = { accepted: true, version: '2025-09' };
const context = { pageUrl: 'https://school.example/help', userAgent: 'test', screen: '1920x1080', lang: 'ru', widgetVersion: '0.1.0' };

export const validRequests = {
  staff: {
    version: 1,
    role: 'staff',
    school,
    email: 'teacher@school.example',
    description: 'Не сохраняются оценки за контрольную в 7А.',
    consent,
    context,
  },
  parent: {
    version: 1,
    role: 'parent',
    school,
    fullName: 'Иванова Мария Петровна',
    childClass: '7А',
    description: 'Не вижу домашнее задание ребёнка на неделю.',
    consent,
  },
  student: {
    version: 1,
    role: 'student',
    school: { name: school.name, region: school.region },
    fullName: 'Петров Иван',
    childClass: '11Б',
    email: 'ivan@example.ru',
    description: 'Не открывается дневник после входа через Госуслуги.',
    consent,
  },
} as const;

export type Role = keyof typeof validRequests;

export interface Upload {
  bytes: Uint8Array;
  name?: string;
  type?: string;
}

export interface SubmitOptions {
  /** An object is sent as JSON; a string as it is. */
  request?: unknown;
  screenshots?: Upload[];
  key?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a submission the way the form does: multipart with a `request` part and `screenshot` parts. */
export function submit(endpoint: string, { request = validRequests.staff, screenshots = [], key = randomUUID(), headers = {} }: SubmitOptions = {}): Promise<Response> {
  const form = new FormData();
  form.append('request', typeof request === 'string' ? request : JSON.stringify(request));
  for (const [i, s] of screenshots.entries()) {
    form.append('screenshot', new Blob([new Uint8Array(s.bytes)], { type: s.type ?? 'image/png' }), s.name ?? `screenshot-${i + 1}.png`);
  }
  return fetch(endpoint, { method: 'POST', body: form, headers: { ...(key === null ? {} : { 'Idempotency-Key': key }), ...headers } });
}

export const png = (width = 64, height = 48, colour = '#3366cc') =>
  sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();

export const jpeg = (width = 64, height = 48) => sharp({ create: { width, height, channels: 3, background: '#cc6633' } }).jpeg().toBuffer();

/** A JPEG carrying an EXIF APP1 segment with a GPS position, as a phone photo would. */
export const jpegWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#33cc66' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 21/1', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 4/1' } })
    .toBuffer();

/** True when the bytes hold an EXIF APP1 segment (`FF E1`, then `Exif\0\0`). */
export function hasExifSegment(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  for (let i = buffer.indexOf(Buffer.from([0xff, 0xe1])); i !== -1; i = buffer.indexOf(Buffer.from([0xff, 0xe1]), i + 1)) {
    if (buffer.subarray(i + 4, i + 10).equals(Buffer.from('Exif\0\0', 'latin1'))) return true;
  }
  return false;
}

export const json = async (response: Response) => (await response.json()) as Record<string, any>;

export const bearer = (token = ADMIN_TOKEN) => ({ Authorization: `Bearer ${token}` });

/** A multipart body with only the `request` part, as bytes, for tests that send it in pieces. */
export function multipartRequest(request: unknown = validRequests.staff): { body: Buffer; contentType: string } {
  const boundary = `jhw${randomUUID()}`;
  const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="request"\r\n\r\n${JSON.stringify(request)}\r\n--${boundary}--\r\n`);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Starts a POST over raw HTTP with a Content-Length and sends all but the last 10 bytes of its
 * body; `finish()` sends the rest, `req.destroy()` cuts the upload.
 */
export function partialPost(endpoint: string, body: Buffer, headers: Record<string, string | number>) {
  const req = http.request(endpoint, { method: 'POST', headers: { ...headers, 'Content-Length': body.length } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, body.length - 10));
  return { req, response, sent: body.length - 10, finish: () => req.end(body.subarray(body.length - 10)) };
}
