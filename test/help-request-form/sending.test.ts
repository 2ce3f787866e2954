import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { retryPolicy } from '../../src/help-request-form/send.js';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import {
  LINKS,
  SCHOOL,
  button,
  control,
  errorOf,
  expectFocus,
  fillParent,
  makeForm,
  part,
  requestOf,
  ruText as t,
  settle,
  submit,
  testEndpoint,
  type,
  waitForAlert,
  waitForResult,
  warnings,
} from './helpers.js';
import { setViewport } from '../support/driver.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A parent's complete request against a fresh test endpoint that answers with `answers` first. */
async function ready(answers: object[] = [], attrs: Record<string, string | boolean> = {}) {
  const endpoint = testEndpoint();
  await endpoint.script(answers);
  const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true, ...attrs });
  await fillParent(el);
  return { el, endpoint };
}

/** Attaches an image through the file picker, as a visitor does, and waits until it is listed. */
async function attach(el: HelpRequestForm, blob: Blob, name: string) {
  const picker = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
  const files = new DataTransfer();
  files.items.add(new File([blob], name, { type: 'image/png' }));
  picker.files = files.files;
  picker.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => part(el, 'screenshot'), 'not attached', { timeout: 8000 });
}

const alertText = (el: HelpRequestForm) => part(el, 'alert')!.textContent!.replace(/\s+/g, ' ').trim();

describe('<help-request-form> sending', function () {
  this.timeout(30_000);

  describe('accessibility', () => {
    for (const lang of ['ru', 'en']) {
      it(`is accessible while sending, after a failure and after success (${lang})`, async () => {
        const { el } = await ready([{ status: 201, delay: 1500 }], { lang });
        await submit(el);
        expect(part(el, 'status')!.textContent!.trim()).to.equal(lang === 'ru' ? t('form.sending') : en['form.sending']);
        await expect(el).to.be.accessible();
        await waitForResult(el);
        await expect(el).to.be.accessible();

        const failing = await ready([{ status: 400, body: { issues: [{ path: ['email'], message: 'bad' }] } }], { lang });
        await submit(failing.el);
        await waitForAlert(failing.el);
        await expect(failing.el).to.be.accessible();
      });
    }
  });

  describe('the wire', () => {
    it('posts multipart with a request part that parses back to what was typed, and one Idempotency-Key', async () => {
      const { el, endpoint } = await ready();
      const submitted = oneEvent(el, 'help-request-submit');
      await submit(el);
      const { detail } = await submitted;
      await waitForResult(el);
      const [received, ...more] = await endpoint.log();
      expect(more).to.have.length(0);
      expect(received!.contentType).to.match(/^multipart\/form-data; boundary=/);
      expect(received!.key).to.match(UUID);
      expect(received!.parts.map((p) => p.name)).to.deep.equal(['request']);
      const request = requestOf(received!);
      expect(request).to.deep.equal(JSON.parse(JSON.stringify(detail.request)));
      expect(request).to.deep.include({
        version: 1,
        role: 'parent',
        fullName: 'Иванова Мария Петровна',
        childClass: '7А',
        description: 'Не вижу домашнее задание в дневнике сына.',
        school: { journalUrl: SCHOOL['journal-url'], name: SCHOOL['school-name'], region: SCHOOL.region },
        consent: { accepted: true, version: LINKS['consent-url'] },
      });
      expect(request).not.to.have.property('email');
      expect(request.context).to.deep.equal({
        pageUrl: location.origin + location.pathname,
        userAgent: navigator.userAgent,
        screen: `${screen.width}x${screen.height}`,
        lang: 'ru',
        widgetVersion: '0.1.0',
      });
    });

    it('sends the configured consent version', async () => {
      const { el, endpoint } = await ready([], { 'consent-version': '2025-09' });
      await submit(el);
      await waitForResult(el);
      expect(requestOf((await endpoint.log())[0]!).consent).to.deep.equal({ accepted: true, version: '2025-09' });
    });
  });

  describe('success', () => {
    it('shows the request number and what happens next, fires help-request-success and offers a new request', async () => {
      const { el } = await ready([{ status: 201, body: { id: 'A-17', extra: true } }]);
      const succeeded = oneEvent(el, 'help-request-success');
      await submit(el);
      const { detail } = await succeeded;
      expect(detail).to.deep.equal({ id: 'A-17', response: { id: 'A-17', extra: true } });
      await waitForResult(el);
      const result = part(el, 'result')!;
      expect(result.textContent).to.include(t('form.done', { id: 'A-17' })).and.include(t('form.next'));
      await settle(el);
      expect(el.shadowRoot!.activeElement?.textContent).to.equal(t('form.done', { id: 'A-17' }));

      await button(el, t('form.new')).click();
      await settle(el);
      expect(part(el, 'result')).to.be.null;
      expect(control(el, t('form.description')).value).to.equal('');
      expect(control(el, t('form.consent')).checked).to.be.false;
      expectFocus(el, control(el, t('form.fullName')));
    });
  });

  describe('retries', () => {
    it('retries 503, 503 and ends in one success, with the same Idempotency-Key', async () => {
      const { el, endpoint } = await ready([{ status: 503 }, { status: 503 }, { status: 201, body: { id: 'R-1' } }]);
      let successes = 0;
      el.addEventListener('help-request-success', () => successes++);
      await submit(el);
      await waitForResult(el);
      const log = await endpoint.log();
      expect(log).to.have.length(3);
      expect(new Set(log.map((r) => r.key)).size).to.equal(1);
      expect(new Set(log.map((r) => r.parts[0]!.value)).size, 'the same body each time').to.equal(1);
      expect(successes).to.equal(1);
      expect(part(el, 'result')!.textContent).to.include('R-1');
    });

    it('retries a dropped connection', async () => {
      const { el, endpoint } = await ready([{ status: 201, reset: true }]);
      await submit(el);
      await waitForResult(el);
      expect(await endpoint.log()).to.have.length(2);
    });

    it('tells the visitor it is retrying', async () => {
      const { el } = await ready([{ status: 503 }, { status: 201, delay: 1000 }]);
      await submit(el);
      await waitUntil(() => part(el, 'status')!.textContent!.includes(t('form.retrying', { n: 1, of: 3 })), 'no retry notice');
      await waitForResult(el);
    });

    it('honours Retry-After on 429', async () => {
      const { el, endpoint } = await ready([{ status: 429, headers: { 'Retry-After': '1' } }]);
      await submit(el);
      await waitForResult(el);
      const [first, second] = await endpoint.log();
      expect(second!.at - first!.at).to.be.at.least(1000);
    });

    it('stops after the first attempt and 3 retries, then offers "Retry" with the same key and loses nothing', async () => {
      const { el, endpoint } = await ready([{ status: 503 }, { status: 502 }, { status: 500 }, { status: 503 }]);
      const failed = oneEvent(el, 'help-request-error');
      await submit(el);
      expect((await failed).detail).to.deep.equal({ reason: 'server', status: 503, retryable: true });
      await waitForAlert(el);
      expect(alertText(el)).to.include(t('form.failed.server')).and.include(t('form.kept'));
      expect(await endpoint.log()).to.have.length(4);
      expect(control(el, t('form.description')).value).to.equal('Не вижу домашнее задание в дневнике сына.');

      await button(el, t('common.retry')).click();
      await waitForResult(el);
      const log = await endpoint.log();
      expect(log).to.have.length(5);
      expect(new Set(log.map((r) => r.key)).size).to.equal(1);
    });

    it('keeps the keyboard in the form through "Retry", and on the new "Retry" when it fails again', async () => {
      const fail = Array.from({ length: 4 }, () => ({ status: 503 }));
      const { el } = await ready([...fail, ...fail.slice(0, 3), { status: 503, delay: 300 }]);
      await submit(el);
      await waitForAlert(el);
      const retry = button(el, t('common.retry'));
      retry.focus();
      retry.click();
      await waitUntil(() => !part(el, 'alert'), 'the alert stays while sending');
      expectFocus(el, part(el, 'submit')!);
      await waitForAlert(el);
      await el.updateComplete;
      expectFocus(el, button(el, t('common.retry')));
    });

    it('keeps all retries within the time budget', async () => {
      const saved = { ...retryPolicy };
      Object.assign(retryPolicy, { base: 400, budget: 1000 });
      try {
        const { el, endpoint } = await ready([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
        await submit(el);
        await waitForAlert(el);
        const log = await endpoint.log();
        expect(log.length).to.be.within(2, 3);
        expect(log.at(-1)!.at - log[0]!.at).to.be.at.most(1000);
      } finally {
        Object.assign(retryPolicy, saved);
      }
    });

    it('uses a new key for a changed request', async () => {
      const { el, endpoint } = await ready([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
      await submit(el);
      await waitForAlert(el);
      const description = control<HTMLTextAreaElement>(el, t('form.description'));
      description.value = 'Не вижу домашнее задание и оценки в дневнике.';
      description.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await submit(el);
      await waitForResult(el);
      const keys = (await endpoint.log()).map((r) => r.key);
      expect(keys).to.have.length(5);
      expect(keys[4]).not.to.equal(keys[0]);
    });
  });

  describe('once only', () => {
    it('sends once on a double click', async () => {
      const { el, endpoint } = await ready([{ status: 201, delay: 300 }]);
      const submitButton = part(el, 'submit')!;
      submitButton.click();
      submitButton.click();
      await waitForResult(el);
      expect(await endpoint.log()).to.have.length(1);
    });

    it('sends once when the form is submitted again while sending (Enter twice)', async () => {
      const { el, endpoint } = await ready([{ status: 201, delay: 300 }]);
      const form = el.shadowRoot!.querySelector('form')!;
      form.requestSubmit();
      await settle(el);
      form.requestSubmit();
      expect(part(el, 'submit')!.getAttribute('aria-disabled')).to.equal('true');
      await waitForResult(el);
      expect(await endpoint.log()).to.have.length(1);
    });

    it('takes a click on «Отправить запрос» the moment focus moves to the field the endpoint named, with the same key', async () => {
      const { el, endpoint } = await ready([{ status: 400, body: { issues: [{ path: ['fullName'], message: 'Сервер не принял ФИО.' }] } }]);
      control(el, t('form.fullName')).addEventListener('focus', () => part(el, 'submit')!.click(), { once: true });
      await submit(el);
      await waitForResult(el);
      const keys = (await endpoint.log()).map((r) => r.key);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
    });

    it('takes a click on «Повторить» the moment the failure is announced, with the same key', async () => {
      const { el, endpoint } = await ready([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
      el.addEventListener('help-request-error', () => button(el, t('common.retry')).click(), { once: true });
      await submit(el);
      await waitForResult(el);
      const keys = (await endpoint.log()).map((r) => r.key);
      expect(keys).to.have.length(5);
      expect(new Set(keys).size).to.equal(1);
    });
  });

  describe('timeout', () => {
    it('aborts an attempt that takes longer than the timeout attribute, retries, then says so', async () => {
      const stall = { status: 201, delay: 3000 };
      const { el, endpoint } = await ready([stall, stall, stall, stall], { timeout: '0.2' });
      const failed = oneEvent(el, 'help-request-error');
      await submit(el);
      expect((await failed).detail).to.deep.include({ reason: 'timeout', retryable: true });
      await waitForAlert(el);
      expect(alertText(el)).to.include(t('form.failed.timeout'));
      await waitUntil(async () => (await endpoint.log()).every((r) => r.aborted), 'the server saw no abort');
      expect(await endpoint.log()).to.have.length(4);
    });

    it('gives the screenshots time to upload on top of the timeout, so a slow line does not fail every attempt', async () => {
      // Noise: it stays large after re-encoding, as a photo of a screen does.
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 300;
      const g = canvas.getContext('2d')!;
      const pixels = g.createImageData(300, 300);
      for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = i % 4 === 3 ? 255 : (Math.random() * 256) | 0;
      g.putImageData(pixels, 0, 0);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      // The endpoint answers after 0.8 s; the timeout alone is 0.3 s.
      const { el, endpoint } = await ready([{ status: 201, delay: 800 }], { timeout: '0.3' });
      await attach(el, blob, 'шум.png');
      await submit(el);
      await waitForResult(el);
      const log = await endpoint.log();
      expect(log).to.have.length(1);
      const screenshot = log[0]!.parts.find((p) => p.filename)!;
      expect(screenshot.size, 'a screenshot of at least 16 kB after processing').to.be.above(16_000);
    });
  });

  describe('answers that need the visitor', () => {
    it('puts the issues of a 400 next to their fields and focuses the first', async () => {
      const { el } = await ready([
        {
          status: 400,
          body: {
            issues: [
              { path: ['childClass'], message: 'Класс указан неверно.', code: 'validation.childClass' },
              { path: ['fullName'], message: 'Сервер не принял ФИО.' },
            ],
          },
        },
      ]);
      const failed = oneEvent(el, 'help-request-error');
      await submit(el);
      expect((await failed).detail).to.deep.equal({ reason: 'invalid', status: 400, retryable: false });
      await waitForAlert(el);
      expect(alertText(el)).to.equal(t('form.failed.invalid'));
      expect(errorOf(control(el, t('form.childClass')))).to.equal(t('validation.childClass'));
      expect(errorOf(control(el, t('form.fullName')))).to.equal('Сервер не принял ФИО.');
      expectFocus(el, control(el, t('form.fullName')));
      expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim())).not.to.include(t('common.retry'));
    });

    it('brings out the configured school to show an issue with it', async () => {
      const { el } = await ready([{ status: 400, body: { issues: [{ path: ['school', 'region'], message: 'Нет такого региона.' }] } }]);
      expect(() => control(el, t('form.region')), 'the school is summarised').to.throw();
      await submit(el);
      await waitForAlert(el);
      const region = control(el, t('form.region'));
      expect(region.value).to.equal(SCHOOL.region);
      expect(control(el, t('form.name')).value).to.equal(SCHOOL['school-name']);
      expect(errorOf(region)).to.equal('Нет такого региона.');
      expectFocus(el, region);
    });

    const plain = [
      [413, 'too-large'],
      [415, 'bad-attachment'],
    ] as const;
    for (const [status, reason] of plain) {
      it(`explains ${status} in plain words`, async () => {
        const { el } = await ready([{ status }]);
        await submit(el);
        await waitForAlert(el);
        expect(alertText(el)).to.equal(t(`form.failed.${reason}`));
      });
    }

    it('says how long to wait when the endpoint asks for longer than the automatic retries wait', async () => {
      const { el, endpoint } = await ready([{ status: 429, headers: { 'Retry-After': '90' } }]);
      await submit(el);
      await waitForAlert(el);
      expect(alertText(el)).to.equal(`${t('form.failed.rate-limited')} ${t('form.keptFor', { n: 2 })} ${t('common.retry')}`);
      expect(await endpoint.log(), 'no automatic retry before the time asked').to.have.length(1);
    });

    it('asks to remove or replace the one screenshot when the endpoint finds it too large', async () => {
      const { el } = await ready([{ status: 413 }]);
      const canvas = Object.assign(document.createElement('canvas'), { width: 200, height: 100 });
      await attach(el, await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png')), 'журнал.png');
      await submit(el);
      await waitForAlert(el);
      expect(alertText(el)).to.equal(t('form.failed.too-large', { n: 1 }));
      expect(alertText(el)).not.to.equal(t('form.failed.too-large', { n: 2 }));
    });

    it('says the endpoint\'s own words and offers "Retry" when its 400 marks no field of the form', async () => {
      const { el, endpoint } = await ready([
        { status: 400, body: { issues: [{ path: ['context', 'userAgent'], message: 'Не указан браузер.' }] } },
        { status: 201 },
      ]);
      const failed = oneEvent(el, 'help-request-error');
      await submit(el);
      expect((await failed).detail, 'the page hears what the visitor sees').to.deep.equal({ reason: 'invalid', status: 400, retryable: true });
      await waitForAlert(el);
      expect(alertText(el)).to.equal(`${t('form.failed.unexpected')} Не указан браузер. ${t('form.kept')} ${t('common.retry')}`);
      await button(el, t('common.retry')).click();
      await waitForResult(el);
      expect(await endpoint.log()).to.have.length(2);
    });

    it('says the endpoint\'s own message of a 400 without issues, as a sentence', async () => {
      const { el } = await ready([{ status: 400, body: { error: 'bad-key', message: 'Ключ запроса неверен' } }]);
      await submit(el);
      await waitForAlert(el);
      expect(alertText(el)).to.equal(`${t('form.failed.unexpected')} Ключ запроса неверен. ${t('form.kept')} ${t('common.retry')}`);
    });

    it('asks the visitor to tell the school, and names the status for the webmaster, when the endpoint is set up wrongly', async () => {
      const { el, endpoint } = await ready([{ status: 404 }]);
      const shown = await warnings(async () => {
        const failed = oneEvent(el, 'help-request-error');
        await submit(el);
        expect((await failed).detail).to.deep.equal({ reason: 'unexpected', status: 404, retryable: false });
        await waitForAlert(el);
      });
      expect(alertText(el)).to.equal(t('form.refused'));
      expect(shown).to.deep.equal([`<help-request-form>: ${t('form.endpointStatus', { url: endpoint.url, status: 404 })}`]);
      expect(await endpoint.log(), 'no automatic retry either').to.have.length(1);
      expect(control(el, t('form.description')).value, 'nothing typed is lost').to.equal('Не вижу домашнее задание в дневнике сына.');
    });

    it('tells an endpoint that does not allow this site (CORS) from a dead network: the school is told, the webmaster how to fix it', async () => {
      // The same test server under another name: another origin, which answers but sends no CORS headers.
      const endpoint = testEndpoint();
      const url = `${location.protocol}//127.0.0.1:${location.port}${endpoint.url}`;
      expect(location.hostname, 'the page must be on another origin than the endpoint').to.equal('localhost');
      const el = await makeForm({ endpoint: url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      const shown = await warnings(async () => {
        await submit(el);
        await waitForAlert(el);
      });
      expect(alertText(el)).to.equal(`${t('form.refused')} ${t('form.kept')} ${t('common.retry')}`);
      expect(shown).to.include(`<help-request-form>: ${t('form.endpointCors', { url, origin: location.origin })}`);
      expect(control(el, t('form.description')).value, 'nothing typed is lost').to.equal('Не вижу домашнее задание в дневнике сына.');
    });

    it('still blames the connection when a reachable endpoint of this site drops every upload', async () => {
      // More resets than attempts: the browser itself may try a reset request again on a new connection.
      const { el, endpoint } = await ready(Array.from({ length: 10 }, () => ({ status: 201, reset: true })));
      const shown = await warnings(async () => {
        await submit(el);
        await waitForAlert(el);
      });
      expect(alertText(el)).to.equal(`${t('form.failed.network')} ${t('form.kept')} ${t('common.retry')}`);
      expect(shown.filter((w) => w.includes('CORS'))).to.deep.equal([]);
      expect((await endpoint.log()).length).to.be.at.least(4);
    });

    describe('when the connection comes back', () => {
      /** A request that failed for want of a connection; the endpoint answers from then on. */
      async function offline() {
        // More resets than attempts: the browser itself may try a reset request again on a new connection.
        const sent = await ready(Array.from({ length: 10 }, () => ({ status: 201, reset: true })));
        await submit(sent.el);
        await waitForAlert(sent.el);
        expect(alertText(sent.el)).to.include(t('form.failed.network'));
        await sent.endpoint.script([]);
        return { ...sent, before: (await sent.endpoint.log()).length };
      }
      const online = () => window.dispatchEvent(new Event('online'));

      it('sends the request by itself, with the same key, and leaves focus where the visitor is on the page', async () => {
        const { el, endpoint, before } = await offline();
        const elsewhere = document.body.appendChild(document.createElement('input'));
        try {
          elsewhere.focus();
          online();
          await waitForResult(el);
          const log = await endpoint.log();
          expect(log.length).to.equal(before + 1);
          expect(new Set(log.map((r) => r.key)).size, 'one idempotency key').to.equal(1);
          await el.updateComplete;
          expect(document.activeElement, 'focus stays in the page').to.equal(elsewhere);
        } finally {
          elsewhere.remove();
        }
      });

      it('brings the request number into view on a phone, where the page goes on below the form', async () => {
        await setViewport({ width: 390, height: 700 });
        const below = Object.assign(document.createElement('div'), { style: 'height: 3000px' });
        try {
          const { el } = await ready();
          el.after(below);
          part(el, 'submit')!.scrollIntoView({ block: 'end' });
          await submit(el);
          await waitForResult(el);
          await el.updateComplete;
          const title = el.shadowRoot!.querySelector('.title')!;
          expectFocus(el, title);
          expect(title.getBoundingClientRect().top, 'the number is in view').to.be.at.least(0);
          expect(title.getBoundingClientRect().bottom, 'the number is in view').to.be.at.most(innerHeight);
        } finally {
          below.remove();
          await setViewport({ width: 800, height: 600 });
        }
      });

      it('moves focus to the request number when the visitor was in the form', async () => {
        const { el } = await offline();
        control(el, t('form.description')).focus();
        online();
        await waitForResult(el);
        await el.updateComplete;
        expectFocus(el, el.shadowRoot!.querySelector('.title')!);
      });

      it('tells a visitor whose browser is offline to keep the page open, not to press «Повторить» later', async () => {
        Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
        try {
          const { el } = await offline();
          expect(alertText(el)).to.equal(`${t('form.failed.network')} ${t('form.keptOffline')} ${t('common.retry')}`);
          delete (navigator as { onLine?: boolean }).onLine;
          online();
          await waitForResult(el);
        } finally {
          delete (navigator as { onLine?: boolean }).onLine;
        }
      });

      it('leaves a request changed since it failed for the visitor to send', async () => {
        const { el, endpoint, before } = await offline();
        await type(el, t('form.description'), 'Не вижу домашнее задание в дневнике дочери.', { leave: false });
        online();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await endpoint.log()).length).to.equal(before);
        expect(part(el, 'alert'), 'the failure stays with its «Повторить»').to.exist;
      });

      it('does not send again by itself after the server answered (503)', async () => {
        const { el, endpoint } = await ready(Array.from({ length: 4 }, () => ({ status: 503 })));
        await submit(el);
        await waitForAlert(el);
        online();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await endpoint.log()).to.have.length(4);
      });
    });

    it('explains 422 with the etiquette rule under the description', async () => {
      const { el } = await ready([{ status: 422 }]);
      await submit(el);
      await waitForAlert(el);
      expect(errorOf(control(el, t('form.description')))).to.equal(t('validation.etiquette'));
      expectFocus(el, control(el, t('form.description')));
    });

    it('asks the visitor to tell the school when no endpoint is configured, offering no retry that cannot work', async () => {
      const el = await makeForm({ ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      await submit(el);
      await waitForAlert(el);
      expect(alertText(el)).to.equal(t('form.refused'));
      expect(control(el, t('form.description')).value, 'nothing typed is lost').to.equal('Не вижу домашнее задание в дневнике сына.');
    });
  });
});
