// The XSS corpus through <help-request-form>: attributes, every field, and the endpoint's answers.
// Split over four test files (xss-form-1…4) so that each finishes within the runner's time
// limit in both browsers.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import { retryPolicy } from '../../src/help-request-form/send.js';
import type { Payload } from '../fixtures/xss-corpus.js';
import { formControl, setField, testEndpoint } from './helpers.js';
import { assertInert, trapEveryTest } from './xss-support.js';

// Retries are not what these files test.
retryPolicy.base = 10;

const CHUNK = 15;

export function formSuite(list: readonly Payload[]) {
  trapEveryTest();
  const chunks: Payload[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) chunks.push(list.slice(i, i + CHUNK));
  describe('hardening: the XSS corpus through <help-request-form>', () => {
    for (const chunk of chunks) {
      it(`payloads ${chunk[0]!.id}–${chunk.at(-1)!.id}: attributes, every field, and the endpoint's 400, 422 and 201 answers`, async function () {
        this.timeout(90_000);
        for (const { id, payload } of chunk) {
          const endpoint = testEndpoint();
          const message = (path: PropertyKey[]) => ({ path, message: payload, code: payload });
          await endpoint.script([
            { status: 400, body: { error: 'validation', message: payload, issues: [message(['fullName']), message(['description']), message(['school', 'region']), message(['email']), message(['consent'])] } },
            { status: 422, body: { error: 'etiquette', message: payload, issues: [message(['description'])] } },
            { status: 201, body: { id: payload } },
          ]);
          const form = await fixture<HelpRequestForm>(html`<help-request-form
            endpoint=${endpoint.url}
            school-name=${payload}
            region=${payload}
            journal-url="https://kursk1506084570.eljur.ru"
            consent-url="https://school.example/consent"
            privacy-policy-url="https://school.example/privacy"
            appeals-url=${payload}
            screenshot-optional
          ></help-request-form>`);
          form.messages = { 'form.next': payload, 'form.notAppeal': payload };
          const what = `payload ${id}`;
          await form.updateComplete;
          await assertInert(form, `${what}, configured`, { wait: false });

          formControl(form, 'input[type=radio][value=parent]').click();
          await form.updateComplete;
          // The school's summary shows the configured values; change them to edit each field.
          const change = [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Изменить данные школы');
          change?.click();
          await form.updateComplete;
          for (const name of ['fullName', 'childClass', 'email', 'name', 'region', 'journalUrl']) setField(form, name, payload);
          setField(form, 'description', `Описание проблемы: ${payload}`);
          formControl(form, 'input[name=consent]').click();
          formControl(form, '[part~=submit]').click();
          await waitUntil(() => form.shadowRoot!.activeElement, `${what}: focus did not move to the first invalid field`);
          await assertInert(form, `${what}, typed into every field`, { wait: false });

          // Now valid where the schema needs it, the payload still in the free-text fields: sent.
          const cut = (n: number, fallback: string) => payload.replace(/\s+/g, ' ').trim().slice(0, n).trim() || fallback;
          setField(form, 'fullName', cut(200, 'Иванова'));
          setField(form, 'childClass', '7А');
          setField(form, 'email', '');
          setField(form, 'journalUrl', 'https://kursk1506084570.eljur.ru');
          setField(form, 'name', cut(300, 'Школа'));
          setField(form, 'region', cut(200, 'Регион'));
          formControl(form, '[part~=submit]').click();
          await waitUntil(async () => (await endpoint.log()).length === 1, `${what}: the form did not send`, { timeout: 5000 });
          await waitUntil(() => form.shadowRoot!.querySelector('[part~=error]'), `${what}: the 400 issues were not shown`);
          // The form moves focus to the first field the endpoint named; the check below also needs it there.
          await waitUntil(() => form.shadowRoot!.activeElement, `${what}: focus did not move to the field with the 400 issue`);
          await assertInert(form, `${what}, 400 issues shown`, { wait: false });

          formControl(form, '[part~=submit]').click();
          await waitUntil(() => form.shadowRoot!.querySelector('[part~=alert]'), `${what}: the 422 was not shown`, { timeout: 5000 });
          await waitUntil(() => form.shadowRoot!.activeElement?.getAttribute('name') === 'description', `${what}: focus did not move to the description`);
          await assertInert(form, `${what}, 422 shown`, { wait: false });

          setField(form, 'description', `Исправлено: ${payload}`);
          formControl(form, '[part~=submit]').click();
          await waitUntil(() => form.shadowRoot!.querySelector('[part~=result]'), `${what}: the 201 was not shown`, { timeout: 5000 }).catch(async (error: Error) => {
            throw new Error(`${error.message}; the form shows: ${form.shadowRoot!.textContent!.replace(/\s+/g, ' ').slice(0, 1500)}; the endpoint got ${(await endpoint.log()).length} requests`);
          });
          await assertInert(form, `${what}, 201 with the payload as its id`);
          form.remove();
        }
      });
    }
  });
}
