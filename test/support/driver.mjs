// Commands the browser tests send to the browser's driver, the same in every browser they run in:
// @web/test-runner-commands has no viewport and no held key for WebDriver (WebKit, see
// webkit-launcher.mjs), and its typing there lost a repeated letter («Анна» became «Ана»).

/** WebDriver's code points for the named keys the tests press (W3C WebDriver, "Keyboard actions"). */
const WEBDRIVER_KEYS = { Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Escape: '\uE00C', ArrowUp: '\uE013', ArrowDown: '\uE015' };
const webdriverKey = (key) => WEBDRIVER_KEYS[key] ?? key;

export function driverPlugin() {
  return {
    name: 'driver',
    async executeCommand({ command, payload, session }) {
      if (command === 'viewport') return viewport(session, payload);
      if (command === 'keys') return keys(session, payload);
      if (command === 'media') return media(session, payload);
      return undefined;
    },
  };
}

/**
 * WebDriver has no viewport: its window is sized until the page's own viewport is the one asked
 * for (the window's toolbar takes its share, and the page sees the new size a frame or two later).
 */
async function viewport(session, { width, height }) {
  if (session.browser.type === 'puppeteer') {
    await session.browser.getPage(session.id).setViewport({ width, height });
    return true;
  }
  const webkit = session.browser;
  const current = () => webkit.execute(() => [innerWidth, innerHeight]);
  for (let tries = 0; tries < 20; tries++) {
    const [w, h] = await current();
    if (w === width && h === height) return true;
    const window = await webkit.windowRect();
    await webkit.setWindowRect({ width: window.width + width - w, height: window.height + height - h });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`could not make the viewport ${width}×${height}: it is ${(await current()).join('×')}`);
}

/** `{ type: 'text' }`, `{ press: 'Enter' }`, `{ down: 'Shift' }` or `{ up: 'Shift' }`, as @web/test-runner-commands takes them. */
async function keys(session, { type, press, down, up }) {
  if (session.browser.type === 'puppeteer') {
    const { keyboard } = session.browser.getPage(session.id);
    if (type !== undefined) await keyboard.type(type);
    else if (press !== undefined) await keyboard.press(press);
    else if (down !== undefined) await keyboard.down(down);
    else await keyboard.up(up);
    return true;
  }
  const strokes =
    type !== undefined
      ? [...type].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }])
      : press !== undefined
        ? [{ type: 'keyDown', value: webdriverKey(press) }, { type: 'keyUp', value: webdriverKey(press) }]
        : [{ type: down !== undefined ? 'keyDown' : 'keyUp', value: webdriverKey(down ?? up) }];
  await session.browser.keys(strokes);
  return true;
}

/** Emulates a CSS media type; false where the browser cannot (Firefox over WebDriver BiDi, WebKit). */
async function media(session, { media }) {
  if (session.browser.type !== 'puppeteer') return false;
  return session.browser
    .getPage(session.id)
    .emulateMediaType(media)
    .then(
      () => true,
      () => false,
    );
}
