import { expect, fixture, html } from '@open-wc/testing';
import { format, resolveLang, toLang } from '../../src/i18n/localize.js';
import { en } from '../../src/i18n/en.js';
import { ru } from '../../src/i18n/ru.js';
import '../support/fixture-element.js';
import '../../src/index.js';
import type { ProbeElement } from '../support/fixture-element.js';

const retry = (el: ProbeElement) => el.shadowRoot!.getElementById('retry')!.textContent!.trim();

describe('language resolution', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('uses the element’s own lang attribute first', async () => {
    document.documentElement.lang = 'ru';
    const el = await fixture<ProbeElement>(html`<probe-element lang="en"></probe-element>`);
    expect(retry(el)).to.equal('Retry');
  });

  it('uses the nearest ancestor’s lang next', async () => {
    document.documentElement.lang = 'ru';
    const wrapper = await fixture(html`<div lang="en-GB"><section><probe-element></probe-element></section></div>`);
    const el = wrapper.querySelector('probe-element') as ProbeElement;
    await el.updateComplete;
    expect(retry(el)).to.equal('Retry');
  });

  it('finds the page’s language through another component’s shadow root', async () => {
    const host = await fixture(html`<div lang="en"><div id="host"></div></div>`);
    const root = host.querySelector('#host')!.attachShadow({ mode: 'open' });
    const el = document.createElement('probe-element') as ProbeElement;
    root.append(el);
    await el.updateComplete;
    expect(resolveLang(el)).to.equal('en');
  });

  it('falls back to Russian without any lang, and for languages it does not ship', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
    expect(retry(el)).to.equal('Повторить');
    expect(toLang('de')).to.equal('ru');
    expect(toLang('EN-us')).to.equal('en');
  });

  it('marks its own text with the language it shows, so a page in German is not read out in Russian with a German voice', async () => {
    const wrapper = await fixture(html`<div lang="de">
      <help-request-form></help-request-form><specialist-directory></specialist-directory><regulation-viewer></regulation-viewer>
    </div>`);
    for (const el of wrapper.children) {
      await (el as ProbeElement).updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang'), el.localName).to.equal('ru');
    }
  });

  it('follows a language switch on the page', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
    document.documentElement.lang = 'en';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(retry(el)).to.equal('Retry');
  });

  it('lets a page override any string through the messages property', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element .messages=${{ 'common.retry': 'Попробовать снова' }}></probe-element>`);
    expect(retry(el)).to.equal('Попробовать снова');
  });
});

describe('message tables', () => {
  it('have the same keys in Russian and English, none empty', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(ru).sort());
    for (const [key, value] of [...Object.entries(ru), ...Object.entries(en)]) {
      expect(typeof value === 'string' ? value : value.other, key).to.not.equal('');
    }
  });

  it('fill placeholders and choose Russian plural forms', () => {
    const problems = { one: '{n} ошибка', few: '{n} ошибки', many: '{n} ошибок', other: '{n} ошибки' };
    expect(format(problems, 'ru', { n: 1 })).to.equal('1 ошибка');
    expect(format(problems, 'ru', { n: 3 })).to.equal('3 ошибки');
    expect(format(problems, 'ru', { n: 11 })).to.equal('11 ошибок');
    expect(format('Нужно {min} символов', 'ru', { min: 10 })).to.equal('Нужно 10 символов');
  });
});
