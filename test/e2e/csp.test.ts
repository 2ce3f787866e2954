// Strict CSP (issue 8, item 2): the demo school page served with the policy docs/csp.md gives a
// school, every feature used through the UI in headless Chromium, and not one
// `securitypolicyviolation`. Needs `npm run build` first (npm test builds).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launch, screenshotFile, sendHelpRequest, startDemo, stepper, t, VISITOR, type Demo } from './hardening-support.js';

/**
 * The policy of docs/csp.md, with the receiver's origin in `connect-src`. Beyond the list:
 * `img-src 'self' blob:` for the screenshot thumbnails (object URLs of the re-encoded images);
 * `connect-src 'self'` also covers the specialists JSON, the regulation and the profile.
 */
export const policy = (receiverOrigin: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob:",
    `connect-src 'self' ${receiverOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  column: number;
  sample: string;
}

declare global {
  interface Window {
    __violations: Violation[];
  }
}

/** Records every violation from the first byte of the page on, with where it came from. */
async function watch(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${(error as Error).message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        window.__violations.push({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          source: e.sourceFile,
          line: e.lineNumber,
          column: e.columnNumber,
          sample: e.sample,
        }),
      true,
    );
  });
  return {
    errors,
    violations: () => page.evaluate(() => window.__violations),
  };
}

const describeViolations = (list: Violation[]) =>
  list.map((v) => `${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}:${v.line}:${v.column} «${v.sample}»`).join('\n');

describe('the demo under a strict Content-Security-Policy', () => {
  let demo: Demo;
  let browser: Browser;
  let shot: Awaited<ReturnType<typeof screenshotFile>>;

  before(async () => {
    demo = await startDemo((receiverOrigin) => ({ 'Content-Security-Policy': policy(receiverOrigin) }));
    browser = await launch();
    shot = await screenshotFile();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    shot?.dispose();
  });

  it('is enforced: the page cannot assign HTML strings or load another origin (the watch can fail)', async () => {
    const page = await browser.newPage();
    const watched = await watch(page);
    await page.goto(`${demo.origin}/`);
    const threw = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(threw, 'Trusted Types did not stop an HTML string');
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'http://127.0.0.2:9/x.png' })));
    await page.waitForFunction(() => window.__violations.some((v) => v.directive === 'img-src'));
    const directives = (await watched.violations()).map((v) => v.directive);
    assert.ok(directives.includes('require-trusted-types-for'), directives.join());
    await page.close();
  });

  it('shows all three elements and lets a visitor use every feature, with zero violations', { timeout: 180_000 }, async () => {
    const context = await browser.createBrowserContext();
    await context.overridePermissions(demo.origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const page = await context.newPage();
    // A page in the background gets throttled timers and no animation frames: waits would starve.
    await page.bringToFront();
    const watched = await watch(page);
    const step = stepper(page);
    await page.goto(`${demo.origin}/`, { waitUntil: 'load' });

    const dir = 'specialist-directory';
    await step('the directory lists specialists and searches', async () => {
      await page.waitForSelector(`${dir} >>> [part~=card]`, { timeout: 15_000 });
      const all = (await page.$$(`${dir} >>> [part~=card]`)).length;
      await page.locator(`${dir} >>> input[part~=search]`).fill('журнал');
      await page.waitForFunction((n) => document.querySelector('specialist-directory')!.shadowRoot!.querySelectorAll('[part~=card]').length < n, {}, all);
      await page.locator(`${dir} >>> input[part~=search]`).fill('');
    });
    await step('the directory filters by who is asking', async () => {
      const chips = await page.$$(`${dir} >>> [part~=chip]`);
      assert.ok(chips.length >= 2, 'no "who is asking" chips');
      await chips[1]!.click();
      await page.waitForFunction(() => document.querySelector('specialist-directory')!.shadowRoot!.querySelectorAll('[part~=chip]')[1]!.getAttribute('aria-pressed') === 'true');
      await chips[0]!.click();
    });
    await step('the directory copies an address', async () => {
      const copy = await page.waitForSelector(`${dir} >>> [part~=copy]`);
      const value = (await copy!.evaluate((b) => b.getAttribute('aria-label')!)).replace(`${t('directory.copy')}: `, '');
      await copy!.click();
      await page.waitForFunction((v) => navigator.clipboard.readText().then((text) => text === v), { timeout: 10_000 }, value);
    });
    await step('"write a request" leads to the form', async () => {
      await (await page.waitForSelector(`${dir} >>> [part~=write]`))!.click();
    });

    const reg = 'regulation-viewer';
    await step('the regulation\'s contents link to a point', async () => {
      await page.waitForSelector(`${reg} >>> [part~=point]`, { timeout: 15_000 });
      const tocLink = await page.waitForSelector(`${reg} >>> [part~=toc] a[href^="#p-"]`);
      const href = await tocLink!.evaluate((a) => a.getAttribute('href')!);
      await tocLink!.click();
      await page.waitForFunction((h) => location.hash === h, {}, href);
    });
    await step('the regulation searches and steps through matches', async () => {
      await page.locator(`${reg} >>> [part~=search-input]`).fill('журнал');
      await page.keyboard.press('Enter');
      const second = new RegExp(`^${t('regulation.matches', { i: 2, n: 999 }).replace('999', '\\d+')}$`);
      await page.waitForFunction(
        (re) => new RegExp(re).test(document.querySelector('regulation-viewer')!.shadowRoot!.querySelector('[part~=search] [role=status]')?.textContent?.trim() ?? ''),
        { timeout: 10_000 },
        second.source,
      );
    });
    let link = '';
    await step('the regulation copies a link to a point', async () => {
      await (await page.waitForSelector(`${reg} >>> [part~=copy-button]`))!.click();
      await page.waitForFunction(() => navigator.clipboard.readText().then((text) => /#p-/.test(text)), { timeout: 10_000 });
      link = await page.evaluate(() => navigator.clipboard.readText());
    });

    await step('the form sends a parent\'s request with a screenshot', async () => {
      const id = await sendHelpRequest(page, shot.path);
      const [row] = demo.receiver.rows<{ request: string; seq: number }>('SELECT seq, request FROM requests WHERE number = ?', id);
      assert.ok(row, `no row for request ${id}`);
      assert.equal(JSON.parse(row.request).description, VISITOR.description);
      assert.equal(demo.receiver.rows('SELECT n FROM attachments WHERE request_seq = ?', row.seq).length, 1);
    });

    await step('the copied link opens the page at that point', async () => {
      await page.goto(link, { waitUntil: 'load' });
      await page.waitForFunction(
        (p) => document.querySelector('regulation-viewer')?.shadowRoot?.getElementById(p)?.classList.contains('targeted'),
        { timeout: 15_000 },
        new URL(link).hash.slice(1),
      );
    });
    await step('the page prints', async () => {
      await page.emulateMediaType('print');
      await page.pdf({ format: 'A4' });
    });

    const violations = await watched.violations();
    assert.equal(violations.length, 0, `CSP violations:\n${describeViolations(violations)}`);
    assert.deepEqual(watched.errors, []);
    await context.close();
  });
});
