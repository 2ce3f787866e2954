import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { SPECIALIST_KINDS } from '../../src/schema/specialists.js';
import type { SpecialistDirectory } from '../../src/specialist-directory/specialist-directory.js';
import { payloads, type Payload } from '../fixtures/xss-corpus.js';
import { audit, inlineJson } from './helpers.js';
import { assertInert, fired, trapEveryTest } from './xss-support.js';

trapEveryTest();

describe('hardening: the checks themselves', () => {
  it('the trap catches a payload that runs, in this browser', async () => {
    const div = document.createElement('div');
    document.body.append(div);
    div.innerHTML = payloads.find((p) => p.payload.startsWith('<image src=x onerror'))!.payload;
    await waitUntil(() => fired().length > 0, 'the trap did not fire for an injected <image onerror>', { timeout: 5000 });
    div.remove();
  });

  it('the audit finds handlers, active elements and unsafe URLs in nested shadow roots', async () => {
    const outer = await fixture(html`<div></div>`);
    const inner = document.createElement('span');
    outer.attachShadow({ mode: 'open' }).append(inner);
    inner.attachShadow({ mode: 'open' }).innerHTML =
      '<a href="javascript:void 0" onclick="x">a</a><iframe></iframe><img src="data:image/png,x"><a href="#p-1">ok</a>';
    const problems = audit(outer);
    expect(problems.join('\n')).to.include('onclick').and.include('<iframe>').and.include('javascript:').and.include('data:');
    // A link to a point of the same document is fine.
    expect(problems.join('\n')).not.to.include('#p-1');
  });
});

/** Lone surrogates replaced: `encodeURIComponent` throws on them. */
const wellFormed = (s: string) => (s as string & { toWellFormed(): string }).toWellFormed();

/** Every text field of the specialists format carries the payload; URL fields carry it too, and valid URLs built from it. */
function specialistsFile(list: readonly Payload[]) {
  const text = (p: string, max: number) => p.replace(/\s+/g, ' ').trim().slice(0, max).trim() || 'x';
  return {
    version: 1,
    timeZone: 'Europe/Moscow',
    specialists: list.map(({ id, payload }, i) => ({
      // A few ids are the payload itself: the entry is skipped and named in the webmaster's notice.
      id: i % 10 === 0 ? payload : `s-${id}`,
      kind: SPECIALIST_KINDS[i % SPECIALIST_KINDS.length],
      name: text(payload, 200),
      position: text(payload, 300),
      serves: ['staff', 'parent', 'student'],
      channels: [
        { type: 'journal-mail', recipient: text(payload, 200) },
        { type: 'in-person', place: text(payload, 200), hours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }] },
        { type: 'link', url: payload, label: text(payload, 200) },
        { type: 'web-form', url: payload, label: text(payload, 200) },
        { type: 'link', url: `https://ok.example/?q=${encodeURIComponent(wellFormed(payload))}`, label: text(payload, 200) },
        { type: 'email', address: payload },
        { type: 'email', address: 'admin@school.example' },
        { type: 'phone', number: payload },
        { type: 'phone', number: '+7 (000) 000-00-00' },
      ],
    })),
  };
}

async function showAll(el: SpecialistDirectory) {
  for (let i = 0; i < 10; i++) {
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=more]');
    if (!more) return;
    more.click();
    await el.updateComplete;
  }
}

describe('hardening: the XSS corpus through <specialist-directory>', () => {
  const data = specialistsFile(payloads);
  const schoolName = payloads.find((p) => p.payload.includes('"><img'))!.payload;

  it(`renders ${payloads.length} specialists made of payloads, from an inline script, as text`, async function () {
    this.timeout(30_000);
    const el = await fixture<SpecialistDirectory>(html`<specialist-directory school-name=${schoolName} journal-url=${payloads[2]!.payload}
      ><script type="application/json">
        ${inlineJson(data)}
      </script></specialist-directory
    >`);
    // The template above would bind text; the JSON goes in as the webmaster would paste it.
    el.querySelector('script')!.textContent = inlineJson(data);
    el.requestUpdate();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=card]'), 'no cards', { timeout: 10_000 });
    await showAll(el);
    expect(el.shadowRoot!.querySelectorAll('[part~=card]').length).to.be.greaterThan(payloads.length * 0.8);
    await assertInert(el, 'inline specialists');
    // The safe URLs made from payloads are links; the unsafe ones are not.
    const hrefs = [...el.shadowRoot!.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.some((h) => h.startsWith('https://ok.example/?q='))).to.be.true;
    expect(hrefs.some((h) => h.startsWith('mailto:admin@school.example'))).to.be.true;
  });

  it('renders the same file from src, and searches for every payload', async function () {
    this.timeout(60_000);
    const src = URL.createObjectURL(new Blob([JSON.stringify(data)], { type: 'application/json' }));
    const el = await fixture<SpecialistDirectory>(html`<specialist-directory src=${src} school-name=${schoolName}></specialist-directory>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=card]'), 'no cards', { timeout: 10_000 });
    await assertInert(el, 'specialists from src');
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[part~=search]')!;
    for (const { id, payload } of payloads) {
      search.value = payload;
      search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(fired(), `search for payload ${id}`).to.deep.equal([]);
    }
    await assertInert(el, 'after searching for every payload');
    URL.revokeObjectURL(src);
  });
});

