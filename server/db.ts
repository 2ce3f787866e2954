import Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync, statSync } from 'node:fs';

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
  // Requests can be deleted: the last number drawn in each year is kept here, so that deleting the
  // newest request never hands its number to the next one (a parent may still quote it).
  `
  CREATE TABLE year_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  ) STRICT;
  INSERT INTO year_counters (year, last) SELECT year, MAX(year_seq) FROM requests GROUP BY year;
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
  /** The keyed hash of the client's address (hex), never the address. */
  clientHash: string;
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
  client_hash: string;
}

const REQUEST_COLUMNS = 'seq, number, role, request, consent_version, created_at, client_hash';

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
  /**
   * Deletes a request and its attachment rows in one transaction, idempotency key included; returns
   * the attachment file names for the caller to remove after the commit, or undefined for an unknown id.
   */
  remove(id: string): string[] | undefined;
  ping(): boolean;
  close(): void;
}

export function openDatabase(file: string): Store {
  // Created owner- and group-readable, like the screenshots (SQLite gives its -wal and -shm files
  // the same mode): the umask's 0644 would let any local user read parents' and children's data.
  closeSync(openSync(file, 'a', 0o640));
  // A file made otherwise (a restored backup, an older version) loses other users' access too.
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      const { mode } = statSync(f);
      if (mode & 0o007) chmodSync(f, mode & 0o770);
    } catch {
      // No -wal or -shm yet, or not ours to change: SQLite makes them with the database's mode.
    }
  }
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
  // A deleted request must be gone from the file, not left in its free pages for anyone with a copy.
  db.pragma('secure_delete = ON');

  const byKey = db.prepare<[string], { body_hash: string; response: string }>('SELECT body_hash, response FROM requests WHERE idempotency_key = ?');
  // The larger of the year's counter and its rows, so that rows put in by hand (a restore) are never overtaken either.
  const nextInYear = db.prepare<[{ year: number }], { next: number }>(
    `SELECT MAX(COALESCE((SELECT last FROM year_counters WHERE year = @year), 0), COALESCE((SELECT MAX(year_seq) FROM requests WHERE year = @year), 0)) + 1 AS next`,
  );
  const drawn = db.prepare<[number, number]>('INSERT INTO year_counters (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = excluded.last');
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
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM requests WHERE number = ?');
  const filesOf = db.prepare<[number], { file: string }>('SELECT file FROM attachments WHERE request_seq = ?');
  const deleteAttachments = db.prepare<[number]>('DELETE FROM attachments WHERE request_seq = ?');
  const deleteRequest = db.prepare<[number]>('DELETE FROM requests WHERE seq = ?');

  const withAttachments = (row: RequestRow): StoredRequest => ({
    seq: row.seq,
    id: row.number,
    role: row.role,
    request: row.request,
    consentVersion: row.consent_version,
    createdAt: row.created_at,
    clientHash: row.client_hash,
    attachments: attachmentsOf.all(row.seq),
  });

  const insert = db.transaction((input: NewRequest): string => {
    const year = input.createdAt.getUTCFullYear();
    const yearSeq = nextInYear.get({ year })!.next;
    const number = requestNumber(year, yearSeq);
    drawn.run(year, yearSeq);
    const response = JSON.stringify({ id: number });
    const { lastInsertRowid } = insertRequest.run({ ...input, number, year, yearSeq, createdAt: input.createdAt.toISOString(), response });
    for (const a of input.attachments) insertAttachment.run({ ...a, seq: lastInsertRowid });
    return response;
  });

  const remove = db.transaction((id: string): string[] | undefined => {
    const row = seqOf.get(id);
    if (!row) return undefined;
    const files = filesOf.all(row.seq).map((a) => a.file);
    deleteAttachments.run(row.seq);
    deleteRequest.run(row.seq);
    return files;
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
    remove(id: string) {
      const files = remove.immediate(id);
      // The WAL still holds the pages as they were before: write them back and empty it.
      if (files) db.pragma('wal_checkpoint(TRUNCATE)');
      return files;
    },
    ping: () => db.prepare('SELECT 1').get() !== undefined,
    close: () => db.close(),
  };
}
