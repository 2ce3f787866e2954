import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { emit } from '../../src/shared/events.js';
import { en } from '../../src/i18n/en.js';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import { setViewport } from '../support/driver.js';
import {
  LINKS,
  SCHOOL,
  button,
  choose,
  click,
  control,
  errorOf,
  fillParent,
  expectFocus,
  has,
  makeForm,
  notes,
  part,
  profileUrl,
  requestOf,
  ruText,
  settle,
  submit,
  testEndpoint,
  type,
  waitForResult,
  warnings,
} from './helpers.js';

const t = ruText;
const shadowText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<help-request-form>', () => {
  describe('accessibility', function () {
    // axe is slow on a cold, shared machine.
    this.timeout(30_000);

    it('is accessible when it opens, in Russian and in English', async () => {
      await expect(await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS })).to.be.accessible();
      await expect(await makeForm({ endpoint: '/x', lang: 'en', requester: 'staff', ...LINKS })).to.be.accessible();
    });

    it('is accessible with every error shown, in Russian and in English', async () => {
      for (const lang of ['ru', 'en']) {
        const el = await makeForm({ endpoint: '/x', lang, requester: 'parent', ...LINKS });
        await submit(el);
        expect(part(el, 'error'), lang).to.exist;
        await expect(el).to.be.accessible();
      }
    });
  });

  describe('defaults', () => {
    it('asks who is asking first, with nothing chosen and no role fields yet', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      const legend = el.shadowRoot!.querySelector('form legend')!;
      expect(legend.textContent).to.equal(t('form.role'));
      for (const role of ['form.staff', 'form.parent', 'form.student'] as const) {
        expect(control(el, t(role)).checked, role).to.be.false;
      }
      expect(has(el, t('form.fullName'))).to.be.false;
    });

    it('preselects the role from the requester attribute', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'student', ...LINKS });
      expect(control(el, t('form.student')).checked).to.be.true;
      expect(has(el, t('form.fullName'))).to.be.true;
    });

    it('shows the configured school read-only, with a control to change it', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      const text = shadowText(el);
      expect(text).to.include(SCHOOL['school-name']).and.include(SCHOOL.region).and.include(SCHOOL['journal-url']);
      expect(has(el, t('form.journalUrl'))).to.be.false;
      await click(el, button(el, t('form.changeSchool')));
      const journal = control(el, t('form.journalUrl'));
      expect(journal.value).to.equal(SCHOOL['journal-url']);
      expect(control(el, t('form.name')).value).to.equal(SCHOOL['school-name']);
      expectFocus(el, journal);
    });

    it('lets the visitor type the school when none is configured', async () => {
      const el = await makeForm({ endpoint: '/x', ...LINKS });
      expect(has(el, t('form.journalUrl'))).to.be.true;
      expect(has(el, t('form.name'))).to.be.true;
      expect(has(el, t('form.region'))).to.be.true;
    });

    it('has an unticked consent box, the consent text and the privacy policy as separate links', async () => {
      const el = await makeForm({ endpoint: '/x', ...LINKS });
      expect(control(el, t('form.consent')).checked).to.be.false;
      const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
      expect(links).to.deep.include([t('form.consentText'), LINKS['consent-url']]);
      expect(links).to.deep.include([t('form.privacy'), LINKS['privacy-policy-url']]);
    });

    it('says it is not an official appeal, and links the appeals channel only when configured', async () => {
      const plain = await makeForm({ endpoint: '/x', ...LINKS });
      expect(shadowText(plain)).to.include(t('form.notAppeal'));
      expect([...plain.shadowRoot!.querySelectorAll('a')].some((a) => a.textContent === t('form.appeals'))).to.be.false;
      const linked = await makeForm({ endpoint: '/x', ...LINKS, 'appeals-url': 'https://school.example/appeals' });
      const link = [...linked.shadowRoot!.querySelectorAll('a')].find((a) => a.textContent === t('form.appeals'));
      expect(link?.getAttribute('href')).to.equal('https://school.example/appeals');
    });

    it('lists what else is sent under a disclosure', async () => {
      const el = await makeForm({ endpoint: '/x', ...LINKS });
      const details = part<HTMLDetailsElement>(el, 'context')!;
      expect(details.open).to.be.false;
      expect(details.querySelector('summary')!.textContent).to.equal(t('form.context'));
      const text = details.textContent!;
      for (const key of ['form.pageUrl', 'form.userAgent', 'form.screen', 'form.lang', 'form.widgetVersion'] as const) {
        expect(text).to.include(t(key));
      }
      expect(text).to.include(navigator.userAgent).and.include(`${screen.width}x${screen.height}`);
    });

    it('warns the webmaster without an endpoint or the consent links, and drops an unsafe link', async () => {
      let el!: HTMLElement;
      const seen = await warnings(async () => {
        el = await makeForm({ 'appeals-url': 'javascript:alert(1)' });
      });
      expect(seen.some((w) => w.includes(t('form.noEndpoint')))).to.be.true;
      for (const name of ['consent-url', 'privacy-policy-url']) {
        expect(seen.some((w) => w.includes(t('form.noLink', { name }))), name).to.be.true;
      }
      expect(seen.some((w) => w.includes(t('common.badSetting', { name: 'appeals-url', reason: t('validation.url') })))).to.be.true;
      expect(part(el as never, 'config-error')).to.exist;
      expect(el.shadowRoot!.querySelector('a[href^="javascript"]')).to.be.null;
    });

    it('says on load that an http: endpoint cannot be reached from an https: page (mixed content), loopback excepted', async () => {
      const onPage = async (page: string, endpoint: string) => {
        const el = document.createElement('help-request-form');
        // The page's address as the element reads it: this test runner serves http: only.
        Object.defineProperty(el, 'baseURI', { value: page });
        for (const [k, v] of Object.entries({ endpoint, ...LINKS })) el.setAttribute(k, v);
        const shown = await warnings(async () => {
          await fixture(el);
          await el.updateComplete;
        });
        return { notes: notes(el), shown };
      };
      const note = t('form.mixedContent', { url: 'http://school.example/api/requests' });
      const mixed = await onPage('https://school.example/help.html', 'http://school.example/api/requests');
      expect(mixed.notes).to.deep.equal([note]);
      expect(mixed.shown).to.deep.equal([`<help-request-form>: ${note}`]);
      for (const [page, endpoint] of [
        ['https://school.example/help.html', 'https://school.example/api/requests'],
        ['https://school.example/help.html', '/api/requests'],
        ['https://school.example/help.html', 'http://localhost:8787/api/requests'],
        ['https://school.example/help.html', 'http://127.0.0.1:8787/api/requests'],
        ['http://school.example/help.html', 'http://school.example/api/requests'],
      ]) {
        expect((await onPage(page!, endpoint!)).notes, `${endpoint} from ${page}`).to.deep.equal([]);
      }
    });

    it('says there is no endpoint when the profile cannot be loaded and no attribute gives one', async () => {
      let el!: HelpRequestForm;
      const seen = await warnings(async () => {
        el = await makeForm({ 'profile-src': '/test/fixtures/missing.json', ...LINKS });
        await waitUntil(() => notes(el).length === 2, 'no notes');
      });
      expect(notes(el)[0]).to.include('missing.json');
      expect(notes(el)[1]).to.equal(t('form.noEndpoint'));
      expect(seen.filter((w) => w.includes(t('form.noEndpoint')))).to.have.length(1);
    });

    it('takes the endpoint from the profile, without a note', async () => {
      const endpoint = testEndpoint();
      const profile = profileUrl({ endpoint: endpoint.url, screenshotOptional: true, requester: 'parent' });
      let el!: HelpRequestForm;
      const seen = await warnings(async () => {
        el = await makeForm({ 'profile-src': profile, ...SCHOOL, ...LINKS });
        await waitUntil(() => control(el, t('form.parent')).checked, 'the profile was not applied');
        await fillParent(el);
        await submit(el);
        await waitForResult(el);
      });
      expect(seen).to.deep.equal([]);
      expect(await endpoint.log()).to.have.length(1);
    });

    it('does not warn when everything is configured', async () => {
      const seen = await warnings(() => makeForm({ endpoint: '/x', ...LINKS }));
      expect(seen).to.deep.equal([]);
    });
  });

  describe('roles', () => {
    it('shows the fields of the chosen role only', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      await choose(el, t('form.staff'));
      expect(has(el, t('form.fullName'))).to.be.false;
      expect(has(el, t('form.childClass'))).to.be.false;
      expect(control(el, t('form.email')).required).to.be.true;
      await choose(el, t('form.parent'));
      expect(has(el, t('form.fullName'))).to.be.true;
      expect(has(el, t('form.childClass'))).to.be.true;
      expect(control(el, t('form.email')).required).to.be.false;
    });

    it('asks a student for their own class and a parent for the child’s, by the same full-name field', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'student', ...SCHOOL, ...LINKS });
      expect(has(el, t('form.ownClass'))).to.be.true;
      expect(has(el, t('form.childClass'))).to.be.false;
      await choose(el, t('form.parent'));
      expect(has(el, t('form.childClass'))).to.be.true;
      expect(has(el, t('form.ownClass'))).to.be.false;
      expect(has(el, t('form.fullName'))).to.be.true;
    });

    it('keeps the description when the role changes, and sends only the fields of the final role', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      await choose(el, t('form.staff'));
      expect(control(el, t('form.description')).value).to.equal('Не вижу домашнее задание в дневнике сына.');
      await type(el, t('form.email'), 'teacher@school.ru');
      await submit(el);
      await waitForResult(el);
      const sent = requestOf((await endpoint.log())[0]!);
      expect(sent.role).to.equal('staff');
      expect(sent).not.to.have.any.keys('fullName', 'childClass');
      expect(sent.email).to.equal('teacher@school.ru');
    });
  });

  describe('validation', () => {
    const cases = [
      {
        role: 'staff',
        required: ['form.email', 'form.description'],
        malformed: [['form.email', 'teacher@', 'validation.email']],
      },
      {
        role: 'parent',
        required: ['form.fullName', 'form.childClass', 'form.description'],
        malformed: [
          ['form.childClass', '12Z', 'validation.childClass'],
          ['form.email', 'mama@', 'validation.email'],
          ['form.description', 'Ошибка', 'validation.tooShort'],
        ],
      },
      {
        role: 'student',
        required: ['form.fullName', 'form.ownClass', 'form.description'],
        malformed: [['form.ownClass', '7', 'validation.childClass']],
      },
    ] as const;

    for (const { role, required, malformed } of cases) {
      describe(role, () => {
        it('marks each missing required field, focuses the first and announces the count', async () => {
          const el = await makeForm({ endpoint: '/x', requester: role, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
          await submit(el);
          for (const label of required) {
            const input = control(el, t(label));
            expect(errorOf(input), label).to.equal(t('validation.required'));
            expect(input.getAttribute('aria-invalid'), label).to.equal('true');
          }
          expect(errorOf(control(el, t('form.consent')))).to.equal(t('validation.consent'));
          expectFocus(el, control(el, t(required[0])));
          expect(part(el, 'status')!.textContent!.trim()).to.equal(t('form.problems', { n: required.length + 1 }));
        });

        it('brings the first invalid field into view on a phone, a screen above the submit button (Safari focuses without scrolling)', async () => {
          await setViewport({ width: 390, height: 700 });
          try {
            const el = await makeForm({ endpoint: '/x', requester: role, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
            const field = control(el, t(required[0]));
            part(el, 'submit')!.scrollIntoView({ block: 'end' });
            expect(field.getBoundingClientRect().bottom, 'the field starts out of sight').to.be.below(0);
            await submit(el);
            expectFocus(el, field);
            const label = el.shadowRoot!.querySelector(`label[for=${field.id}]`)!;
            expect(label.getBoundingClientRect().top, 'its label is in view').to.be.at.least(0);
            expect(field.getBoundingClientRect().bottom, 'the field is in view').to.be.at.most(innerHeight);
          } finally {
            await setViewport({ width: 800, height: 600 });
          }
        });

        it('explains each malformed value under its field when the visitor leaves it', async () => {
          const el = await makeForm({ endpoint: '/x', requester: role, ...SCHOOL, ...LINKS });
          for (const [label, value, key] of malformed) {
            await type(el, t(label), value);
            expect(errorOf(control(el, t(label))), label).to.equal(t(key, { min: 10 }));
          }
        });
      });
    }

    it('writes the class as schools do when the visitor leaves it: digits, then a capital Cyrillic letter', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'parent', ...SCHOOL, ...LINKS });
      const field = control(el, t('form.childClass'));
      // Latin a, A, c, B; a space, a hyphen, lower case.
      for (const [typed, shown] of [['7a', '7А'], ['7 а', '7А'], ['11-б', '11Б'], ['5c', '5С'], ['10B', '10В'], [' 9 Е ', '9Е']]) {
        await type(el, t('form.childClass'), typed);
        expect(field.value, typed).to.equal(shown);
        expect(errorOf(field), typed).to.be.null;
      }
      // A Latin letter that looks like no Cyrillic one is the visitor's to fix.
      await type(el, t('form.childClass'), '7b');
      expect(field.value).to.equal('7b');
      expect(errorOf(field)).to.equal(t('validation.childClass'));
    });

    it('takes the letter of a class in quotes or after a space or hyphen, as schools also write it (and as smart punctuation on phones types it): 7 «А» is 7А', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'parent', ...SCHOOL, ...LINKS });
      const field = control(el, t('form.childClass'));
      for (const typed of ['7 "А"', '7 «А»', '7«а»', "7 'а'", '7-А', '7 а', '7 - "а"', '7 “А”', '7 „а“']) {
        await type(el, t('form.childClass'), typed);
        expect(field.value, typed).to.equal('7А');
        expect(errorOf(field), typed).to.be.null;
      }
      // Quotes around no letter, or two letters, are still the visitor's to fix.
      for (const typed of ['7 ""', '7 «АБ»']) {
        await type(el, t('form.childClass'), typed);
        expect(field.value, typed).to.equal(typed);
        expect(errorOf(field), typed).to.equal(t('validation.childClass'));
      }
    });

    it('sends the class written as schools do, even if the visitor did not leave the field', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      await type(el, t('form.childClass'), '7 a', { leave: false });
      await submit(el);
      await waitForResult(el);
      expect(requestOf((await endpoint.log())[0]!).childClass).to.equal('7А');
    });

    it('asks for the region and the journal or school name from staff when none is configured', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'staff', ...LINKS });
      await submit(el);
      expect(errorOf(control(el, t('form.region')))).to.equal(t('validation.required'));
      expect(errorOf(control(el, t('form.journalUrl')))).to.equal(t('validation.schoolOrJournal'));
      await type(el, t('form.journalUrl'), 'http://school.eljur.ru');
      expect(errorOf(control(el, t('form.journalUrl')))).to.equal(t('validation.httpsUrl'));
    });

    it('asks to choose a role first when none is chosen', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      await submit(el);
      expect(el.shadowRoot!.querySelector('#e-role')!.textContent).to.equal(t('validation.choice'));
      expectFocus(el, control(el, t('form.staff')));
      for (const role of ['form.staff', 'form.parent', 'form.student'] as const) {
        const radio = control(el, t(role));
        expect(errorOf(radio), 'the focused radio carries the error').to.equal(t('validation.choice'));
        expect([radio.getAttribute('aria-invalid'), radio.required]).to.deep.equal(['true', true]);
      }
      await choose(el, t('form.parent'));
      expect(control(el, t('form.staff')).getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows no error before the visitor leaves a field, and clears it once fixed', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'staff', ...SCHOOL, ...LINKS });
      await type(el, t('form.email'), 'teacher@', { leave: false });
      expect(errorOf(control(el, t('form.email')))).to.be.null;
      control(el, t('form.email')).blur();
      await el.updateComplete;
      expect(errorOf(control(el, t('form.email')))).to.equal(t('validation.email'));
      await type(el, t('form.email'), 'teacher@school.ru', { leave: false });
      expect(errorOf(control(el, t('form.email')))).to.be.null;
      expect(control(el, t('form.email')).getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows no error on fields the visitor only passes through, as keyboard and screen-reader users do to learn a form', async () => {
      const el = await makeForm({ endpoint: '/x', requester: 'parent', ...SCHOOL, ...LINKS });
      const passed = [t('form.fullName'), t('form.childClass'), t('form.description'), t('form.consent')].map((label) => control(el, label));
      for (const input of [control(el, t('form.parent')), ...passed]) {
        input.focus();
        input.blur();
      }
      await el.updateComplete;
      for (const input of passed) expect(errorOf(input), input.name).to.be.null;
      await type(el, t('form.description'), 'мало');
      expect(errorOf(control(el, t('form.description'))), 'a change then leaving still tells').to.equal(t('validation.tooShort', { min: 10 }));
    });

    it('requires a screenshot unless screenshot-optional is set', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS });
      await fillParent(el);
      await submit(el);
      expect(part(el, 'status')!.textContent!.trim()).to.equal(t('form.problems', { n: 1 }));
      expect(await endpoint.log()).to.have.length(0);
    });

    it('sends nothing without consent', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      await click(el, control(el, t('form.consent')));
      await submit(el);
      expectFocus(el, control(el, t('form.consent')));
      expect(await endpoint.log()).to.have.length(0);
    });
  });

  describe('school fields', () => {
    it('suggests https:// and accepts the journal address typed without it', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, requester: 'parent', ...LINKS, 'screenshot-optional': true });
      const journal = control(el, t('form.journalUrl'));
      journal.focus();
      await el.updateComplete;
      expect(journal.value).to.equal('https://');
      journal.blur();
      await el.updateComplete;
      expect(journal.value).to.equal('');
      await type(el, t('form.journalUrl'), 'kursk1506084570.eljur.ru');
      expect(errorOf(journal)).to.be.null;
      await fillParent(el);
      await submit(el);
      await waitForResult(el);
      expect(requestOf((await endpoint.log())[0]!).school.journalUrl).to.equal('https://kursk1506084570.eljur.ru');
    });

    it('shows the configured school in its fields when staff must add the region, and sends what it shows', async () => {
      const endpoint = testEndpoint();
      const { region: _, ...school } = SCHOOL;
      const el = await makeForm({ endpoint: endpoint.url, ...school, ...LINKS, 'screenshot-optional': true });
      await choose(el, t('form.staff'));
      expect(control(el, t('form.journalUrl')).value).to.equal(SCHOOL['journal-url']);
      expect(control(el, t('form.name')).value).to.equal(SCHOOL['school-name']);
      expect(control(el, t('form.region')).value).to.equal('');
      // A configured value the visitor clears is not sent either.
      await type(el, t('form.name'), '');
      await type(el, t('form.region'), 'Курская область');
      await type(el, t('form.email'), 'teacher@school.ru');
      await type(el, t('form.description'), 'Не вижу домашнее задание в журнале класса.');
      await click(el, control(el, t('form.consent')));
      await submit(el);
      await waitForResult(el);
      expect(requestOf((await endpoint.log())[0]!).school).to.deep.equal({ journalUrl: SCHOOL['journal-url'], region: 'Курская область' });
    });

    it('opens the configured school for a change with every configured value in its field', async () => {
      const { region: _, ...school } = SCHOOL;
      const el = await makeForm({ endpoint: '/x', requester: 'parent', ...school, ...LINKS });
      await click(el, button(el, t('form.changeSchool')));
      expect(control(el, t('form.journalUrl')).value).to.equal(SCHOOL['journal-url']);
      expect(control(el, t('form.name')).value).to.equal(SCHOOL['school-name']);
      await choose(el, t('form.staff'));
      expect(control(el, t('form.journalUrl')).value).to.equal(SCHOOL['journal-url']);
      expect(control(el, t('form.name')).value).to.equal(SCHOOL['school-name']);
    });

    it('neither shows nor sends a configured journal address that is not https://, and names it for the webmaster', async () => {
      const endpoint = testEndpoint();
      let el!: HelpRequestForm;
      const seen = await warnings(async () => {
        el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, 'journal-url': 'http://kursk1506084570.eljur.ru', ...LINKS, 'screenshot-optional': true });
      });
      expect(seen.filter((w) => w.includes('journal-url'))).to.have.length(1);
      expect(part(el, 'config-error')!.textContent).to.include('journal-url');
      expect(shadowText(el)).not.to.include('http://kursk');
      await click(el, button(el, t('form.changeSchool')));
      control(el, t('form.journalUrl')).blur();
      await el.updateComplete;
      expect(control(el, t('form.journalUrl')).value).to.equal('');
      await fillParent(el);
      await submit(el);
      await waitForResult(el);
      expect(requestOf((await endpoint.log())[0]!).school).to.deep.equal({ name: SCHOOL['school-name'], region: SCHOOL.region });
    });

    it('sends the school as changed by the visitor', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await click(el, button(el, t('form.changeSchool')));
      await type(el, t('form.region'), 'Белгородская область');
      await fillParent(el);
      await submit(el);
      await waitForResult(el);
      expect(requestOf((await endpoint.log())[0]!).school).to.deep.equal({
        journalUrl: SCHOOL['journal-url'],
        name: SCHOOL['school-name'],
        region: 'Белгородская область',
      });
    });
  });

  describe('with a mouse', () => {
    // Tall enough to see the description and the control clicked at once, as on a desktop.
    before(() => setViewport({ width: 800, height: 1400 }));
    after(() => setViewport({ width: 800, height: 600 }));
    afterEach(() => resetMouse());

    /** A real press and release at the middle of `target`, with the field above it in view. */
    async function mouseClick(el: HelpRequestForm, target: Element) {
      control(el, t('form.description')).scrollIntoView({ block: 'start' });
      const { x, y, width, height } = target.getBoundingClientRect();
      const position: [number, number] = [Math.round(x + width / 2), Math.round(y + height / 2)];
      await sendMouse({ type: 'move', position });
      await sendMouse({ type: 'down' });
      await el.updateComplete;
      await sendMouse({ type: 'up' });
      await settle(el);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await el.updateComplete;
    }

    it('keeps the click that leaves a too short description: the box is ticked, then the error shows', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      await choose(el, t('form.parent'));
      await type(el, t('form.fullName'), 'Иванова Мария Петровна');
      await type(el, t('form.childClass'), '7А');
      await type(el, t('form.description'), 'не грузит', { leave: false });
      const consent = control(el, t('form.consent'));
      await mouseClick(el, consent);
      expect(consent.checked, 'the consent box is ticked').to.be.true;
      expectFocus(el, consent);
      expect(errorOf(control(el, t('form.description')))).to.equal(t('validation.tooShort', { min: 10 }));
    });

    it('keeps the click on the submit button that leaves an obscene description', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await choose(el, t('form.parent'));
      await type(el, t('form.fullName'), 'Иванова Мария Петровна');
      await type(el, t('form.childClass'), '7А');
      await click(el, control(el, t('form.consent')));
      await type(el, t('form.description'), 'Опять какая-то х у й н я с оценками в журнале', { leave: false });
      await mouseClick(el, part(el, 'submit')!);
      expect(part(el, 'status')!.textContent!.trim(), 'the submit was heard').to.equal(t('form.problems', { n: 1 }));
      expect(errorOf(control(el, t('form.description')))).to.equal(t('validation.etiquette'));
      expect(await endpoint.log()).to.have.length(0);
    });
  });

  describe('etiquette', () => {
    it('does not send an obscene description, cites the rule and keeps the text', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      const rude = 'Опять какая-то х у й н я с оценками в журнале';
      await type(el, t('form.description'), rude);
      await submit(el);
      const description = control<HTMLTextAreaElement>(el, t('form.description'));
      expect(errorOf(description)).to.equal(t('validation.etiquette'));
      expect(description.value).to.equal(rude);
      expectFocus(el, description);
      expect(await endpoint.log()).to.have.length(0);
    });

    it('sends ordinary words that merely look alike', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      await type(el, t('form.description'), 'Хлебников застраховал оценки, учитель колебался, гребля и истребитель.');
      await submit(el);
      await waitForResult(el);
      expect(await endpoint.log()).to.have.length(1);
    });
  });

  describe('with the page', () => {
    it('comes into view and takes focus on help-request-open, with the role asked for', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      emit(document.body, 'help-request-open', { requester: 'staff' });
      await el.updateComplete;
      await el.updateComplete;
      expect(control(el, t('form.staff')).checked).to.be.true;
      expectFocus(el, control(el, t('form.email')));
    });

    it('comes into view with the page\'s heading above it still in sight', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      const heading = Object.assign(document.createElement('h2'), { textContent: 'Запрос в техническую поддержку' });
      const [before, after] = [0, 1].map(() => Object.assign(document.createElement('div'), { style: 'height: 150vh' }));
      el.before(before!, heading);
      el.after(after!);
      emit(document.body, 'help-request-open', {});
      await el.updateComplete;
      const top = heading.getBoundingClientRect().top;
      expect(top, 'the heading is not scrolled off the top').to.be.at.least(0);
      expect(el.getBoundingClientRect().top, 'the form starts near the top').to.be.below(innerHeight / 3);
    });

    it('lets a page script cancel the sending', async () => {
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      el.addEventListener('help-request-submit', (e) => e.preventDefault(), { once: true });
      const event = oneEvent(el, 'help-request-submit');
      await submit(el);
      const { detail } = await event;
      expect(detail.request.role).to.equal('parent');
      expect(detail.screenshots).to.equal(0);
      expect(await endpoint.log()).to.have.length(0);
    });
  });

  describe('layout', () => {
    /** Widths of everything in the shadow root that sticks out of the form's own box. */
    function overflow(el: HTMLElement): string[] {
      const limit = el.getBoundingClientRect().right + 0.5;
      return [...el.shadowRoot!.querySelectorAll('*')]
        .filter((node) => node.getBoundingClientRect().right > limit)
        .map((node) => `${node.localName}.${node.className || node.getAttribute('part')}`);
    }

    for (const [width, fontSize] of [
      ['320px', '16px'],
      ['640px', '32px'],
    ]) {
      it(`fits ${width} at ${fontSize} text without horizontal scrolling`, async () => {
        const wrapper = document.createElement('div');
        wrapper.style.cssText = `width:${width};font-size:${fontSize}`;
        document.body.append(wrapper);
        try {
          for (const requester of ['staff', 'parent']) {
            const el = await makeForm({ endpoint: `/${requester}`, requester, ...SCHOOL, ...LINKS });
            wrapper.append(el);
            await submit(el);
            part<HTMLDetailsElement>(el, 'context')!.open = true;
            await click(el, button(el, t('form.changeSchool')));
            expect(overflow(el), requester).to.deep.equal([]);
            expect(el.scrollWidth).to.be.at.most(el.clientWidth);
          }
        } finally {
          wrapper.remove();
        }
      });
    }
  });

  describe('in English', () => {
    it('speaks English, validation included', async () => {
      const el = await makeForm({ endpoint: '/x', lang: 'en', requester: 'staff', ...SCHOOL, ...LINKS });
      expect(control(el, en['form.email'] as string)).to.exist;
      await submit(el);
      expect(errorOf(control(el, en['form.email'] as string))).to.equal(en['validation.required']);
      expect(part(el, 'submit')!.textContent!.trim()).to.equal(en['form.submit']);
    });
  });
});
