import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/regulation-viewer/define.js';
import type { RegulationViewer } from '../../src/regulation-viewer/regulation-viewer.js';
import { payloads } from '../fixtures/xss-corpus.js';
import { installTrap } from '../hardening/helpers.js';

const bySource = (source: string) => payloads.find((p) => p.source.endsWith(source))!.payload;

/** What the renderer may create; anything else in the document came from the text. */
const ALLOWED = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'UL', 'OL', 'LI', 'EM', 'STRONG', 'A', 'BR', 'HR', 'SPAN', 'HEADER', 'BUTTON', 'DIV', 'TABLE', 'TR', 'TH', 'TD', 'svg', 'path']);
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
  let trap: ReturnType<typeof installTrap>;
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);

  beforeEach(() => {
    trap = installTrap();
    errors.length = 0;
    window.addEventListener('error', onError);
  });
  afterEach(() => {
    trap.restore();
    window.removeEventListener('error', onError);
  });

  it(`has at least 30 payloads (${payloads.length})`, () => {
    expect(payloads.length).to.be.at.least(30);
  });

  it('runs nothing, adds no handler and no unsafe link for the whole corpus in one document', async () => {
    const el = await render(payloads.map((p) => p.payload).join('\n\n'));
    const text = () => el.shadowRoot!.querySelector('[part~="document"]')!.textContent!;
    // A long document renders in steps after the first: the last payloads come a little later.
    await waitUntil(() => text().includes(bySource('cheat sheet: img onerror')), 'raw HTML is shown as text, to the last payload', { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text(), 'raw HTML is shown as text').to.include(bySource('Cheat Sheet: basic'));
    expect(trap.fired, 'a payload ran').to.deep.equal([]);
    expect(problems(el)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  for (const { id, payload, source } of payloads) {
    it(`payload ${id} as a point, in a list, in a link and in a table: ${source}`, async () => {
      const el = await render(`# T\n\n1. ${payload}\n   - ${payload}\n\n[${payload}](https://ok.example) ${payload}\n\n| ${payload} |\n|---|\n| [${payload}](https://ok.example) |`);
      expect(trap.fired, 'a payload ran').to.deep.equal([]);
      expect(problems(el)).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });
  }

  it('keeps the links that are safe active', async () => {
    const el = await render('[a](https://ok.example) [b](mailto:a@b.example) [c](tel:+70000000000) [d](#p-1) <https://x.example>');
    const hrefs = [...el.shadowRoot!.querySelectorAll('[part~="document"] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://ok.example', 'mailto:a@b.example', 'tel:+70000000000', '#p-1', 'https://x.example']);
  });
});
