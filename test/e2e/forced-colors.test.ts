// Windows High Contrast (forced colors) repaints every fill and shadow with the system's few
// colours, so states shown only by a fill vanish: which "who is asking" chip is pressed, which
// search match is the current one, which point a link opened. The demo page in Chromium with
// forced colors emulated, through the built bundle.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launch, startDemo, type Demo } from './hardening-support.js';

describe('the demo in forced colors (Windows High Contrast)', () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await launch();
    page = await browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
    await page.goto(`${demo.origin}/#p-4`, { waitUntil: 'load' });
    assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), 'forced colors are not emulated');
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('shows which "who is asking" chip is pressed', async () => {
    const chip = 'specialist-directory >>> [part~=chip]';
    await page.waitForSelector(chip, { timeout: 15_000 });
    await (await page.$$(chip))[2]!.click();
    const looks = await page.$$eval(chip, (chips) =>
      chips.map((c) => `${c.getAttribute('aria-pressed')} ${getComputedStyle(c).backgroundColor} ${getComputedStyle(c).color}`),
    );
    const pressed = looks.filter((l) => l.startsWith('true'));
    assert.equal(pressed.length, 1, looks.join('\n'));
    const look = (l: string) => l.replace(/^\w+ /, '');
    assert.ok(looks.filter((l) => l.startsWith('false')).every((l) => look(l) !== look(pressed[0]!)), `the pressed chip looks like the others:\n${looks.join('\n')}`);
  });

  it('marks the point a link opened, and the current search match apart from the others', async () => {
    const regulation = 'regulation-viewer';
    await page.waitForSelector(`${regulation} >>> #p-4.targeted`, { timeout: 15_000 });
    const outline = await page.$eval(`${regulation} >>> #p-4`, (p) => getComputedStyle(p).outlineStyle);
    assert.notEqual(outline, 'none', 'the linked point has no marker');
    const [all, current] = await page.$eval(regulation, (el) =>
      ['jhw-regulation', 'jhw-regulation-current'].map((name) => getComputedStyle(el.shadowRoot!.querySelector('[part~=document]')!, `::highlight(${name})`).backgroundColor),
    );
    assert.notEqual(all, current, 'every match is painted alike');
  });
});
