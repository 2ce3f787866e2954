// Where the machine's browsers are: CHROME_PATH / FIREFOX_PATH / WEBKIT_PATH, else Debian's packages.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:net';

/** WebKitGTK's MiniBrowser lives under the architecture's lib folder (x86_64-linux-gnu, aarch64-linux-gnu…). */
const miniBrowser = () => {
  const arch = readdirSync('/usr/lib').find((dir) => existsSync(`/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`));
  return `/usr/lib/${arch ?? 'x86_64-linux-gnu'}/webkit2gtk-4.1/MiniBrowser`;
};

export function browserPaths() {
  return {
    chromium: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    webkit: process.env.WEBKIT_PATH ?? miniBrowser(),
  };
}

/** The Debian packages that give each browser (WebKit: its WebDriver, which brings MiniBrowser, and a virtual display). */
export const PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb', 'xauth'] };

/** Exits with a message saying exactly how to install what is missing. */
export function requireBrowsers(names = ['chromium', 'firefox']) {
  const paths = browserPaths();
  const missing = names.filter((name) => !existsSync(paths[name]) || (name === 'webkit' && !['/usr/bin/WebKitWebDriver', '/usr/bin/xvfb-run', '/usr/bin/xauth'].every(existsSync)));
  if (missing.length === 0) return paths;
  const packages = missing.flatMap((name) => PACKAGES[name]);
  console.error(
    `No ${missing.join(' or ')} at ${missing.map((n) => paths[n]).join(', ')}.\n` +
      `Install Debian's browsers:  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
      `or point CHROME_PATH / FIREFOX_PATH / WEBKIT_PATH at an installed browser.`,
  );
  process.exit(1);
}

/** Debian's Chromium as root needs --no-sandbox; the rest keep it quiet on a machine without outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** `puppeteer.launch()` options for the machine's Chromium (benchmarks and scripts). */
export const chromiumLaunchOptions = () => ({ executablePath: browserPaths().chromium, headless: true, args: chromiumArgs });

/** A free port on loopback. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * Starts WebKitGTK's WebDriver on a virtual display (MiniBrowser needs one). Gives its port and
 * `stop()`, which ends the driver and the display; they also end with this process.
 */
export async function startWebKitDriver() {
  const port = await freePort();
  // MiniBrowser's toolbar keeps its window at least 447 px wide; shrunk to nothing by a GTK style
  // sheet of its own (web content keeps its sizes), the window can be as narrow as a phone.
  const config = mkdtempSync(join(tmpdir(), 'jhw-webkit-'));
  mkdirSync(join(config, 'gtk-3.0'));
  writeFileSync(join(config, 'gtk-3.0', 'gtk.css'), '* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; font-size: 1px; }');
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', '/usr/bin/WebKitWebDriver', `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: config },
  });
  // What the display or the driver said, for the error below.
  let said = '';
  driver.stderr.on('data', (chunk) => (said = (said + chunk).slice(-1000)));
  driver.on('error', (error) => (said += `${error.message} (sudo apt-get install -y ${PACKAGES.webkit.join(' ')})`));
  const stop = () => {
    process.off('exit', stop);
    rmSync(config, { recursive: true, force: true });
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  for (let waited = 0; ; waited += 100) {
    const up = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
    if (up) return { port, stop };
    if (waited > 20_000 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start on port ${port}: ${said.trim() || 'no message'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The W3C WebDriver capabilities of a MiniBrowser session. */
export const webkitCapabilities = () => ({
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: browserPaths().webkit, args: ['--automation'] },
});

// `node scripts/browsers.mjs`: exits 1, saying how to install them, when a browser the tests use is missing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) requireBrowsers(['chromium', 'firefox', 'webkit']);
