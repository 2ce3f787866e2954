// SPEC section 1: the widgets survive the site's own scripts. Old libraries and "polyfills" add
// enumerable properties to Object.prototype; zod's schemas used to throw while the bundle loaded,
// so no element was defined at all (scripts/own-keys.mjs). The built bundle, the demo page, the
// real receiver: every element shows, and a parent's request is stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ElementHandle } from 'puppeteer-core';
import { demoSuite, stepper, VISITOR } from './hardening-support.js';

describe('the demo on a page whose scripts add to Object.prototype', () => {
  const suite = demoSuite();

  it('shows all three elements, and a request is sent and stored', { timeout: 120_000 }, async () => {
    const { demo, browser, shot } = suite;
    const page = await browser.newPage();
    await page.bringToFront();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push((error as Error).message));
    await page.evaluateOnNewDocument(() => {
      // What such a library does: enumerable, on every object.
      (Object.prototype as Record<string, unknown>).siteHelper = 'x';
      (Object.prototype as Record<string, unknown>).each = function () {};
    });
    const step = stepper(page);
    await page.goto(`${demo.origin}/`, { waitUntil: 'load' });
    await step('the directory lists specialists', () => page.waitForSelector('specialist-directory >>> [part~=card]', { timeout: 15_000 }));
    await step('the regulation shows its points', () => page.waitForSelector('regulation-viewer >>> #p-1', { timeout: 15_000 }));
    // Puppeteer's locators and waitForFunction run their own scripts in the page, which the polluted
    // prototype trips: the form is filled through element handles (real clicks and keystrokes) and
    // watched with plain evaluate() polls.
    const form = (selector: string) => page.waitForSelector(`help-request-form >>> ${selector}`);
    const until = async (what: string, check: () => boolean) => {
      for (const start = Date.now(); !(await page.evaluate(check)); ) {
        if (Date.now() - start > 30_000) throw new Error(`no ${what}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    };
    const text = () => page.evaluate(() => document.querySelector('help-request-form')!.shadowRoot!.querySelector('[part~=result]')?.textContent ?? '');
    let id = '';
    await step('a parent sends a request with a screenshot', async () => {
      await (await form('input[type=radio][value=parent]'))!.click();
      await (await form('input[name=fullName]'))!.type(VISITOR.fullName);
      await (await form('input[name=childClass]'))!.type(VISITOR.childClass);
      await (await form('textarea[name=description]'))!.type(VISITOR.description);
      await ((await form('input[type=file]')) as ElementHandle<HTMLInputElement>).uploadFile(shot.path);
      await until('screenshot preview', () => !!document.querySelector('help-request-form')!.shadowRoot!.querySelector('[part~=screenshot] img'));
      await (await form('input[name=consent]'))!.click();
      await (await form('[part~=submit]'))!.click();
      await until('result', () => /№/.test(document.querySelector('help-request-form')!.shadowRoot!.querySelector('[part~=result]')?.textContent ?? ''));
      id = /№\s*(\S+)/.exec(await text())?.[1] ?? '';
    });
    assert.match(id, /^\d{4}-\d{6}$/);
    const [row] = demo.receiver.rows<{ request: string }>('SELECT request FROM requests WHERE number = ?', id);
    assert.ok(row, 'the receiver did not store the request');
    assert.equal(JSON.parse(row.request).role, 'parent');
    assert.deepEqual(errors, []);
    const warnings = await page.evaluate(() =>
      ['specialist-directory', 'regulation-viewer', 'help-request-form'].map((n) => document.querySelector(n)?.shadowRoot?.querySelector('[part~=config-error]')?.textContent ?? ''),
    );
    assert.deepEqual(warnings, ['', '', ''], 'an element reported a problem that is not there');
    await page.close();
  });
});
