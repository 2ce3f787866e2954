// Privacy (issue 8, item 7): over a whole visit to the demo school page (load, fill, send,
// success) the browser talks only to the page's origin and the endpoint's, and once the request
// is stored nothing the parent typed stays in the browser. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { demoSuite, sendHelpRequest, stepper, VISITOR } from './hardening-support.js';

/** Everything the page can still read about the visit: web storage, cookies, IndexedDB, Cache Storage, the URL and history. */
async function leftovers(page: Page): Promise<Record<string, unknown>> {
  // No named functions inside: tsx would wrap them in a helper that exists only in Node.
  const inPage = await page.evaluate(async () => {
    const [session, local] = [sessionStorage, localStorage].map((s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i)!, s.getItem(s.key(i)!)])));
    const databases: Record<string, Record<string, unknown[]>> = {};
    for (const { name, version } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const stores: Record<string, unknown[]> = {};
      for (const store of db.objectStoreNames) {
        stores[store] = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        });
      }
      db.close();
      databases[name] = stores;
    }
    const cached: string[] = [];
    for (const key of await caches.keys()) {
      for (const request of await (await caches.open(key)).keys()) cached.push(request.url);
    }
    return {
      sessionStorage: session,
      localStorage: local,
      documentCookie: document.cookie,
      indexedDB: databases,
      cacheStorage: cached,
      url: location.href,
      historyState: history.state,
      windowName: window.name,
    };
  });
  const cookies = await page.browserContext().cookies();
  return { ...inPage, cookies };
}

/** Which of the visitor's values occur anywhere in `data`. */
function personalDataIn(data: unknown): string[] {
  const text = JSON.stringify(data);
  return Object.entries(VISITOR)
    .filter(([, value]) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)))
    .map(([field]) => field);
}

describe('privacy over a whole visit to the demo page', () => {
  const suite = demoSuite();

  it('sends requests only to the page and the endpoint, and leaves no personal data behind', { timeout: 120_000 }, async () => {
    const { demo, browser, shot } = suite;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.bringToFront();
    const step = stepper(page);
    const requests: HTTPRequest[] = [];
    page.on('request', (request) => requests.push(request));
    const endpointOrigin = new URL(demo.receiver.url).origin;

    await step('load the page', () => page.goto(`${demo.origin}/`, { waitUntil: 'networkidle0' }));
    let id = '';
    await step('fill in, send and see the success message', async () => {
      id = await sendHelpRequest(page, shot.path);
    });
    await step('wait for the page to be idle after success', () => page.waitForNetworkIdle({ idleTime: 500, timeout: 10_000 }));

    // Only the two origins the webmaster configured. data: and blob: URLs never leave the browser.
    const network = requests.map((r) => new URL(r.url())).filter((u) => u.protocol !== 'data:' && u.protocol !== 'blob:');
    const foreign = network.filter((u) => u.origin !== demo.origin && u.origin !== endpointOrigin).map(String);
    assert.deepEqual(foreign, [], `requests to other origins: ${foreign.join(', ')}`);
    // The check saw the real traffic: the page, the bundle, and the submission itself.
    assert.ok(network.some((u) => u.pathname.endsWith('.iife.js')), 'the bundle request was not seen');
    const posts = requests.filter((r) => r.method() === 'POST');
    assert.ok(posts.length >= 1 && posts.every((r) => new URL(r.url()).origin === endpointOrigin), 'the submission went elsewhere');
    // No cookie or other credential rides along to the endpoint.
    for (const post of posts) assert.equal(post.headers().cookie, undefined);

    assert.ok(demo.receiver.rows('SELECT seq FROM requests WHERE number = ?', id).length === 1, `request ${id} was not stored`);
    const left = await leftovers(page);
    assert.deepEqual(personalDataIn(left), [], `personal data left in the browser after success: ${JSON.stringify(left).slice(0, 2000)}`);
    await context.close();
  });

  it('the probe sees what a form keeps while the visitor types (the check can fail)', { timeout: 60_000 }, async () => {
    const { demo, browser } = suite;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.bringToFront();
    await page.goto(`${demo.origin}/`, { waitUntil: 'load' });
    await page.locator('help-request-form >>> input[type=radio][value=parent]').click();
    await page.locator('help-request-form >>> input[name=fullName]').fill(VISITOR.fullName);
    await page.locator('help-request-form >>> textarea[name=description]').fill(VISITOR.description);
    // The draft (SPEC: sessionStorage only, wiped after success) is there before sending.
    await page.waitForFunction(() => sessionStorage.length > 0, { timeout: 10_000 });
    const found = personalDataIn(await leftovers(page));
    assert.ok(found.includes('fullName') && found.includes('description'), `the draft was not seen: ${found.join(', ')}`);
    await context.close();
  });
});
