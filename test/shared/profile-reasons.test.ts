import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../support/fixture-element.js';
import type { ProbeElement } from '../support/fixture-element.js';

const problems = (el: ProbeElement) => [...el.shadowRoot!.querySelectorAll('[part~="config-error"] li')].map((li) => li.textContent!.trim());

// The browser's own errors ("Unexpected token '<'…", "Failed to fetch") are English and say nothing to
// a webmaster; the note says what is wrong with the file, in the element's language.
describe('a profile that cannot be read', () => {
  const cases: [string, string, string][] = [
    ['data:application/json,{"region": "Курская область",}', 'файл не в формате JSON', 'the file is not JSON'],
    ['/test/fixtures/site-page.html', 'по этому адресу HTML-страница, а не файл', 'the address gives an HTML page, not the file'],
    ['data:application/json,[1,2]', 'в файле не объект JSON { … }', 'the file is not a JSON object { … }'],
    ['/test/fixtures/missing.json', 'сервер ответил HTTP 404', 'the server answered HTTP 404'],
    ['http://127.0.0.1:9/profile.json', 'сервер не ответил', 'no answer'],
  ];
  for (const [src, ru, en] of cases) {
    it(`says why in the element's language: ${ru}`, async () => {
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        const el = await fixture<ProbeElement>(html`<probe-element profile-src=${src}></probe-element>`);
        await waitUntil(() => problems(el).length === 1, 'problem not shown', { timeout: 8000 });
        expect(problems(el)[0]).to.contain('Не удалось прочитать профиль настроек').and.to.contain(ru);
        el.setAttribute('lang', 'en');
        await waitUntil(() => problems(el)[0]?.includes(en), 'not in English');
        expect(problems(el)[0]).not.to.match(/Unexpected|Failed to fetch|JSON\.parse|NetworkError/);
      } finally {
        console.warn = warn;
      }
    });
  }
});
