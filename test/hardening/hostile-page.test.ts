import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../support/driver.js';
import { format } from '../../src/i18n/format.js';
import type { MessageKey, Params } from '../../src/i18n/localize.js';
import { ru } from '../../src/i18n/ru.js';
import { applyHostilePage, type HostilePage } from '../fixtures/hostile/hostile.js';
import { deepActive, deepElements, tabTo, testEndpoint } from './helpers.js';

const t = (key: MessageKey, params?: Params) => format(ru[key], 'ru', params);

const SCHOOL = {
  'school-name': 'ОКОУ «Курская школа-интернат»',
  region: 'Курская область',
  'journal-url': 'https://kursk1506084570.eljur.ru',
  'consent-url': 'https://school.example/consent',
  'privacy-policy-url': 'https://school.example/privacy',
};

/** The page's part that holds the widgets, inside the modal the focus trap guards. */
function buildPage(modal: HTMLElement, endpoint: string) {
  const button = (id: string) => Object.assign(document.createElement('button'), { id, textContent: id });
  const directory = Object.assign(document.createElement('specialist-directory'), { src: '/test/fixtures/specialists/valid.json' });
  const form = document.createElement('help-request-form');
  for (const [name, value] of Object.entries({ ...SCHOOL, endpoint, 'screenshot-optional': '' })) form.setAttribute(name, value);
  const regulation = Object.assign(document.createElement('regulation-viewer'), { src: '/demo/regulation.md' });
  modal.replaceChildren(button('start'), directory, button('between'), form, regulation, button('end'));
  return { directory, form, regulation, start: modal.querySelector<HTMLButtonElement>('#start')! };
}

async function rendered(els: { directory: Element; form: Element; regulation: Element }) {
  await waitUntil(() => els.directory.shadowRoot?.querySelector('[part~=card]'), 'the directory shows no specialists', { timeout: 8000 });
  await waitUntil(() => els.regulation.shadowRoot?.querySelector('[part~=point]'), 'the regulation shows no points', { timeout: 8000 });
  await waitUntil(() => els.form.shadowRoot?.querySelector('form [part~=submit]'), 'the form shows no submit button', { timeout: 8000 });
}

/** Visible to a sighted visitor: laid out, not hidden, not transparent, inside its element's box. */
function visible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0;
}

const inside = (host: Element, selector: string) => [...host.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** Everything a visitor must see and operate in each element, by what the elements render. */
function assertUsableLayout(els: { directory: Element; form: Element; regulation: Element }, colours: boolean) {
  const overflowing: string[] = [];
  for (const host of [els.directory, els.form, els.regulation]) {
    expect(visible(host), `<${host.localName}> is not visible`).to.be.true;
    // Huge fonts must wrap, not push the widget wider than its box (the page, when a reset made
    // the host inline): name what sticks out.
    const inline = getComputedStyle(host).display === 'inline';
    const right = (inline ? document.documentElement.clientWidth : host.getBoundingClientRect().right) + 2;
    const out = [...deepElements(host.shadowRoot!)].filter((el) => el.getBoundingClientRect().right > right);
    if ((!inline && host.scrollWidth > host.clientWidth + 2) || out.length) {
      overflowing.push(`<${host.localName}> is ${host.scrollWidth - host.clientWidth}px too wide: ${out.slice(0, 3).map((el) => el.outerHTML.slice(0, 80)).join(' ')}`);
    }
  }
  expect(overflowing, 'elements overflow sideways').to.deep.equal([]);
  const controls = [
    ...inside(els.form, 'input:not([type=file]), textarea, button, label'),
    ...inside(els.directory, 'input, [part~=chip]'),
    ...inside(els.regulation, '[part~=search-input], button'),
  ].filter((el) => !el.closest('details:not([open])') && !el.matches('.visually-hidden, .visually-hidden *'));
  expect(controls.length).to.be.greaterThan(10);
  for (const el of controls) expect(visible(el), `hidden by the page: ${el.outerHTML.slice(0, 100)}`).to.be.true;
  if (colours) {
    // The page forces lime on red with !important on its own elements; the widgets keep theirs.
    for (const el of [...inside(els.form, 'label, legend'), ...inside(els.directory, '[part~=name]'), ...inside(els.regulation, 'p')].slice(0, 30)) {
      expect(getComputedStyle(el).color, el.outerHTML.slice(0, 80)).not.to.equal('rgb(0, 255, 0)');
      expect(getComputedStyle(el).backgroundColor, el.outerHTML.slice(0, 80)).not.to.equal('rgb(255, 0, 0)');
      // Nor the page's typography: its `*` rule matches the hosts themselves.
      const { textTransform, letterSpacing, lineHeight, fontSize } = getComputedStyle(el);
      expect([textTransform, letterSpacing], el.outerHTML.slice(0, 80)).to.deep.equal(['none', 'normal']);
      expect(parseFloat(lineHeight) / parseFloat(fontSize), el.outerHTML.slice(0, 80)).to.be.below(2);
    }
  }
}

const focusedIn = (host: Element) => (el: Element) => el.getRootNode() === host.shadowRoot;

/** A parent fills in and sends the form with the keyboard alone. */
async function sendByKeyboard(form: Element, start: HTMLElement, endpoint: ReturnType<typeof testEndpoint>) {
  start.focus();
  await tabTo((el) => focusedIn(form)(el) && el.matches('input[type=radio]'), 'the role choice');
  // Arrow keys move through a radio group and choose.
  while (!(deepActive() as HTMLInputElement).matches('[value=parent]')) await sendKeys({ press: 'ArrowDown' });
  await waitUntil(() => form.shadowRoot!.querySelector('[name=fullName]'), 'choosing «parent» by keyboard did not show the parent\'s fields');
  await tabTo((el) => el.matches('[name=fullName]'), 'the full name');
  await sendKeys({ type: 'Клавиатурова Анна Петровна' });
  await tabTo((el) => el.matches('[name=childClass]'), 'the class');
  await sendKeys({ type: '5Б' });
  await tabTo((el) => el.matches('[name=description]'), 'the description');
  await sendKeys({ type: 'Не открывается дневник, пишу только с клавиатуры.' });
  await tabTo((el) => el.matches('[name=consent]'), 'the consent');
  await sendKeys({ press: ' ' });
  await tabTo((el) => el.matches('[part~=submit]'), 'the submit button');
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => form.shadowRoot!.querySelector('[part~=result]'), 'no success message after sending', { timeout: 10_000 });
  expect(form.shadowRoot!.querySelector('[part~=result]')!.textContent).to.include(t('form.done', { id: 'T-1' }));
  const [received, ...more] = await endpoint.log();
  expect(more).to.have.length(0);
  const request = JSON.parse(received!.parts.find((p) => p.name === 'request')!.value!);
  // Prototype.js's Array#toJSON and the enumerable additions change nothing on the wire.
  expect(request).to.deep.include({ version: 1, role: 'parent', fullName: 'Клавиатурова Анна Петровна', childClass: '5Б' });
  expect(request.school).to.deep.equal({ journalUrl: SCHOOL['journal-url'], name: SCHOOL['school-name'], region: SCHOOL.region });
  expect(request.consent).to.be.an('object').with.property('accepted', true);
}

async function useDirectoryByKeyboard(directory: Element, start: HTMLElement) {
  start.focus();
  const count = () => directory.shadowRoot!.querySelector('[part~=count]')!.textContent;
  const before = count();
  await tabTo((el) => focusedIn(directory)(el) && el.matches('input'), 'the directory\'s search');
  await sendKeys({ type: 'каб' });
  await waitUntil(() => count() !== before, 'typing in the search changed nothing');
  await tabTo((el) => focusedIn(directory)(el) && el.matches('[part~=chip]') && el.getAttribute('aria-pressed') === 'false', 'a «who is asking» chip', 10).catch(async () => {
    // The chips come before the search: go round once.
    await tabTo((el) => focusedIn(directory)(el) && el.matches('[part~=chip]') && el.getAttribute('aria-pressed') === 'false', 'a «who is asking» chip');
  });
  const chip = deepActive()!;
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => chip.isConnected && chip.getAttribute('aria-pressed') === 'true', 'Enter on a chip did not press it');
}

async function useRegulationByKeyboard(regulation: Element, start: HTMLElement) {
  start.focus();
  await tabTo((el) => focusedIn(regulation)(el) && el.matches('[part~=search-input]'), 'the regulation\'s search');
  await sendKeys({ type: 'журнал' });
  const status = () => regulation.shadowRoot!.querySelector('[part~=search] [role=status]')?.textContent?.trim() ?? '';
  await waitUntil(() => status().startsWith(t('regulation.matches', { i: 1, n: 9 }).split(' ')[0]!), `no matches shown («${status()}»)`);
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => status().startsWith('2'), `Enter did not go to the next match («${status()}»)`);
}

for (const variant of [
  { name: 'a page whose CSS unsets controls, hides labels and forces huge fonts and !important colours', stylesheets: ['/test/fixtures/hostile/hostile.css'], colours: true },
  { name: 'a page that resets every element with `* { all: unset }`', stylesheets: ['/test/fixtures/hostile/reset-all.css'], colours: false },
]) {
  describe(`hardening: ${variant.name}, patched Array.prototype, a fetch wrapper and a focus trap`, () => {
    let page: HostilePage;
    let els: ReturnType<typeof buildPage>;
    let endpoint: ReturnType<typeof testEndpoint>;

    before(async () => {
      // The page's scripts run first, as on a real site; the widgets are defined and created after.
      page = await applyHostilePage({ stylesheets: variant.stylesheets });
      await import('../../src/index.js');
      expect([].remove, 'the patches are in place').to.be.a('function');
    });
    after(() => page.restore());

    beforeEach(async () => {
      endpoint = testEndpoint();
      els = buildPage(page.modal, endpoint.url);
      await rendered(els);
    });

    it('renders all three elements, visible and laid out', async () => {
      await els.form.updateComplete;
      assertUsableLayout(els, variant.colours);
    });

    it('lets a parent fill in and send the form by keyboard alone, through the analytics fetch wrapper', async function () {
      this.timeout(60_000);
      await sendByKeyboard(els.form, els.start, endpoint);
      expect(page.fetches.some((f) => f.url.includes(endpoint.url) && f.method === 'POST'), 'the POST did not go through window.fetch').to.be.true;
    });

    it('lets a visitor search and filter the directory by keyboard', async function () {
      this.timeout(30_000);
      await useDirectoryByKeyboard(els.directory, els.start);
    });

    it('lets a visitor search the regulation by keyboard', async function () {
      this.timeout(30_000);
      await useRegulationByKeyboard(els.regulation, els.start);
    });
  });
}
