// Web Test Runner's launcher for WebKit: WebKitGTK's MiniBrowser through its WebDriver, spoken to
// over plain HTTP (W3C WebDriver). Hand-written, about 100 lines, because @web/test-runner-webdriver
// brings webdriverio, whose geckodriver and edgedriver packages download their binaries at install.
import { startWebKitDriver, webkitCapabilities } from '../../scripts/browsers.mjs';

const BUTTONS = { left: 0, middle: 1, right: 2 };

export function webkitLauncher() {
  /** The session's URL on the driver, e.g. http://127.0.0.1:4444/session/1b2c… */
  let base;
  /** Ends the driver and its display. */
  let stopDriver = () => {};
  /** Test runner sessions (one at a time) and the URL each opened. */
  const urls = new Map();
  /** One WebDriver call after another: the driver takes one command at a time. */
  let queue = Promise.resolve();

  async function call(method, path, body) {
    const run = async () => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const { value } = await response.json();
      if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
      return value;
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  }

  const pointer = (actions) => call('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });

  return {
    name: 'WebKit',
    // What @web/test-runner-commands' mouse commands look for; they call the send* methods below.
    type: 'webdriver',

    async initialize() {
      const { port, stop } = await startWebKitDriver();
      stopDriver = stop;
      const response = await fetch(`http://127.0.0.1:${port}/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ capabilities: { alwaysMatch: webkitCapabilities() } }),
      });
      const { value } = await response.json();
      if (!response.ok) throw new Error(`WebKitWebDriver refused a session: ${value?.message}`);
      base = `http://127.0.0.1:${port}/session/${value.sessionId}`;
      this.name = `WebKit (MiniBrowser ${value.capabilities.browserVersion})`;
    },

    async stop() {
      if (base) await call('DELETE', '').catch(() => {});
      stopDriver();
    },

    async startSession(id, url) {
      urls.set(id, url);
      await call('POST', '/url', { url });
    },
    isActive: (id) => urls.has(id),
    getBrowserUrl: (id) => urls.get(id),
    async stopSession(id) {
      // Stops whatever the page still runs before the next file.
      await call('POST', '/url', { url: 'about:blank' });
      urls.delete(id);
      return {};
    },
    async startDebugSession() {
      throw new Error('No debugging in WebKit here: run the file in Chromium with --manual');
    },

    /** Runs `fn` (no closures) in the page and gives its result. */
    execute: (fn, ...args) => call('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args }),
    windowRect: () => call('GET', '/window/rect'),
    setWindowRect: (rect) => call('POST', '/window/rect', rect),
    keys: (actions) => call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] }),

    sendMouseMove: (_, x, y) => pointer([{ type: 'pointerMove', duration: 0, x, y }]),
    sendMouseClick: (_, x, y, button = 'left') =>
      pointer([
        { type: 'pointerMove', duration: 0, x, y },
        { type: 'pointerDown', button: BUTTONS[button] },
        { type: 'pointerUp', button: BUTTONS[button] },
      ]),
    sendMouseDown: (_, button = 'left') => pointer([{ type: 'pointerDown', button: BUTTONS[button] }]),
    sendMouseUp: (_, button = 'left') => pointer([{ type: 'pointerUp', button: BUTTONS[button] }]),
    resetMouse: () => call('DELETE', '/actions'),
  };
}
