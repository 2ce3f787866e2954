import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../support/fixture-element.js';
import type { ProbeElement } from '../support/fixture-element.js';

const text = (el: ProbeElement, id: string) => el.shadowRoot!.getElementById(id)!.textContent!.trim();
const problems = (el: ProbeElement) => [...el.shadowRoot!.querySelectorAll('[part~="config-error"] li')].map((li) => li.textContent!.trim());

function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

describe('configuration profile (profile-src)', () => {
  it('fills every setting the attributes leave out', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element profile-src="/test/fixtures/profile-good.json"></probe-element>`);
    await waitUntil(() => text(el, 'school') !== '', 'profile never applied');
    expect(text(el, 'school')).to.equal('ОКОУ «Курская школа-интернат»');
    expect(text(el, 'journal')).to.equal('https://kursk1506084570.eljur.ru');
    expect(text(el, 'region')).to.equal('Курская область');
  });

  it('lets attributes win over the profile', async () => {
    const el = await fixture<ProbeElement>(
      html`<probe-element profile-src="/test/fixtures/profile-good.json" school-name="МБОУ СОШ № 5"></probe-element>`,
    );
    await waitUntil(() => text(el, 'region') !== '', 'profile never applied');
    expect(text(el, 'school')).to.equal('МБОУ СОШ № 5');
    expect(text(el, 'region')).to.equal('Курская область');
  });

  it('lets properties set by a script win over the profile, and falls back when they are cleared', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element profile-src="/test/fixtures/profile-good.json"></probe-element>`);
    await waitUntil(() => text(el, 'region') !== '');
    el.region = 'Орловская область';
    await el.updateComplete;
    expect(text(el, 'region')).to.equal('Орловская область');
    el.region = undefined;
    await el.updateComplete;
    expect(text(el, 'region')).to.equal('Курская область');
  });

  it('overrides visible strings from the profile', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element profile-src="/test/fixtures/profile-good.json"></probe-element>`);
    await waitUntil(() => text(el, 'retry') === 'Ещё раз', 'profile message not used');
  });

  it('names each bad key on the element and in the console, and keeps the good ones', async () => {
    const { warnings, restore } = captureWarnings();
    try {
      const el = await fixture<ProbeElement>(html`<probe-element profile-src="/test/fixtures/profile-bad.json"></probe-element>`);
      await waitUntil(() => problems(el).length === 2, 'problems not shown');
      expect(text(el, 'school')).to.equal('Школа № 1');
      expect(text(el, 'journal')).to.equal('');
      const [journal, unknown] = problems(el);
      expect(journal).to.contain('journalUrl').and.to.contain('https://');
      expect(unknown).to.contain('shoolRegion');
      expect(warnings.filter((w) => w.includes('journalUrl'))).to.have.length(1);
      expect(warnings.filter((w) => w.includes('shoolRegion'))).to.have.length(1);
    } finally {
      restore();
    }
  });

  it('says when the profile cannot be loaded, and still renders', async () => {
    const { warnings, restore } = captureWarnings();
    try {
      const el = await fixture<ProbeElement>(html`<probe-element profile-src="/test/fixtures/missing.json" region="Курская область"></probe-element>`);
      await waitUntil(() => problems(el).length === 1, 'problem not shown');
      expect(problems(el)[0]).to.contain('/test/fixtures/missing.json').and.to.contain('404');
      expect(text(el, 'region')).to.equal('Курская область');
      expect(warnings.some((w) => w.includes('missing.json'))).to.be.true;
    } finally {
      restore();
    }
  });

  it('checks attributes and properties like profile keys: a bad one is named once and the profile’s value used', async () => {
    const { warnings, restore } = captureWarnings();
    try {
      const el = await fixture<ProbeElement>(
        html`<probe-element profile-src="/test/fixtures/profile-good.json" journal-url="http://school.eljur.ru" school-name=" "></probe-element>`,
      );
      await waitUntil(() => text(el, 'journal') !== '', 'profile never applied');
      expect(text(el, 'journal')).to.equal('https://kursk1506084570.eljur.ru');
      expect(text(el, 'school')).to.equal('ОКОУ «Курская школа-интернат»');
      expect(problems(el)).to.deep.equal([
        'Атрибут journal-url не принят: Введите адрес, начинающийся с https://, например https://school.eljur.ru.',
        'Атрибут school-name не принят: Заполните это поле.',
      ]);
      el.region = 'Орловская область';
      await el.updateComplete;
      expect(warnings.filter((w) => w.includes('journal-url'))).to.have.length(1);
      el.journalUrl = 'https://school.eljur.ru';
      await el.updateComplete;
      expect(text(el, 'journal')).to.equal('https://school.eljur.ru');
      expect(problems(el)).to.deep.equal(['Атрибут school-name не принят: Заполните это поле.']);
    } finally {
      restore();
    }
  });

  it('speaks English to an English page', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element lang="en" profile-src="/test/fixtures/profile-bad.json"></probe-element>`);
    await waitUntil(() => problems(el).length === 2);
    expect(problems(el)[1]).to.contain('unknown key "shoolRegion"');
  });
});
