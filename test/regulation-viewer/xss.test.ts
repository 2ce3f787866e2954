import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/regulation-viewer/define.js';
import type { RegulationViewer } from '../../src/regulation-viewer/regulation-viewer.js';
import { xssCorpus } from '../fixtures/regulation/xss-corpus.js';

declare global {
  interface Window {
    __xss?: () => void;
  }
}

/** What the renderer may create; anything else in the document came from the text. */
const ALLOWED = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'UL', 'OL', 'LI', 'EM', 'STRONG', 'A', 'BR', 'HR', 'SPAN', 'HEADER', 'BUTTON', 'svg', 'path']);
const SAFE_HREF = /^(https?:|mailto:|tel:|#)/i;

async function render(markdown: string): Promise<RegulationViewer> {
  const wrapper = await fixture(html`<div></div>`);
  const el = document.createElement('regulation-viewer');
  const script = document.createElement('script');
  script.type = 'text/markdown';
  script.textContent = markdown;
  el.append(script);
  wrapper.append(el);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="document"]'), 'the document never rendered', { timeout: 8000 });
  // Give event handlers (onerror, onload, ontoggle, refresh) a chance to fire if anything got through.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return el;
}

function problems(el: RegulationViewer): string[] {
  const found: string[] = [];
  for (const node of el.shadowRoot!.querySelectorAll('*')) {
    for (const { name, value } of node.attributes) {
      if (/^on/i.test(name)) found.push(`<${node.localName} ${name}>`);
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(name) && !SAFE_HREF.test(value)) found.push(`<${node.localName} ${name}="${value}">`);
    }
  }
  for (const node of el.shadowRoot!.querySelectorAll('[part~="document"] *')) {
    if (!ALLOWED.has(node.tagName)) found.push(`unexpected <${node.localName}>`);
    if ((node.localName === 'svg' || node.localName === 'path') && !node.closest('.copy')) found.push(`<${node.localName}> outside a copy button`);
  }
  return found;
}

describe('<regulation-viewer> against an XSS corpus', () => {
  let ran: string[];
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);

  beforeEach(() => {
    ran = [];
    errors.length = 0;
    window.__xss = () => ran.push(new Error().stack ?? 'called');
    window.addEventListener('error', onError);
  });
  afterEach(() => {
    delete window.__xss;
    window.removeEventListener('error', onError);
  });

  it(`has at least 30 payloads (${xssCorpus.length})`, () => {
    expect(xssCorpus.length).to.be.at.least(30);
  });

  it('runs nothing, adds no handler and no unsafe link for the whole corpus in one document', async () => {
    const el = await render(xssCorpus.join('\n\n'));
    expect(ran, 'a payload ran').to.deep.equal([]);
    expect(problems(el)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    const text = el.shadowRoot!.querySelector('[part~="document"]')!.textContent!;
    expect(text, 'raw HTML is shown as text').to.include('<script>__xss()</script>');
    expect(text).to.include('<img src=x onerror=__xss()>');
  });

  xssCorpus.forEach((payload, i) => {
    it(`payload ${i + 1} as a point, in a list and in a link: ${JSON.stringify(payload).slice(0, 60)}`, async () => {
      const el = await render(`# T\n\n1. ${payload}\n   - ${payload}\n\n[${payload}](https://ok.example) ${payload}`);
      expect(ran, 'a payload ran').to.deep.equal([]);
      expect(problems(el)).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });
  });

  it('keeps the links that are safe active', async () => {
    const el = await render('[a](https://ok.example) [b](mailto:a@b.example) [c](tel:+70000000000) [d](#p-1) <https://x.example>');
    const hrefs = [...el.shadowRoot!.querySelectorAll('[part~="document"] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://ok.example', 'mailto:a@b.example', 'tel:+70000000000', '#p-1', 'https://x.example']);
  });
});
