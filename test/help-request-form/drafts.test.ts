import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import {
  LINKS,
  SCHOOL,
  button,
  choose,
  control,
  fillParent,
  makeForm,
  part,
  ruText as t,
  submit,
  testEndpoint,
  type,
  waitForAlert,
  waitForResult,
} from './helpers.js';

const stored = () => Object.keys(sessionStorage).filter((k) => k.startsWith('journal-help-widgets:draft:'));

describe('<help-request-form> drafts', function () {
  this.timeout(20_000);

  it('keeps the typed text across re-creating the element, and only in sessionStorage', async () => {
    localStorage.clear();
    const attrs = { endpoint: '/api/requests', ...SCHOOL, ...LINKS };
    const first = await makeForm(attrs);
    await fillParent(first);
    await type(first, t('form.email'), 'mama@example.ru');
    expect(stored()).to.have.length(1);
    expect(localStorage.length).to.equal(0);
    fixtureCleanup();

    expect(first.shadowRoot!.textContent, 'a fresh form says nothing of drafts').not.to.include(t('form.restored'));
    const again = await makeForm(attrs);
    expect(again.shadowRoot!.textContent, 'the visitor is told what did not come back').to.include(t('form.restored'));
    expect(control(again, t('form.parent')).checked).to.be.true;
    expect(control(again, t('form.fullName')).value).to.equal('Иванова Мария Петровна');
    expect(control(again, t('form.childClass')).value).to.equal('7А');
    expect(control(again, t('form.email')).value).to.equal('mama@example.ru');
    expect(control(again, t('form.description')).value).to.equal('Не вижу домашнее задание в дневнике сына.');
    expect(control(again, t('form.consent')).checked, 'consent is asked again').to.be.false;
  });

  it('keeps one draft per endpoint', async () => {
    const a = await makeForm({ endpoint: '/a', requester: 'staff', ...SCHOOL, ...LINKS });
    await type(a, t('form.description'), 'Описание для формы А');
    fixtureCleanup();
    const b = await makeForm({ endpoint: '/b', requester: 'staff', ...SCHOOL, ...LINKS });
    expect(control(b, t('form.description')).value).to.equal('');
    expect(stored()).to.have.length(1);
  });

  it('keeps one draft per form when a page has two with one endpoint', async () => {
    const attrs = { endpoint: '/api/requests', ...SCHOOL, ...LINKS };
    const make = async () => {
      const container = await fixture<HTMLElement>('<div><help-request-form></help-request-form><help-request-form></help-request-form></div>');
      const forms = [...container.querySelectorAll<HelpRequestForm>('help-request-form')];
      for (const form of forms) for (const [name, value] of Object.entries(attrs)) form.setAttribute(name, value);
      await Promise.all(forms.map((form) => form.updateComplete));
      // A page script that names the forms once they are in: the drafts must not depend on it.
      forms.forEach((form, i) => (form.id = `form-${i}`));
      return forms as [HelpRequestForm, HelpRequestForm];
    };
    const [parents, staff] = await make();
    await fillParent(parents);
    await choose(staff, t('form.staff'));
    await type(staff, t('form.description'), 'Текст второй формы, учитель');
    fixtureCleanup();

    const [parentsAgain, staffAgain] = await make();
    expect(control(parentsAgain, t('form.fullName')).value).to.equal('Иванова Мария Петровна');
    expect(control(parentsAgain, t('form.description')).value).to.equal('Не вижу домашнее задание в дневнике сына.');
    expect(control(staffAgain, t('form.staff')).checked).to.be.true;
    expect(control(staffAgain, t('form.description')).value).to.equal('Текст второй формы, учитель');
  });

  it('is wiped after success', async () => {
    const endpoint = testEndpoint();
    const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true });
    await fillParent(el);
    expect(stored()).to.have.length(1);
    await submit(el);
    await waitForResult(el);
    expect(stored()).to.have.length(0);
    await button(el, t('form.new')).click();
    await el.updateComplete;
    expect(stored()).to.have.length(0);
  });

  it('shows the request number again after a reload that came with the answer, until «Новый запрос»', async () => {
    const endpoint = testEndpoint();
    await endpoint.script([{ status: 201, body: { id: 'N-5' } }]);
    const attrs = { endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true };
    const first = await makeForm(attrs);
    await fillParent(first);
    await submit(first);
    await waitForResult(first);
    // The reload: the answer arrived and wiped the draft, the page went before the visitor read it.
    fixtureCleanup();

    const again = await makeForm(attrs);
    const result = part(again, 'result');
    expect(result, 'the success message').to.exist;
    expect(result!.textContent).to.include(t('form.done', { id: 'N-5' })).and.include(t('form.next'));
    const kept = JSON.stringify({ ...sessionStorage });
    expect(kept).to.include('N-5');
    for (const personal of ['Иванова', '7А', 'дневнике']) expect(kept, 'only the number is kept').not.to.include(personal);

    await button(again, t('form.new')).click();
    await again.updateComplete;
    expect(control(again, t('form.description')).value).to.equal('');
    fixtureCleanup();
    const fresh = await makeForm(attrs);
    expect(part(fresh, 'result'), 'after «Новый запрос» the form starts empty').to.be.null;
    expect(control(fresh, t('form.description')).value).to.equal('');
    expect(sessionStorage.length).to.equal(0);
  });

  it('survives a failed send, and a retry after a reload reuses the Idempotency-Key', async () => {
    const endpoint = testEndpoint();
    await endpoint.script([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const attrs = { endpoint: endpoint.url, ...SCHOOL, ...LINKS, 'screenshot-optional': true };
    const first = await makeForm(attrs);
    await fillParent(first);
    await submit(first);
    await waitForAlert(first);
    fixtureCleanup();

    const again = await makeForm(attrs);
    expect(control(again, t('form.description')).value).to.equal('Не вижу домашнее задание в дневнике сына.');
    await again.shadowRoot!.querySelector<HTMLInputElement>('[name=consent]')!.click();
    await submit(again);
    await waitForResult(again);
    const keys = (await endpoint.log()).map((r) => r.key);
    expect(keys).to.have.length(5);
    expect(new Set(keys).size).to.equal(1);
  });

  it('never stores the consent or anything when nothing was typed', async () => {
    const el = await makeForm({ endpoint: '/c', requester: 'parent', ...SCHOOL, ...LINKS });
    await el.shadowRoot!.querySelector<HTMLInputElement>('[name=consent]')!.click();
    await el.updateComplete;
    expect(stored()).to.have.length(0);
  });
});
