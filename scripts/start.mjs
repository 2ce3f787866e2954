// `npm start`: builds the bundle, starts the reference receiver, and serves the demo school page
// that uses the built bundle exactly as a webmaster would.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const demoPort = Number(process.env.DEMO_PORT ?? 8080);
const receiverPort = Number(process.env.RECEIVER_PORT ?? 8787);
const pageOrigin = `http://localhost:${demoPort}`;

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });

let receiver;
if (existsSync('server/main.ts')) {
  receiver = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: String(receiverPort),
      ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? `${pageOrigin},http://127.0.0.1:${demoPort}`,
      // A token for trying the admin routes locally; set your own for anything real.
      ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? 'demo-admin-token-for-local-use-only',
    },
  });
  receiver.on('exit', (code) => {
    if (code) console.error(`receiver exited with ${code}`);
  });
}

const app = new Hono();
// The demo profile points the form at this run's receiver, whatever port it is on.
app.get('/profile.json', async (c) => {
  const profile = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile('demo/profile.json', 'utf8')));
  profile.endpoint = `http://localhost:${receiverPort}/api/requests`;
  return c.json(profile);
});
app.use('/dist/*', serveStatic({ root: './' }));
app.use('/*', serveStatic({ root: './demo' }));

const server = serve({ fetch: app.fetch, port: demoPort, hostname: 'localhost' }, () => {
  console.log(`\nDemo school page:  ${pageOrigin}/`);
  if (receiver) {
    console.log(`Receiver:          http://localhost:${receiverPort}/api/requests (admin token: ${process.env.ADMIN_TOKEN ?? 'demo-admin-token-for-local-use-only'})`);
  }
  console.log('Press Ctrl+C to stop.');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    receiver?.kill('SIGTERM');
    server.close(() => process.exit(0));
  });
}
