import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createApp } from './app.js';
import { BodyBudget } from './body-budget.js';
import type { Config } from './config.js';
import { openDatabase } from './db.js';
import { silentLog, type Log } from './log.js';
import { makeAttachmentsDir } from './storage.js';

export interface RunningReceiver {
  port: number;
  url: string;
  /** The Node HTTP server, for tests that need to know when a request has arrived. */
  server: Server;
  /** Bytes of request bodies held now, for tests that need to know what has arrived. */
  bodyBudget: BodyBudget;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes the database. */
  close(graceMs?: number): Promise<void>;
}

/** The secret for hashing client addresses, kept next to the data; deleting it unlinks every stored hash. */
function loadAddressKey(dataDir: string): Buffer {
  const file = join(dataDir, 'address.key');
  try {
    return readFileSync(file);
  } catch {
    const key = randomBytes(32);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export async function startReceiver(config: Config, log: Log = silentLog): Promise<RunningReceiver> {
  const attachmentsDir = join(config.dataDir, 'attachments');
  makeAttachmentsDir(attachmentsDir);
  const store = openDatabase(join(config.dataDir, 'requests.sqlite'));
  // One address may hold half of it, but always room for one largest request.
  const bodyBudget = new BodyBudget(config.maxBufferedBytes, Math.max(config.maxTotalBytes, Math.floor(config.maxBufferedBytes / 2)));
  const app = createApp({
    config,
    store,
    attachmentsDir,
    addressKey: loadAddressKey(config.dataDir),
    bodyBudget,
    peerAddress: (c: Context) => getConnInfo(c as Context<{ Bindings: HttpBindings }>).remote.address ?? 'unknown',
    dropConnection: (c: Context) => (c as Context<{ Bindings: HttpBindings }>).env.incoming.socket.destroy(),
    log,
  });

  // Its own clean-up of unread bodies gives up after 500 ms and cuts the connection: a browser still
  // uploading a few MB (Firefox) then never reads our early answer. submit.ts drains them itself.
  const server = createAdaptorServer({ fetch: app.fetch, autoCleanupIncoming: false }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  log('info', 'listening', { url, port, dataDir: config.dataDir, allowedOrigins: config.allowedOrigins, trustProxy: config.trustProxy });
  if (!config.allowedOrigins.length) log('warn', "ALLOWED_ORIGINS is empty: browsers will refuse to send the form from any site; set it to the site's address, e.g. https://school.example");
  if (!config.adminToken) log('warn', 'ADMIN_TOKEN is not set: the administrator routes (list, export, attachments) are not mounted');
  if (config.faults.failFirst || config.faults.failAfterCommit) log('warn', 'FAULTS is set: this receiver fails on purpose, for tests only', { ...config.faults });

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    server,
    bodyBudget,
    close(graceMs = 30_000) {
      closing ??= new Promise<void>((resolve, reject) => {
        // Keep-alive sockets go as soon as they are idle; busy ones once their response is sent.
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((error) => {
          clearInterval(idle);
          clearTimeout(deadline);
          store.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
