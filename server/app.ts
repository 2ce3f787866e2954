import { accessSync, constants, statfsSync } from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { mountAdmin } from './admin.js';
import type { BodyBudget } from './body-budget.js';
import type { Config } from './config.js';
import type { Store } from './db.js';
import { problem } from './http.js';
import { silentLog, type Log } from './log.js';
import { mountSubmit } from './submit.js';
import { SlidingWindowLimiter, clientOf } from './rate-limit.js';
import { makeAttachmentsDir } from './storage.js';

/** Wrong administrator tokens one address may send in 10 minutes; the administrator's own typos fit. */
export const ADMIN_GUESSES = 20;

export interface AppOptions {
  config: Config;
  store: Store;
  attachmentsDir: string;
  addressKey: Buffer;
  /** Memory for request bodies, shared by everything the process receives. */
  bodyBudget: BodyBudget;
  /** The TCP peer's address; the runtime adapter knows it, the web-standard Request does not. */
  peerAddress: (c: Context) => string;
  /** Cuts the request's connection without an answer (a body that stopped arriving). */
  dropConnection: (c: Context) => void;
  log?: Log;
}

/** Whether the receiver can write into `dir`; a folder deleted since the start is made again. */
function writable(dir: string): boolean {
  try {
    makeAttachmentsDir(dir);
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the disk of `dir` has room for one largest request (`MAX_TOTAL_BYTES`). A full disk leaves
 * the folder writable, so only its free space tells a monitor that every submission now fails.
 */
function roomFor(dir: string, bytes: number): boolean {
  try {
    const { bavail, bsize } = statfsSync(dir);
    return bavail * bsize >= bytes;
  } catch {
    return false;
  }
}

/**
 * The receiver as a Hono app: web-standard Request in, Response out, so the same routes could run
 * on another runtime given a store and a peer address.
 */
export function createApp(options: AppOptions): Hono {
  const { config, log = silentLog } = options;
  const app = new Hono();

  // One line per request, without the query, the body or the client's address.
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    // Every answer, not only the screenshots: no browser guesses a JSON or CSV answer into HTML.
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    log('info', 'request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - start) * 10) / 10 });
  });

  const allowed = new Set(config.allowedOrigins);
  const withCors = cors({
    origin: (origin) => origin,
    allowMethods: ['POST', 'GET', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  // Hono's cors() always sends some Access-Control-* headers; a refused origin must get none at all.
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && allowed.has(origin)) return withCors(c, next);
    // On c.res, so that it survives a response thrown by a middleware (401 from bearerAuth).
    c.res.headers.set('Vary', 'Origin');
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    await next();
  });

  // A monitor must see what makes requests fail: the database, a screenshot folder that cannot be written, a full disk.
  app.get('/healthz', (c) => {
    const database = options.store.ping() ? 'ok' : 'failing';
    const attachments = writable(options.attachmentsDir) ? 'ok' : 'unwritable';
    const full = !roomFor(options.attachmentsDir, config.maxTotalBytes);
    const ok = database === 'ok' && attachments === 'ok' && !full;
    // `disk` only when it is full: the answer of a healthy disk stays what monitors already parse.
    return c.json(ok ? { status: 'ok' } : { status: 'degraded', database, attachments, ...(full ? { disk: 'full' } : {}) }, ok ? 200 : 503);
  });

  mountSubmit(app, { ...options, log });
  if (config.adminToken) {
    // Wrong tokens are counted per address: without a limit a token could be tried 1,000 times a second.
    const guesses = new SlidingWindowLimiter(ADMIN_GUESSES, 10 * 60_000);
    app.use('/api/*', async (c, next) => {
      if (c.req.method === 'POST' || c.req.method === 'OPTIONS') return next();
      const who = clientOf(c, config.trustProxy, options.peerAddress);
      const wait = guesses.wait(who);
      if (wait) {
        c.header('Retry-After', String(wait));
        // Not the visitors' rate-limited: it says what was counted, and that a restart lifts it.
        return problem(c, 429, 'admin-locked', { minutes: Math.ceil(wait / 60) });
      }
      await next();
      // Only a token tried is a guess. A GET without one is no threat, and it is what the form sends
      // to tell a missing CORS permission from a dead network: parents behind the school's one
      // address would otherwise lock its administrator out.
      if (c.res.status !== 401 || !c.req.header('authorization')) return;
      guesses.take(who);
      if (guesses.wait(who)) log('warn', `${ADMIN_GUESSES} wrong administrator tokens from one address in 10 minutes: its next tries are refused for 10 minutes`);
    });
    mountAdmin(app, { store: options.store, attachmentsDir: options.attachmentsDir, adminToken: config.adminToken, adminGuesses: ADMIN_GUESSES });
  }

  app.notFound((c) => problem(c, 404, 'not-found'));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    log('error', 'unhandled error', { method: c.req.method, path: c.req.path, error: error.message, stack: error.stack });
    return problem(c, 500, 'internal');
  });
  return app;
}
