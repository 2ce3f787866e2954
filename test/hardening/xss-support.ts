// The XSS corpus tests share one way to end every step: nothing ran, nothing dangerous in the DOM.
import { expect } from '@open-wc/testing';
import { audit, installTrap } from './helpers.js';

const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

let trap: ReturnType<typeof installTrap> | undefined;

/** Installs the trap around every test of the calling file. */
export function trapEveryTest() {
  beforeEach(() => {
    trap = installTrap();
  });
  afterEach(() => trap?.restore());
}

/** What the trap caught so far in this test. */
export const fired = () => trap!.fired;

/** Nothing ran and nothing dangerous is in the DOM: the assertion every step ends with. */
export async function assertInert(host: Element, what: string, { wait = true, ...options }: Parameters<typeof audit>[1] & { wait?: boolean } = {}) {
  // Event handlers of injected images and the like would fire within a few ticks; the structural
  // audit needs no wait, so steps in a row wait once, at the end.
  if (wait) await settle();
  expect(fired(), `payloads ran (${what})`).to.deep.equal([]);
  expect(audit(host, options), what).to.deep.equal([]);
  expect(document.querySelectorAll('iframe, object, embed').length, `active elements in the page (${what})`).to.equal(0);
}
