// Where the machine's browsers are: CHROME_PATH / FIREFOX_PATH, else Debian's packages.
import { existsSync } from 'node:fs';

export function browserPaths() {
  return {
    chromium: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  };
}

/** Exits with a message saying exactly how to install what is missing. */
export function requireBrowsers(names = ['chromium', 'firefox']) {
  const paths = browserPaths();
  const missing = names.filter((name) => !existsSync(paths[name]));
  if (missing.length === 0) return paths;
  const packages = missing.map((name) => (name === 'firefox' ? 'firefox-esr' : 'chromium'));
  console.error(
    `No ${missing.join(' or ')} at ${missing.map((n) => paths[n]).join(', ')}.\n` +
      `Install Debian's browsers:  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
      `or point CHROME_PATH / FIREFOX_PATH at an installed browser.`,
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
