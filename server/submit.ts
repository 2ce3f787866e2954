import { createHash, createHmac, randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { HelpRequest, explainIssue, validate } from '../src/schema/index.js';
import type { BodyBudget } from './body-budget.js';
import type { Config } from './config.js';
import { DuplicateKeyError, type Attachment, type Store } from './db.js';
import { problem, lang } from './http.js';
import { ImageError, reencode } from './images.js';
import type { Log } from './log.js';
import { SlidingWindowLimiter, clientOf } from './rate-limit.js';
import { isStorageFailure, makeAttachmentsDir } from './storage.js';

/** A UUID, or any 16–128 characters that are safe in a header and a log line. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:~-]{16,128}$/;

/**
 * Seconds a visitor waits when the body budget is full: uploads in flight finish within seconds, and
 * the form's three automatic retries, each at least this far apart, still fit in its 20 s.
 */
export const BUSY_RETRY_SECONDS = 5;

/** Context key of the rate limit's `refund()` for this request, called by a 503 `busy` answer. */
const REFUND_RATE = 'refundRateLimit';
/** The reader of a body being read, so that an answer given halfway can drain the rest. */
const BODY_READER = 'bodyReader';

/** Reads and throws away the rest of a body: up to `limit` bytes, and while the client keeps sending. Resolves to whether it all came. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number, idleMs: number): Promise<boolean> {
  for (let left = limit; left > 0; ) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<null>((resolve) => (timer = setTimeout(resolve, idleMs, null)));
    const chunk = await Promise.race([reader.read(), stalled]).catch(() => null);
    clearTimeout(timer);
    if (!chunk || chunk.done) return !!chunk;
    left -= chunk.value.length;
  }
  return false;
}

export interface SubmitDeps {
  config: Config;
  store: Store;
  bodyBudget: BodyBudget;
  attachmentsDir: string;
  /** Secret for hashing client addresses: the address itself is never stored. */
  addressKey: Buffer;
  /** The TCP peer's address, from the runtime adapter. */
  peerAddress: (c: Context) => string;
  /** Cuts the request's connection at once, without an answer (the runtime adapter's socket). */
  dropConnection: (c: Context) => void;
  log: Log;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/**
 * Calls `onIdle` once `ms` pass without a `touch()`, unless stopped first. It decides only after the
 * I/O already waiting has been handled, so a pause of the process itself (bytes that have arrived but
 * are not read yet) is not taken for the client's silence.
 */
function idleTimer(ms: number, onIdle: () => void): { touch(): void; stop(): void } {
  let touches = 0;
  let stopped = false;
  const timer = setTimeout(() => {
    const seen = touches;
    setImmediate(() => {
      if (!stopped && touches === seen) onIdle();
    });
  }, ms);
  return {
    touch() {
      touches++;
      timer.refresh();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Length-prefixed parts, so that moving bytes from one part to the next changes the hash. */
function fingerprint(json: Buffer, screenshots: Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of [json, ...screenshots]) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

/** Writes one screenshot. A folder deleted since the start (a clean-up, a restored backup) is made again. */
async function saveAttachment(dir: string, file: string, data: Buffer, log: Log): Promise<void> {
  const write = () => writeFile(join(dir, file), data, { flag: 'wx', mode: 0o640 });
  try {
    await write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    log('warn', 'the attachments folder was missing: made again', { dir });
    makeAttachmentsDir(dir);
    await write();
  }
}

/** POST /api/requests (SPEC section 7). */
export function mountSubmit(app: Hono, deps: SubmitDeps): void {
  const { config, store, log } = deps;
  const limiter = new SlidingWindowLimiter(config.rateLimit, config.rateWindowSeconds * 1000);
  const faults = { ...config.faults };
  const inFlight = new Map<string, Promise<unknown>>();

  const client = (c: Context) => clientOf(c, config.trustProxy, deps.peerAddress);

  /** Same-key submissions run one after another, so the second sees the first's row and replays it. */
  async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    while (inFlight.has(key)) await inFlight.get(key)!.catch(() => undefined);
    const running = work();
    inFlight.set(key, running);
    try {
      return await running;
    } finally {
      inFlight.delete(key);
    }
  }

  /**
   * An answer given before the body is read (429, 413, 503…). The rest of the body is read and
   * thrown away first: Firefox drops an answer whose connection closes while it is still uploading
   * and reports a network error, so a visitor with screenshots was told "no connection" for a 429 and
   * the form uploaded them three times more. Up to twice MAX_TOTAL_BYTES and while the client keeps
   * sending; past that the connection is cut as before. The client is told not to reuse it.
   */
  const early = (c: Context, ...rest: Parameters<typeof problem> extends [Context, ...infer R] ? R : never): Response => {
    const body = c.req.raw.body;
    const declared = Number(c.req.header('content-length') ?? 0);
    const limit = 2 * config.maxTotalBytes;
    const reader = (c.get(BODY_READER) as ReadableStreamDefaultReader<Uint8Array> | undefined) ?? (body && !body.locked ? body.getReader() : undefined);
    if (reader && declared <= limit) void drain(reader, limit, config.bodyIdleSeconds * 1000).then((all) => all || deps.dropConnection(c));
    else c.header('Connection', 'close');
    return problem(c, ...rest);
  };

  /** The 201, first or replayed; `fail-after-commit` loses it on the way back, as a dropped connection would. */
  const created = (c: Context, body: string, replayed: boolean) => {
    if (faults.failAfterCommit > 0) {
      faults.failAfterCommit--;
      return problem(c, 503, 'unavailable');
    }
    return c.body(body, 201, { 'Content-Type': 'application/json', ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  };

  const failFirst: MiddlewareHandler = async (c, next) => {
    if (faults.failFirst > 0) {
      faults.failFirst--;
      return early(c, 503, 'unavailable');
    }
    return next();
  };

  const rateLimit: MiddlewareHandler = async (c, next) => {
    const verdict = limiter.take(client(c));
    if (!verdict.ok) {
      c.header('Retry-After', String(verdict.retryAfter));
      return early(c, 429, 'rate-limited', { minutes: Math.ceil(verdict.retryAfter / 60) });
    }
    c.set(REFUND_RATE, verdict.refund);
    return next();
  };

  const requireKey: MiddlewareHandler = async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!key) return early(c, 400, 'idempotency-key-missing');
    if (!IDEMPOTENCY_KEY.test(key)) return early(c, 400, 'idempotency-key-invalid');
    return next();
  };

  // Before reading the body, so that a body the parser would refuse is not taken into memory.
  const requireMultipart: MiddlewareHandler = async (c, next) => {
    if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) return early(c, 400, 'not-multipart');
    return next();
  };

  const busy = (c: Context) => {
    // The receiver's lack of memory is not the client's doing, and the form retries it with the same key:
    // counting it would push a school's NAT address into 429 while the server is busy.
    (c.get(REFUND_RATE) as (() => void) | undefined)?.();
    c.header('Retry-After', String(BUSY_RETRY_SECONDS));
    return early(c, 503, 'busy', { seconds: BUSY_RETRY_SECONDS });
  };

  /**
   * Reads the whole body into memory under two limits: its own size (`MAX_TOTAL_BYTES`, 413) and the
   * bytes all bodies hold at once (`MAX_BUFFERED_BYTES`, 503 with `Retry-After`, nothing stored, so the
   * form retries with the same key). Bytes are counted as they arrive; a `Content-Length` is only
   * believed to refuse a body before reading it. The budget is given back when the request ends,
   * however it ends, and at once when the client stops sending for `BODY_IDLE_SECONDS`.
   */
  const readBody: MiddlewareHandler = async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    // Node's parser has checked that Content-Length is a number and will stop the body at it.
    const length = raw.headers.get('content-length');
    const declared = length !== null && !raw.headers.has('transfer-encoding') ? Number(length) : undefined;
    if (declared !== undefined && declared > config.maxTotalBytes) return early(c, 413, 'too-large', { mb: mb(config.maxTotalBytes) });
    const who = client(c);
    // A body that does not fit now would most likely be cut off halfway: spare the visitor the upload.
    if (declared !== undefined && !deps.bodyBudget.fits(who, declared)) return busy(c);

    const hold = deps.bodyBudget.open(who);
    try {
      const chunks: Uint8Array[] = [];
      let size = 0;
      let stalled = false;
      // A timer in the reader, restarted by each chunk: it measures the client not sending, never a slow but steady upload or our work after.
      // No status of SPEC section 7 fits a silent client (the form does not retry 408), so the socket is cut: the form retries that with the same key.
      const idle = idleTimer(config.bodyIdleSeconds * 1000, () => {
        stalled = true;
        hold.release();
        deps.dropConnection(c);
      });
      try {
        const reader = raw.body.getReader();
        c.set(BODY_READER, reader);
        for (;;) {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await reader.read();
          } catch {
            // The connection is gone (the client's doing, or ours when it stalled): nobody reads this
            // answer, but the log line says what happened.
            return stalled ? problem(c, 408, 'body-stalled') : problem(c, 400, 'body-incomplete');
          }
          if (chunk.done) break;
          idle.touch();
          size += chunk.value.length;
          // The drain in early() has its own idle limit.
          if (size > config.maxTotalBytes) return idle.stop(), early(c, 413, 'too-large', { mb: mb(config.maxTotalBytes) });
          if (!hold.take(chunk.value.length)) return idle.stop(), busy(c);
          chunks.push(chunk.value);
        }
      } finally {
        idle.stop();
      }
      // The chunks as they came, without copying them into one buffer first.
      c.req.raw = new Request(raw, {
        body: new ReadableStream({
          start(controller) {
            for (const chunk of chunks.splice(0)) controller.enqueue(chunk);
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      await next();
    } finally {
      hold.release();
    }
  };

  app.post('/api/requests', failFirst, rateLimit, requireKey, requireMultipart, readBody, async (c) => {
    const key = c.req.header('idempotency-key')!;
    // The body is already in memory, bounded by MAX_TOTAL_BYTES and the budget, so the platform's parser may take it.
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      return problem(c, 400, 'not-multipart');
    }

    const requestParts = form.getAll('request');
    if (requestParts.length !== 1) return problem(c, 400, 'request-missing');
    const part = requestParts[0]!;
    const json = typeof part === 'string' ? Buffer.from(part) : Buffer.from(await part.arrayBuffer());
    if (json.length > config.maxJsonBytes) return problem(c, 413, 'request-too-large', { kb: Math.round(config.maxJsonBytes / 1024) });

    const screenshotParts = form.getAll('screenshot');
    if (screenshotParts.length > config.maxScreenshots) return problem(c, 413, 'too-many-screenshots', { max: config.maxScreenshots });
    const screenshots: Buffer[] = [];
    for (const [i, entry] of screenshotParts.entries()) {
      if (typeof entry === 'string') return problem(c, 415, 'screenshot-type', { n: i + 1 });
      if (entry.size > config.maxScreenshotBytes) return problem(c, 413, 'screenshot-too-large', { n: i + 1, mb: mb(config.maxScreenshotBytes) });
      screenshots.push(Buffer.from(await entry.arrayBuffer()));
    }

    const bodyHash = fingerprint(json, screenshots);
    return oneAtATime(key, async () => {
      const previous = store.findByKey(key);
      if (previous) {
        // 409, not the IETF draft's 422: SPEC section 7 gives 422 to etiquette, so a form would misreport it.
        if (previous.bodyHash !== bodyHash) return problem(c, 409, 'idempotency-conflict');
        return created(c, previous.response, true);
      }

      let data: unknown;
      try {
        data = JSON.parse(json.toString('utf8'));
      } catch {
        return problem(c, 400, 'request-not-json');
      }
      const result = validate(HelpRequest, data);
      if (!result.ok) {
        const issues = result.issues.map((issue) => explainIssue(issue, lang(c)));
        if (issues.every((issue) => issue.code === 'validation.etiquette')) {
          return c.json({ error: 'etiquette', message: issues[0]!.message, issues }, 422);
        }
        return problem(c, 400, 'validation', {}, { issues });
      }

      const attachments: Attachment[] = [];
      const images = [];
      for (const [i, bytes] of screenshots.entries()) {
        try {
          images.push(await reencode(bytes, config.maxPixels));
        } catch (error) {
          if (error instanceof ImageError) return problem(c, 415, `screenshot-${error.reason}`, { n: i + 1 });
          throw error;
        }
      }
      try {
        for (const [i, image] of images.entries()) {
          const file = `${randomUUID()}.${image.ext}`;
          await saveAttachment(deps.attachmentsDir, file, image.data, log);
          attachments.push({ n: i + 1, file, type: image.type, bytes: image.data.length, width: image.width, height: image.height });
        }
        const response = store.insert({
          role: result.data.role,
          request: JSON.stringify(result.data),
          consentVersion: result.data.consent.version,
          createdAt: new Date(),
          idempotencyKey: key,
          bodyHash,
          clientHash: createHmac('sha256', deps.addressKey).update(client(c)).digest('hex').slice(0, 32),
          attachments,
        });
        return created(c, response, false);
      } catch (error) {
        await Promise.all(attachments.map((a) => unlink(join(deps.attachmentsDir, a.file)).catch(() => undefined)));
        if (isStorageFailure(error)) {
          // Said plainly, without a stack: the administrator has a folder or a disk to see to.
          log('error', 'cannot store a request: check that DATA_DIR and its attachments folder are writable by the receiver and the disk has room', {
            dataDir: config.dataDir,
            code: (error as NodeJS.ErrnoException).code,
          });
          return problem(c, 500, 'internal');
        }
        if (!(error instanceof DuplicateKeyError)) throw error;
        // Another process stored the same key between our lookup and insert.
        log('warn', 'idempotency key stored concurrently by another process');
        const stored = store.findByKey(key)!;
        if (stored.bodyHash !== bodyHash) return problem(c, 409, 'idempotency-conflict');
        return created(c, stored.response, true);
      }
    });
  });
}
