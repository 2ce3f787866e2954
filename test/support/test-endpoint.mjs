// A scriptable help-request endpoint inside the test runner's own server, so the form's sending
// is tested over real HTTP (real multipart, real headers, real timeouts), not against a mocked fetch.
//
//   POST /__endpoint/<session>          the endpoint itself: records the request, answers by the script
//   PUT  /__endpoint/<session>/script   JSON array of answers, used in order:
//                                       { status, body?, headers?, delay? (ms), reset? (drop the connection) }
//                                       once used up (or without a script): 201 {"id"}, the same id per Idempotency-Key
//   GET  /__endpoint/<session>/log      JSON array of what arrived: { at (ms), key, contentType, parts: [{ name,
//                                       filename?, type?, size, value? (text parts), base64? (files) }], aborted
//                                       (the client went away before the answer, e.g. its timeout) }
// Sessions are separate, so each test uses its own (e.g. a random id) and nothing leaks between tests.

const sessions = new Map();
const session = (id) => {
  if (!sessions.has(id)) sessions.set(id, { script: [], log: [], ids: new Map() });
  return sessions.get(id);
};

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function record(req, raw) {
  const contentType = req.headers['content-type'] ?? '';
  const parts = [];
  try {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    for (const [name, value] of form) {
      if (typeof value === 'string') parts.push({ name, size: value.length, value });
      else {
        const bytes = Buffer.from(await value.arrayBuffer());
        parts.push({ name, filename: value.name, type: value.type, size: bytes.length, base64: bytes.toString('base64') });
      }
    }
  } catch {
    // Not multipart: the log shows no parts, which a test can assert on.
  }
  return { key: req.headers['idempotency-key'] ?? null, contentType, parts };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function reply(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function handle(req, res, id, sub) {
  const s = session(id);
  if (sub === '/script' && req.method === 'PUT') {
    s.script = JSON.parse((await readBody(req)).toString('utf8'));
    return reply(res, 204);
  }
  if (sub === '/log') return reply(res, 200, s.log);
  if (req.method !== 'POST') return reply(res, 405, {});
  const entry = { at: Date.now(), ...(await record(req, await readBody(req))), aborted: false };
  s.log.push(entry);
  res.on('close', () => (entry.aborted ||= !res.writableFinished));
  const answer = s.script.shift() ?? { status: 201 };
  if (answer.delay) await sleep(answer.delay);
  if (answer.reset) return req.socket.destroy();
  let body = answer.body;
  if (body === undefined && answer.status === 201) {
    if (!s.ids.has(entry.key)) s.ids.set(entry.key, `T-${s.ids.size + 1}`);
    body = { id: s.ids.get(entry.key) };
  }
  reply(res, answer.status, body ?? {}, answer.headers);
}

export function testEndpointPlugin() {
  return {
    name: 'test-endpoint',
    // Koa's middleware list is fixed by now, so the endpoint sits in front of it on the raw server.
    serverStart({ server }) {
      const [koa] = server.listeners('request');
      server.removeAllListeners('request');
      server.on('request', (req, res) => {
        const match = /^\/__endpoint\/([\w-]+)(\/script|\/log)?$/.exec(new URL(req.url, 'http://x').pathname);
        if (!match) return koa(req, res);
        handle(req, res, match[1], match[2]).catch((error) => reply(res, 500, { error: String(error) }));
      });
    },
  };
}
