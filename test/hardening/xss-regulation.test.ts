import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RegulationViewer } from '../../src/regulation-viewer/regulation-viewer.js';
import { asMarkdown, payloads } from '../fixtures/xss-corpus.js';
import { assertInert, trapEveryTest } from './xss-support.js';

trapEveryTest();

/** Lone surrogates replaced: `encodeURIComponent` throws on them. */
const wellFormed = (s: string) => (s as string & { toWellFormed(): string }).toWellFormed();

/** A long document is rendered in steps: every numbered payload must be on the page before the audit. */
const allPoints = (el: Element) =>
  waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=point]').length >= payloads.length, 'not every point was rendered', { timeout: 20_000 });

describe('hardening: the XSS corpus through <regulation-viewer>', () => {
  /** Payloads in the approval block too: the lines before the first heading. */
  const markdown = `${payloads.slice(0, 30).map((p) => p.payload.replace(/\n/g, ' ')).join('\n')}\n\n${asMarkdown()}`;

  it(`renders ${payloads.length} payloads as Markdown (paragraphs, points, lists, headings) from an inline script, as text`, async function () {
    this.timeout(30_000);
    const el = document.createElement('regulation-viewer') as RegulationViewer;
    const script = Object.assign(document.createElement('script'), { type: 'text/markdown', textContent: markdown });
    el.append(script);
    document.body.append(el);
    await allPoints(el);
    await assertInert(el, 'inline regulation');
    const hrefs = [...el.shadowRoot!.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.filter((h) => !h.startsWith('#')).length, 'no link survived at all: the check would be vacuous').to.be.greaterThan(0);
    el.remove();
  });

  it('renders it from src, searches for payloads, and ignores payloads in the URL fragment', async function () {
    this.timeout(60_000);
    const src = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    const el = await fixture<RegulationViewer>(html`<regulation-viewer src=${src}></regulation-viewer>`);
    await allPoints(el);
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('[part~=search-input]')!;
    for (const { payload } of payloads.filter((_, i) => i % 3 === 0)) {
      search.value = payload.slice(0, 40);
      search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await el.updateComplete;
    }
    await assertInert(el, 'after searching');
    const hash = location.hash;
    for (const { payload } of payloads.filter((_, i) => i % 5 === 0)) {
      history.replaceState(null, '', `#p-1${encodeURIComponent(wellFormed(payload))}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      history.replaceState(null, '', `#${payload.replace(/\s/g, '')}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
    history.replaceState(null, '', hash || location.pathname + location.search);
    await assertInert(el, 'after hostile fragments');
    URL.revokeObjectURL(src);
  });
});
