import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { isStorageFailure } from './storage.js';

export interface Faults {
  /** The first N submissions answer 503 before anything is stored (an outage in front of the receiver). */
  failFirst: number;
  /** The first N 201 answers, first or replayed, become 503 after the row is committed (the answer is lost on the way back). */
  failAfterCommit: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  allowedOrigins: string[];
  /** Unset: the administrator's routes are not mounted at all. */
  adminToken: string | undefined;
  /** Take the client's address from the last `X-Forwarded-For` entry (behind one reverse proxy). */
  trustProxy: boolean;
  maxJsonBytes: number;
  maxScreenshots: number;
  maxScreenshotBytes: number;
  maxTotalBytes: number;
  /** Bytes of request bodies held in memory at once, all requests together (503 above). */
  maxBufferedBytes: number;
  maxPixels: number;
  /** Seconds a request body may go without a byte arriving before its connection is cut (fractions allowed). */
  bodyIdleSeconds: number;
  rateLimit: number;
  rateWindowSeconds: number;
  faults: Faults;
}

const MB = 1024 * 1024;

export const defaults = {
  PORT: 8787,
  HOST: '127.0.0.1',
  DATA_DIR: './data',
  MAX_JSON_BYTES: 64 * 1024,
  MAX_SCREENSHOTS: 5,
  MAX_SCREENSHOT_BYTES: 10 * MB,
  MAX_TOTAL_BYTES: 30 * MB,
  // Eight of the largest bodies at once (the form shrinks screenshots to 2560 px, so most are far smaller),
  // with room left in 1 GB for the copies that parsing and re-encoding make.
  MAX_BUFFERED_BYTES: 256 * MB,
  // About 7000 × 7000: an 8K screen is 33 MP; anything bigger is a decompression bomb, not a screenshot.
  MAX_PIXELS: 50_000_000,
  // Far longer than any pause of a slow but working connection; a stalled body gives its memory back after it.
  BODY_IDLE_SECONDS: 30,
  // 30 people behind one school NAT × (1 send + 3 automatic retries) = 120 in 10 minutes; a flood gets 12 a minute.
  RATE_LIMIT: 120,
  RATE_WINDOW_SECONDS: 600,
} as const;

type Env = Record<string, string | undefined>;

function integer(env: Env, name: keyof typeof defaults, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim();
  if (!raw) return defaults[name] as number;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer ≥ ${min}${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}, got "${raw}"`);
  }
  return value;
}

/** An on/off switch: a value it does not know is an error, not "off" (TRUST_PROXY=on meant on). */
function flag(env: Env, name: 'TRUST_PROXY'): boolean {
  const raw = env[name]?.trim() ?? '';
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off|)$/i.test(raw)) return false;
  throw new Error(`${name} must be 1 (on) or 0 (off), got "${raw}"`);
}

/** The shortest ADMIN_TOKEN: 24 random characters cannot be guessed at any rate the receiver answers. */
export const MIN_ADMIN_TOKEN = 24;

/**
 * Seconds, fractions allowed (tests use 0.3). At most 300: Node cuts a request that has not arrived in
 * full after 300 s (`requestTimeout`), so a longer idle time would never apply.
 */
function seconds(env: Env, name: 'BODY_IDLE_SECONDS', max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return defaults[name];
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || value > max) throw new Error(`${name} must be a number of seconds > 0 and ≤ ${max}, got "${raw}"`);
  return value;
}

/** `fail-first:2,fail-after-commit:1`; for tests only. */
export function parseFaults(raw: string | undefined): Faults {
  const faults: Faults = { failFirst: 0, failAfterCommit: 0 };
  for (const item of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(fail-first|fail-after-commit):(\d+)$/.exec(item);
    if (!match) throw new Error(`FAULTS: unknown fault "${item}" (use fail-first:N or fail-after-commit:N)`);
    faults[match[1] === 'fail-first' ? 'failFirst' : 'failAfterCommit'] = Number(match[2]);
  }
  return faults;
}

/** Reads the configuration from environment variables; throws with the variable's name when one is wrong. */
export function loadConfig(env: Env = process.env): Config {
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      const url = URL.canParse(origin) ? new URL(origin) : undefined;
      const bare = origin.replace(/\/$/, '');
      // Browsers send the origin in lowercase, so `https://School.example` would never match.
      if (url?.origin === bare.toLowerCase() && url.origin !== bare) throw new Error(`ALLOWED_ORIGINS: write "${origin}" in lowercase, as browsers send it: ${url.origin}`);
      if (url?.origin !== bare) throw new Error(`ALLOWED_ORIGINS: "${origin}" is not an origin like https://school.example`);
      return url.origin;
    });
  const adminToken = env.ADMIN_TOKEN?.trim() || undefined;
  // What RFC 6750 allows in a bearer token; anything else could never be sent back.
  if (adminToken && !/^[A-Za-z0-9._~+/-]+=*$/.test(adminToken)) throw new Error('ADMIN_TOKEN may hold only letters, digits and . _ ~ + / - (e.g. openssl rand -hex 24)');
  // It guards children's names and screenshots: a short one is refused, not warned about.
  if (adminToken && adminToken.length < MIN_ADMIN_TOKEN) {
    throw new Error(`ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN} characters, got ${adminToken.length}; make one with: openssl rand -hex 24`);
  }
  const maxTotalBytes = integer(env, 'MAX_TOTAL_BYTES', 1024);
  const maxBufferedBytes = integer(env, 'MAX_BUFFERED_BYTES', 1024);
  // Below that, the largest request the receiver allows could never be taken in.
  if (maxBufferedBytes < maxTotalBytes) throw new Error(`MAX_BUFFERED_BYTES must be at least MAX_TOTAL_BYTES (${maxTotalBytes}), got ${maxBufferedBytes}`);
  return {
    port: integer(env, 'PORT', 0, 65535),
    host: env.HOST?.trim() || defaults.HOST,
    dataDir: resolve(env.DATA_DIR?.trim() || defaults.DATA_DIR),
    allowedOrigins,
    adminToken,
    trustProxy: flag(env, 'TRUST_PROXY'),
    maxJsonBytes: integer(env, 'MAX_JSON_BYTES', 1024),
    maxScreenshots: integer(env, 'MAX_SCREENSHOTS', 0),
    maxScreenshotBytes: integer(env, 'MAX_SCREENSHOT_BYTES', 1024),
    maxTotalBytes,
    maxBufferedBytes,
    maxPixels: integer(env, 'MAX_PIXELS', 1),
    bodyIdleSeconds: seconds(env, 'BODY_IDLE_SECONDS', 300),
    rateLimit: integer(env, 'RATE_LIMIT', 1),
    rateWindowSeconds: integer(env, 'RATE_WINDOW_SECONDS', 1),
    faults: parseFaults(env.FAULTS),
  };
}

/** Every variable the receiver reads. */
export const VARIABLES: readonly string[] = [...Object.keys(defaults), 'ALLOWED_ORIGINS', 'ADMIN_TOKEN', 'TRUST_PROXY', 'FAULTS'];

/** Letters to add, drop or change to turn `a` into `b` (Levenshtein; a dozen lines, not a dependency of the receiver). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * Variables that look like a misspelt setting (`ALLOWED_ORIGIN`, `TRUST_PROXI`, `DATADIR`): ignored,
 * they would leave the setting at its default without a word. One sentence each, naming the right one.
 * Only names of 6 letters or more are compared, so that `HOME` is never taken for `HOST`.
 */
export function misspelt(env: Env = process.env): string[] {
  return Object.keys(env)
    .filter((name) => !VARIABLES.includes(name))
    .flatMap((name) => {
      const upper = name.toUpperCase();
      const meant = VARIABLES.find((known) => known.length >= 6 && (upper === known || distance(upper, known) <= 2));
      return meant ? [`${name} is not a setting of the receiver and is ignored: did you mean ${meant}?`] : [];
    });
}

/**
 * What went wrong at the start, in the administrator's terms: the setting to change, not a stack.
 * Anything else keeps Node's own message.
 */
export function explainStartError(error: NodeJS.ErrnoException, config: Config): string {
  const { code = '', syscall = '' } = error;
  if (code === 'EADDRINUSE') return `PORT ${config.port} is taken by another program on ${config.host}: choose another PORT, or stop that program`;
  if (code === 'EACCES' && syscall === 'listen') return `PORT ${config.port} needs administrator rights: choose a PORT above 1023`;
  if (syscall === 'listen' || syscall === 'getaddrinfo' || code === 'EADDRNOTAVAIL') return `HOST "${config.host}" is not an address of this machine: use 127.0.0.1 (behind a proxy on the same machine) or 0.0.0.0 (${code})`;
  if (isStorageFailure(error)) {
    // The user by name: a DATA_DIR first made by root (`sudo npm run receiver`) is the usual cause, and chown the cure.
    const user = userInfo().username;
    const fix = /^(ENOSPC|EDQUOT|SQLITE_FULL)$/.test(code)
      ? 'its disk is full: free some space'
      : code === 'EROFS'
        ? 'it is on a read-only file system: choose another DATA_DIR'
        : code === 'ENOTDIR'
          ? 'a file is in the way of that folder: choose another DATA_DIR'
          : `the receiver runs as user "${user}", who must be able to create and write files there: chown -R ${user} "${config.dataDir}"`;
    return `DATA_DIR "${config.dataDir}" cannot be used: ${fix} (${error.message.startsWith(code) ? error.message : `${code}: ${error.message}`})`;
  }
  return error.message;
}
