import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';

/**
 * Versioned migrations: `PRAGMA user_version` holds how many have run. Append; never edit one that shipped.
 */
const migrations: string[] = [
  `
  CREATE TABLE requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,           -- the request number people see, e.g. 2026-000123
    year INTEGER NOT NULL,
    year_seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'parent', 'student')),
    request TEXT NOT NULL,                 -- the validated HelpRequest JSON
    consent_version TEXT NOT NULL,
    created_at TEXT NOT NULL,              -- ISO 8601, UTC
    idempotency_key TEXT NOT NULL UNIQUE,
    body_hash TEXT NOT NULL,               -- SHA-256 of the JSON part and the uploaded screenshots
    client_hash TEXT NOT NULL,             -- keyed hash of the client's address, never the address
    response TEXT NOT NULL,                -- the exact 201 body, replayed for a repeated key
    UNIQUE (year, year_seq)
  ) STRICT;
  CREATE TABLE attachments (
    request_seq INTEGER NOT NULL REFERENCES requests (seq) ON DELETE CASCADE,
    n INTEGER NOT NULL,                    -- 1-based, in upload order
    file TEXT NOT NULL UNIQUE,             -- generated name under DATA_DIR/attachments/
    type TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    PRIMARY KEY (request_seq, n)
  ) STRICT;
  `,
];

export interface Attachment {
  n: number;
  file: string;
  type: string;
  bytes: number;
  width: number;
  height: number;
}

export interface NewRequest {
  role: string;
  request: string;
  consentVersion: string;
  createdAt: Date;
  idempotencyKey: string;
  bodyHash: string;
  clientHash: string;
  attachments: Attachment[];
}

export interface StoredRequest {
  seq: number;
  id: string;
  role: string;
  request: string;
  consentVersion: string;
  createdAt: string;
  attachments: Attachment[];
}

export class DuplicateKeyError extends Error {}

interface RequestRow {
  seq: number;
  number: string;
  role: string;
  request: string;
  consent_version: string;
  created_at: string;
}

const REQUEST_COLUMNS = 'seq, number, role, request, consent_version, created_at';

/** A digits-only number a parent can read over the phone: the year and a sequence that restarts each year. */
export const requestNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(6, '0')}`;

export interface Store {
  /** The stored fingerprint and answer for an idempotency key, if that key was used. */
  findByKey(key: string): { bodyHash: string; response: string } | undefined;
  /** Stores one request and its attachments atomically; returns the 201 body. Throws DuplicateKeyError. */
  insert(input: NewRequest): string;
  count(): number;
  /** Newest first. */
  list(offset: number, limit: number): StoredRequest[];
  /** Oldest first, `limit` rows after `seq`: exports walk the table in batches. */
  after(seq: number, limit: number): StoredRequest[];
  get(id: string): StoredRequest | undefined;
  ping(): boolean;
  close(): void;
}

export function openDatabase(file: string): Store {
  // Created owner- and group-readable, like the screenshots (SQLite gives its -wal and -shm files
  // the same mode): the umask's 0644 would let any local user read parents' and children's data.
  closeSync(openSync(file, 'a', 0o640));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A 201 tells the visitor the request is safe: make it survive a power cut, at one fsync per request.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) throw new Error(`${file} is at schema version ${version}, newer than this receiver (${migrations.length})`);
  db.transaction(() => {
    for (let i = version; i < migrations.length; i++) db.exec(migrations[i]!);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();

  const byKey = db.prepare<[string], { body_hash: string; response: string }>('SELECT body_hash, response FROM requests WHERE idempotency_key = ?');
  const nextInYear = db.prepare<[number], { next: number }>('SELECT COALESCE(MAX(year_seq), 0) + 1 AS next FROM requests WHERE year = ?');
  const insertRequest = db.prepare(
    `INSERT INTO requests (number, year, year_seq, role, request, consent_version, created_at, idempotency_key, body_hash, client_hash, response)
     VALUES (@number, @year, @yearSeq, @role, @request, @consentVersion, @createdAt, @idempotencyKey, @bodyHash, @clientHash, @response)`,
  );
  const insertAttachment = db.prepare(
    'INSERT INTO attachments (request_seq, n, file, type, bytes, width, height) VALUES (@seq, @n, @file, @type, @bytes, @width, @height)',
  );
  const countAll = db.prepare<[], { total: number }>('SELECT COUNT(*) AS total FROM requests');
  const page = db.prepare<[number, number], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests ORDER BY seq DESC LIMIT ? OFFSET ?`);
  const after = db.prepare<[number, number], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE seq > ? ORDER BY seq LIMIT ?`);
  const byNumber = db.prepare<[string], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE number = ?`);
  const attachmentsOf = db.prepare<[number], Attachment>('SELECT n, file, type, bytes, width, height FROM attachments WHERE request_seq = ? ORDER BY n');

  const withAttachments = (row: RequestRow): StoredRequest => ({
    seq: row.seq,
    id: row.number,
    role: row.role,
    request: row.request,
    consentVersion: row.consent_version,
    createdAt: row.created_at,
    attachments: attachmentsOf.all(row.seq),
  });

  const insert = db.transaction((input: NewRequest): string => {
    const year = input.createdAt.getUTCFullYear();
    const yearSeq = nextInYear.get(year)!.next;
    const number = requestNumber(year, yearSeq);
    const response = JSON.stringify({ id: number });
    const { lastInsertRowid } = insertRequest.run({ ...input, number, year, yearSeq, createdAt: input.createdAt.toISOString(), response });
    for (const a of input.attachments) insertAttachment.run({ ...a, seq: lastInsertRowid });
    return response;
  });

  return {
    findByKey(key: string) {
      const row = byKey.get(key);
      return row && { bodyHash: row.body_hash, response: row.response };
    },
    insert(input: NewRequest): string {
      try {
        // IMMEDIATE takes the write lock first, so two processes cannot draw the same number.
        return insert.immediate(input);
      } catch (error) {
        if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('idempotency_key')) {
          throw new DuplicateKeyError(input.idempotencyKey);
        }
        throw error;
      }
    },
    count: () => countAll.get()!.total,
    list: (offset: number, limit: number) => page.all(limit, offset).map(withAttachments),
    after: (seq: number, limit: number) => after.all(seq, limit).map(withAttachments),
    get(id: string) {
      const row = byNumber.get(id);
      return row && withAttachments(row);
    },
    ping: () => db.prepare('SELECT 1').get() !== undefined,
    close: () => db.close(),
  };
}
