import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/specialist-directory/define.js';
import { printed } from '../support/print.js';
import type { SpecialistDirectory } from '../../src/specialist-directory/specialist-directory.js';
import { sendKeys, setViewport } from '../support/driver.js';

const VALID = '/test/fixtures/specialists/valid.json';
const NAMES = ['Техническая поддержка ЭлЖур', 'Школьный администратор электронного журнала', 'Заместитель директора по УВР', 'Семёнова Анна Петровна', 'Педагог-психолог'];

const all = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const one = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (node: Element | null) => node?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
const names = (el: Element) => all(el, '[part~="name"]').map(text);
const problems = (el: Element) => all(el, '[part~="config-error"] li').map(text);
const card = (el: Element, name: string) => all(el, '[part~="card"]').find((c) => text(c.querySelector('h3')) === name)!;
const button = (el: Element, name: string) => all(el, 'button').find((b) => text(b) === name || b.getAttribute('aria-label') === name)!;

/** Settled: the list, an empty state or an error is on screen. */
const settled = (el: SpecialistDirectory) =>
  waitUntil(() => one(el, '[part~="count"], [part~="empty"], [part~="error"]'), 'the directory never settled', { timeout: 5000 });

async function fromSrc(src: string, attrs: Record<string, string> = {}) {
  const el = document.createElement('specialist-directory');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.src = src;
  await fixture(el);
  await settled(el);
  return el;
}

/** The data as a webmaster pastes it: an inline JSON script inside the element. */
async function inline(data: unknown, attrs: Record<string, string> = {}, before?: (el: SpecialistDirectory) => void) {
  const el = document.createElement('specialist-directory');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(data);
  el.append(script);
  before?.(el);
  await fixture(el);
  await settled(el);
  return el;
}

const person = (id: string, extra: object = {}) => ({
  id,
  kind: 'other',
  name: `Специалист ${id}`,
  channels: [{ type: 'journal-mail', recipient: 'Учитель' }],
  ...extra,
});

function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

async function type(el: SpecialistDirectory, value: string) {
  const input = one(el, '[part~="search"]') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

describe('<specialist-directory>', () => {
  describe('accessibility', () => {
    it('puts its headings under the page section it stands in (levels 3 and 4 under an h2; 2 and 3 alone)', async () => {
      const section = await fixture<HTMLElement>(html`<section><h1>Школа</h1><h2>Кто поможет</h2></section>`);
      const el = document.createElement('specialist-directory');
      el.src = VALID;
      section.append(el);
      await settled(el);
      await el.updateComplete;
      const levels = (e: Element) => [one(e, '[part~="group-heading"]'), one(e, '[part~="name"]')].map((h) => h!.getAttribute('aria-level'));
      expect(levels(el)).to.deep.equal(['3', '4']);
      section.remove();
      expect(levels(await fromSrc(VALID))).to.deep.equal(['2', '3']);
    });
    for (const lang of ['ru', 'en']) {
      it(`is accessible loaded, filtered, empty and failed (${lang})`, async () => {
        const loaded = await fromSrc(VALID, { lang });
        await expect(loaded).to.be.accessible();
        button(loaded, lang === 'ru' ? 'Родитель' : 'Parent').click();
        await type(loaded, 'nobody-has-this-name');
        expect(one(loaded, '[part~="empty"]')).to.exist;
        await expect(loaded).to.be.accessible();
        const empty = await fromSrc('/test/fixtures/specialists/empty.json', { lang });
        expect(one(empty, '[part~="empty"]')).to.exist;
        await expect(empty).to.be.accessible();
        const { restore } = captureWarnings();
        const failed = await fromSrc('/test/fixtures/specialists/missing.json', { lang }).finally(restore);
        expect(one(failed, '[part~="error"]')).to.exist;
        await expect(failed).to.be.accessible();
      });
    }
  });

  describe('defaults', () => {
    it('groups the specialists by kind in the order of the regulation, with headings', async () => {
      const el = await fromSrc(VALID);
      expect(all(el, '[part~="group-heading"]').map(text)).to.deep.equal([
        'Поддержка разработчика журнала',
        'Администратор журнала в школе',
        'Заместитель директора по УВР',
        'Опытные педагоги',
        'Другие специалисты',
      ]);
      expect(names(el)).to.deep.equal(NAMES);
      expect(text(one(el, '[part~="count"]'))).to.equal('Найдено 5 специалистов');
      expect(one(el, '[part~="count"]')!.getAttribute('role')).to.equal('status');
    });

    it('shows everyone, with the "everyone" chip pressed', async () => {
      const el = await fromSrc(VALID);
      expect(all(el, '[part~="chip"]').map((c) => `${text(c)}:${c.getAttribute('aria-pressed')}`)).to.deep.equal([
        'Все:true',
        'Сотрудник:false',
        'Родитель:false',
        'Ученик:false',
      ]);
    });

    it('speaks English with lang="en"', async () => {
      const el = await fromSrc(VALID, { lang: 'en' });
      expect(text(one(el, '[part~="count"]'))).to.equal('5 specialists found');
      expect(text(one(el, '[part~="group-heading"]'))).to.equal('Journal vendor support');
    });
  });

  describe('loading', () => {
    it('reads an inline <script type="application/json"> child', async () => {
      const el = await inline({ version: 1, specialists: [person('a'), person('b')] });
      expect(names(el)).to.deep.equal(['Специалист a', 'Специалист b']);
    });

    it('follows the inline script when its text is replaced or edited', async () => {
      const el = await inline({ version: 1, specialists: [person('a'), person('b')] });
      const script = el.querySelector('script')!;
      script.textContent = JSON.stringify({ version: 1, specialists: [person('c')] });
      await waitUntil(() => names(el).join() === 'Специалист c', 'the replaced text was not read');
      (script.firstChild as Text).data = JSON.stringify({ version: 1, specialists: [person('d'), person('e')] });
      await waitUntil(() => names(el).join() === 'Специалист d,Специалист e', 'the edited text node was not read');
    });

    it('keeps the search and its focus while it reads an edited script', async () => {
      const el = await inline({ version: 1, specialists: [person('a'), person('b')] });
      const input = one(el, '[part~="search"]') as HTMLInputElement;
      input.focus();
      await type(el, 'Специалист');
      el.querySelector('script')!.textContent = JSON.stringify({ version: 1, specialists: [person('c'), { ...person('d'), name: 'Другой' }] });
      await waitUntil(() => names(el).join() === 'Специалист c', 'the edited text was not read');
      expect(one(el, '[part~="search"]')).to.equal(input);
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect(input.value).to.equal('Специалист');
    });

    it('follows a script that replaces the inline one', async () => {
      const el = await inline({ version: 1, specialists: [person('a')] });
      const script = Object.assign(document.createElement('script'), { type: 'application/json' });
      script.textContent = JSON.stringify({ version: 1, specialists: [person('b')] });
      el.querySelector('script')!.replaceWith(script);
      await waitUntil(() => names(el).join() === 'Специалист b', 'the new script was not read');
    });

    it('reads a script added after the element upgraded, and forgets "no data"', async () => {
      const { restore } = captureWarnings();
      try {
        const el = document.createElement('specialist-directory');
        await fixture(el);
        await waitUntil(() => problems(el).length === 1);
        const script = Object.assign(document.createElement('script'), { type: 'application/json' });
        script.textContent = JSON.stringify({ version: 1, specialists: [person('a')] });
        el.append(script);
        await waitUntil(() => names(el).join() === 'Специалист a', 'the added script was not read');
        expect(problems(el)).to.deep.equal([]);
      } finally {
        restore();
      }
    });

    it('catches up with an edit made while it was out of the page', async () => {
      const el = await inline({ version: 1, specialists: [person('a')] });
      const parent = el.parentElement!;
      el.remove();
      el.querySelector('script')!.textContent = JSON.stringify({ version: 1, specialists: [person('b')] });
      parent.append(el);
      await waitUntil(() => names(el).join() === 'Специалист b', 'the edit was not read on return');
    });

    it('keeps the data of src when an inline script changes', async () => {
      const el = await fromSrc(VALID);
      const script = Object.assign(document.createElement('script'), { type: 'application/json' });
      script.textContent = JSON.stringify({ version: 1, specialists: [person('a')] });
      el.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await el.updateComplete;
      expect(names(el)).to.deep.equal(NAMES);
    });

    it('tells the webmaster when there is no data at all', async () => {
      const el = document.createElement('specialist-directory');
      await fixture(el);
      await waitUntil(() => problems(el).length === 1);
      expect(problems(el)[0]).to.contain('src');
    });

    it('shows a plain message and a retry button when the file is missing, and loads a new src', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const el = await fromSrc('/test/fixtures/specialists/missing.json');
        expect(text(one(el, '[part~="error"] p')), 'the visitor\'s internet is not to blame').to.equal('Не удалось загрузить список специалистов.');
        expect(button(el, 'Повторить')).to.exist;
        expect(warnings.some((w) => w.includes('missing.json') && w.includes('404'))).to.be.true;
        expect(problems(el), 'the webmaster is told which file is missing').to.deep.equal([
          `Не удалось прочитать ${new URL('/test/fixtures/specialists/missing.json', location.href).href}: сервер ответил HTTP 404.`,
        ]);
        el.src = VALID;
        await waitUntil(() => names(el).length === 5, 'the new src was not loaded');
        expect(one(el, '[part~="error"]')).to.be.null;
        expect(problems(el), 'the note goes once the file loads').to.deep.equal([]);
      } finally {
        restore();
      }
    });

    const unreadable: [string, string, string][] = [
      ['a file with a JSON syntax error', 'data:application/json,{"version": 1, "specialists": [],}', 'файл не в формате JSON'],
      ['a site builder\'s own page answered with 200', '/test/fixtures/site-page.html', 'по этому адресу HTML-страница, а не файл'],
    ];
    for (const [what, src, reason] of unreadable) {
      it(`names ${what} for the webmaster, without blaming the visitor's internet`, async () => {
        const { warnings, restore } = captureWarnings();
        try {
          const el = await fromSrc(src);
          expect(text(one(el, '[part~="error"] p'))).to.equal('Не удалось загрузить список специалистов.');
          expect(problems(el), 'the address as read, not as written').to.deep.equal([`Не удалось прочитать ${new URL(src, location.href).href}: ${reason}.`]);
          expect(warnings.some((w) => w.includes(reason))).to.be.true;
        } finally {
          restore();
        }
      });
    }

    it('names broken JSON in the inline script, and drops the note once the script is mended', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fixture<SpecialistDirectory>(
          `<specialist-directory><script type="application/json">{"version": 1, "specialists": [}</script></specialist-directory>`,
        );
        await waitUntil(() => one(el, '[part~="error"]'), 'no error shown');
        expect(problems(el)).to.deep.equal(['Не удалось прочитать <script type="application/json">: файл не в формате JSON.']);
        el.querySelector('script')!.textContent = await (await fetch(VALID)).text();
        await waitUntil(() => names(el).length === 5, 'the mended script was not read');
        expect(problems(el)).to.deep.equal([]);
      } finally {
        restore();
      }
    });

    it('asks the visitor to check the internet only when the server did not answer', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const el = await fromSrc('http://127.0.0.1:9/specialists.json');
        expect(text(one(el, '[part~="error"] p'))).to.equal('Не удалось загрузить список специалистов. Проверьте интернет и повторите.');
        expect(problems(el)).to.deep.equal(['Не удалось прочитать http://127.0.0.1:9/specialists.json: сервер не ответил (сеть или CORS).']);
        expect(warnings.some((w) => w.includes('127.0.0.1:9'))).to.be.true;
      } finally {
        restore();
      }
    });

    it('retries after broken JSON when the visitor presses "Retry"', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fromSrc(`/__flaky-specialists?k=${Math.random()}`);
        expect(one(el, '[part~="error"]')).to.exist;
        expect(names(el)).to.deep.equal([]);
        button(el, 'Повторить').click();
        await waitUntil(() => names(el).length === 5, 'retry did not load the list');
      } finally {
        restore();
      }
    });

    it('keeps the keyboard in the directory when the visitor retries, rather than dropping it to the page', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fromSrc(`/__flaky-specialists?k=${Math.random()}`);
        button(el, 'Повторить').focus();
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => names(el).length === 5, 'retry did not load the list');
        expect(document.activeElement?.localName, 'focus fell to the page').to.equal(el.localName);
        await sendKeys({ press: 'Tab' });
        expect(text(el.shadowRoot!.activeElement), 'Tab goes on from the top of the list').to.equal('Все');
      } finally {
        restore();
      }
    });

    it('shows a helpful empty state for an empty list', async () => {
      const el = await fromSrc('/test/fixtures/specialists/empty.json');
      expect(text(one(el, '[part~="empty"]'))).to.contain('пока пуст');
      expect(one(el, '[part~="search"]')).to.be.null;
    });
  });

  describe('bad data', () => {
    it('skips each invalid entry with one message naming it and its field, and shows the rest', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const el = await fromSrc('/test/fixtures/specialists/invalid.json');
        await waitUntil(() => problems(el).length === 9);
        expect(names(el)).to.deep.equal(['Администратор журнала', 'Со ссылкой javascript', 'Голубиная почта']);
        expect(problems(el)).to.deep.equal([
          'Запись #2 (no-name) пропущена. name: Заполните это поле.',
          'Запись #3 (wizard) пропущена. kind: Допустимые значения: vendor-support, journal-admin, deputy-director, experienced-teacher, other.',
          'Запись #4 (no-channels) пропущена. channels: Заполните это поле.',
          'Запись #5 (bad-email) пропущена. channels.0.address: Введите адрес в виде name@example.ru.',
          'Запись #6 (bad-hours) пропущена. channels.0.hours.0.days.0: День недели — число от 1 (пн) до 7 (вс).',
          'Запись #7 (extra-key) пропущена. Неизвестное поле «photo».',
          'Запись #8 пропущена. Нужен объект { … }.',
          'Запись #9 (js-link): контакт скрыт. channels.0.url: Введите адрес, начинающийся с https:// или http://.',
          'Запись #10 (pigeon): контакт скрыт. channels.0.type: Допустимые значения: journal-mail, email, phone, web-form, in-person, link.',
        ]);
        for (const id of ['no-name', 'wizard', 'no-channels', 'bad-email', 'bad-hours', 'extra-key', 'js-link', 'pigeon']) {
          expect(warnings.filter((w) => w.includes(`(${id})`)), id).to.have.length(1);
        }
      } finally {
        restore();
      }
    });

    it('forgets the old data’s problems when src brings a good file, and keeps the settings’ ones', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fromSrc('/test/fixtures/specialists/invalid.json', { 'journal-url': 'ftp://school.example' });
        await waitUntil(() => problems(el).length === 10);
        expect(all(el, '[part~="config-error"]'), 'one notice for settings and data').to.have.length(1);
        el.src = VALID;
        await waitUntil(() => names(el).length === 5, 'the new src was not loaded');
        expect(problems(el)).to.have.length(1);
        expect(problems(el)[0]).to.contain('journal-url');
      } finally {
        restore();
      }
    });

    it('forgets "no data" once src is set', async () => {
      const { restore } = captureWarnings();
      try {
        const el = document.createElement('specialist-directory');
        await fixture(el);
        await waitUntil(() => problems(el).length === 1);
        el.src = VALID;
        await waitUntil(() => names(el).length === 5, 'the new src was not loaded');
        expect(problems(el)).to.deep.equal([]);
        expect(one(el, '[part~="config-error"]')).to.be.null;
      } finally {
        restore();
      }
    });

    it('never renders a javascript: URL as a link, and keeps the specialist by other channels', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fromSrc('/test/fixtures/specialists/invalid.json');
        expect(all(el, 'a').filter((a) => !/^(https?|mailto|tel):/.test(a.getAttribute('href')!))).to.deep.equal([]);
        expect(text(card(el, 'Со ссылкой javascript'))).not.to.contain('Нажми меня');
        expect(text(card(el, 'Со ссылкой javascript'))).to.contain('получатель: Учитель');
      } finally {
        restore();
      }
    });

    it('names the file-level problem and ignores an unknown time zone attribute', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await inline({ version: 2, specialists: [person('a')] }, { 'time-zone': 'Mars/Olympus' });
        expect(names(el)).to.deep.equal(['Специалист a']);
        expect(problems(el)).to.deep.equal([
          'Атрибут time-zone не принят: Неизвестный часовой пояс; используйте имя вроде Europe/Moscow.',
          'Ошибка в файле. version: Нужно значение 1.',
        ]);
      } finally {
        restore();
      }
    });

    it('tells the visitor a file that is broken as a whole did not load, rather than that the list is empty', async () => {
      const { restore } = captureWarnings();
      try {
        const broken = await inline([person('a')]);
        expect(problems(broken)).to.deep.equal(['Ошибка в файле. Нужен объект { … }.']);
        expect(text(one(broken, '[part~="empty"]'))).to.equal('Не удалось загрузить список специалистов.');
        const empty = await inline({ version: 1, specialists: [] });
        expect(text(one(empty, '[part~="empty"]'))).to.equal('Список пока пуст. Спросите классного руководителя или школу.');
      } finally {
        restore();
      }
    });

    it('names a requester attribute that is not a role, and shows everyone', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const el = await inline({ version: 1, specialists: [person('a', { serves: ['staff'] }), person('b', { serves: ['parent'] })] }, { requester: 'mother' });
        expect(names(el)).to.deep.equal(['Специалист a', 'Специалист b']);
        expect(problems(el)).to.deep.equal(['Атрибут requester не принят: Допустимые значения: staff, parent, student.']);
        expect(warnings.filter((w) => w.includes('requester'))).to.have.length(1);
      } finally {
        restore();
      }
    });

    it('renders markup in every string field as text', async () => {
      const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
      const el = await inline(
        {
          version: 1,
          specialists: [
            {
              id: 'x',
              kind: 'journal-admin',
              name: `N${payload}`,
              position: `P${payload}`,
              channels: [
                { type: 'journal-mail', recipient: `R${payload}` },
                { type: 'in-person', place: `K${payload}` },
                { type: 'link', url: 'https://example.org/a', label: `L${payload}` },
                { type: 'web-form', url: 'https://example.org/', label: `W${payload}` },
              ],
            },
          ],
        },
        { 'school-name': `S${payload}`, 'journal-url': 'https://school.example/"><img src=x>' },
      );
      const root = el.shadowRoot!;
      expect(root.querySelectorAll('img, script, iframe, object')).to.have.length(0);
      for (const node of root.querySelectorAll('*')) {
        expect([...node.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name), node.localName).to.deep.equal([]);
      }
      for (const prefix of ['N', 'P', 'R', 'K', 'L', 'W']) expect(root.textContent).to.contain(`${prefix}${payload}`);
      expect((window as { __xss?: number }).__xss).to.be.undefined;
    });
  });

  describe('filter and search', () => {
    it('filters by who is asking with the chips', async () => {
      const el = await fromSrc(VALID);
      button(el, 'Родитель').click();
      await el.updateComplete;
      expect(button(el, 'Родитель').getAttribute('aria-pressed')).to.equal('true');
      expect(button(el, 'Все').getAttribute('aria-pressed')).to.equal('false');
      // Without `serves` a specialist helps everyone; the deputy serves staff only.
      expect(names(el)).to.deep.equal(['Техническая поддержка ЭлЖур', 'Школьный администратор электронного журнала', 'Семёнова Анна Петровна', 'Педагог-психолог']);
      expect(text(one(el, '[part~="count"]'))).to.equal('Найдено 4 специалиста');
    });

    it('preselects who is asking from the requester attribute', async () => {
      const el = await fromSrc(VALID, { requester: 'staff' });
      expect(button(el, 'Сотрудник').getAttribute('aria-pressed')).to.equal('true');
      expect(names(el)).not.to.include('Педагог-психолог');
      el.requester = 'student';
      await el.updateComplete;
      expect(button(el, 'Ученик').getAttribute('aria-pressed')).to.equal('true');
    });

    it('searches name, position and channels, ignoring case and treating «ё» as «е»', async () => {
      const el = await fromSrc(VALID);
      for (const query of ['семенова', 'СЕМЁНОВА', 'Семенова А', 'математики']) {
        await type(el, query);
        expect(names(el), query).to.deep.equal(['Семёнова Анна Петровна']);
      }
      await type(el, 'обращений граждан');
      expect(names(el)).to.deep.equal(['Заместитель директора по УВР']);
      await type(el, 'КАБ. 12');
      expect(names(el)).to.deep.equal(['Школьный администратор электронного журнала']);
      expect(text(one(el, '[part~="count"]'))).to.equal('Найден 1 специалист');
    });

    it('says when nothing is found and resets to everyone', async () => {
      const el = await fromSrc(VALID);
      button(el, 'Сотрудник').click();
      await type(el, 'психолог');
      expect(names(el)).to.deep.equal([]);
      expect(text(one(el, '[part~="count"]'))).to.equal('Найдено 0 специалистов');
      expect(text(one(el, '[part~="empty"]'))).to.contain('Никого не нашли.');
      button(el, 'Показать всех').click();
      await waitUntil(() => names(el).length === 5);
      expect((one(el, '[part~="search"]') as HTMLInputElement).value).to.equal('');
      expect(button(el, 'Все').getAttribute('aria-pressed')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(one(el, '[part~="search"]'));
    });

    it('renders a long list page by page', async () => {
      const many = Array.from({ length: 40 }, (_, i) => person(`p${i}`));
      const el = await inline({ version: 1, specialists: many });
      expect(names(el)).to.have.length(30);
      expect(text(one(el, '[part~="count"]'))).to.equal('Найдено 40 специалистов');
      button(el, 'Показать ещё (10)').focus();
      button(el, 'Показать ещё (10)').click();
      await waitUntil(() => names(el).length === 40);
      await el.updateComplete;
      expect(one(el, '[part~="more"]')).to.be.null;
      const focused = el.shadowRoot!.activeElement;
      expect(focused?.getAttribute('part'), 'the keyboard goes on from the first new card').to.equal('name');
      expect(text(focused)).to.equal('Специалист p30');
      await type(el, 'Специалист');
      expect(names(el), 'a new search starts from the first page').to.have.length(30);
    });

    it('prints every card found, not the first page only: paper has no "show more"', async () => {
      const many = Array.from({ length: 40 }, (_, i) => person(`p${i}`));
      const el = await inline({ version: 1, specialists: many });
      expect(names(el)).to.have.length(30);
      // What the browser fires before it lays out a printout (Ctrl+P, or the page's own print button).
      dispatchEvent(new Event('beforeprint'));
      expect(names(el), 'rendered before the printout is laid out').to.have.length(40);
    });
  });

  describe('layout', () => {
    it('puts two cards side by side in a 900 px column, wide enough for a channel line, and one on a phone', async () => {
      await setViewport({ width: 1000, height: 800 });
      try {
        const el = await inline({ version: 1, specialists: ['a', 'b', 'c', 'd'].map((id) => person(id)) }, {}, (el) => (el.style.width = '900px'));
        const cards = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')].map((c) => c.getBoundingClientRect());
        expect(new Set(cards().map((r) => Math.round(r.top))).size, 'rows of four cards').to.equal(2);
        expect(cards()[0]!.width).to.be.above(400);
        el.style.width = '360px';
        expect(new Set(cards().map((r) => Math.round(r.left))).size, 'columns on a phone').to.equal(1);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('channels', () => {
    const href = (scope: Element, label: string) => [...scope.querySelectorAll('a')].find((a) => text(a) === label)?.getAttribute('href');

    it('links e-mail with a subject naming the school, and phone with digits only', async () => {
      const el = await fromSrc(VALID, { 'school-name': 'ОКОУ «Курская школа-интернат»' });
      const admin = card(el, 'Школьный администратор электронного журнала');
      expect(href(admin, 'journal-admin@school.example')).to.equal(
        `mailto:journal-admin@school.example?subject=${encodeURIComponent('Вопрос по электронному журналу, ОКОУ «Курская школа-интернат»')}`,
      );
      expect(href(admin, '+7 (000) 000-00-00')).to.equal('tel:+70000000000');
    });

    it('dials a phone’s extension after a pause, and shows the number as written', async () => {
      const channels = [{ type: 'phone', number: '+7 (4862) 55-12-34 доб. 214' }, { type: 'phone', number: '8 800 555-35-35 ext 7' }];
      const el = await inline({ version: 1, specialists: [person('a', { channels })] });
      expect(problems(el)).to.deep.equal([]);
      // A comma is the dialers' pause (Android and iOS): the extension is dialled after it.
      expect(href(card(el, 'Специалист a'), '+7 (4862) 55-12-34 доб. 214')).to.equal('tel:+74862551234,214');
      expect(href(card(el, 'Специалист a'), '8 800 555-35-35 ext 7')).to.equal('tel:88005553535,7');
    });

    it('uses a plain subject when the school is unknown', async () => {
      const el = await fromSrc(VALID);
      expect(href(card(el, 'Школьный администратор электронного журнала'), 'journal-admin@school.example')).to.equal(
        `mailto:journal-admin@school.example?subject=${encodeURIComponent('Вопрос по электронному журналу')}`,
      );
    });

    it('opens web forms and links in a new tab, safely', async () => {
      const el = await fromSrc(VALID);
      const vendor = card(el, 'Техническая поддержка ЭлЖур');
      expect(href(vendor, 'Обучение работе с журналом')).to.equal('https://eljur.ru/obuchenie-uchiteley-rabote-s-elektronnym-zhurnalom');
      expect(href(vendor, 'Форма обратной связи')).to.equal('https://support.example/form');
      expect(href(card(el, 'Заместитель директора по УВР'), 'Приём обращений граждан')).to.equal('http://school.example/feedback');
      for (const a of vendor.querySelectorAll('a')) {
        expect(a.target).to.equal('_blank');
        expect(a.rel).to.equal('noopener noreferrer');
      }
    });

    it('explains journal mail and links the school journal when known', async () => {
      const el = await fromSrc(VALID, { 'journal-url': 'https://kursk1506084570.eljur.ru' });
      const teacher = card(el, 'Семёнова Анна Петровна');
      expect(text(teacher.querySelector('[part~="channel"]'))).to.contain('Во встроенной почте журнала, получатель: Семёнова А. П.').and.not.contain('П..');
      expect(href(teacher, 'Открыть журнал')).to.equal('https://kursk1506084570.eljur.ru');
      const without = await fromSrc(VALID);
      expect(href(card(without, 'Семёнова Анна Петровна'), 'Открыть журнал')).to.be.undefined;
    });

    it('shows the place and hours of in-person help', async () => {
      const el = await fromSrc(VALID);
      const admin = text(card(el, 'Школьный администратор электронного журнала'));
      expect(admin).to.contain('каб. 12').and.to.contain('пн–пт 9:00–16:00');
      expect(text(card(el, 'Заместитель директора по УВР'))).to.contain('пн, ср 14:00–17:00');
      expect(card(el, 'Педагог-психолог').querySelector('[part~="status"]')).to.be.null;
    });
  });

  describe('"open now"', () => {
    const at = (iso: string) => (el: SpecialistDirectory) => (el.clock = () => new Date(iso));
    const status = (el: Element, name: string) => text(card(el, name).querySelector('[part~="status"]'));
    const ADMIN = 'Школьный администратор электронного журнала';

    it('is computed in the file’s time zone (Europe/Moscow)', async () => {
      const el = await fromSrc(VALID);
      const cases: [string, string][] = [
        ['2024-05-13T07:00:00Z', 'Сейчас открыто, до 16:00'], // Mon 10:00 in Moscow
        ['2024-05-13T05:30:00Z', 'Откроется сегодня в 9:00'], // Mon 08:30
        ['2024-05-13T13:00:00Z', 'Сейчас закрыто, откроется во вторник в 9:00'], // Mon 16:00 sharp
        ['2024-05-17T15:00:00Z', 'Сейчас закрыто, откроется в понедельник в 9:00'], // Fri 18:00
        ['2024-05-18T09:00:00Z', 'Сейчас закрыто, откроется в понедельник в 9:00'], // Saturday
        ['2024-05-19T22:00:00Z', 'Откроется сегодня в 9:00'], // Mon 01:00, though still Sunday in UTC
      ];
      for (const [iso, expected] of cases) {
        at(iso)(el);
        await el.updateComplete;
        expect(status(el, ADMIN), iso).to.equal(expected);
      }
    });

    it('uses the time-zone attribute when the data gives none, across midnight', async () => {
      const data = {
        version: 1,
        specialists: [person('night', { name: 'Ночная смена', channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: [5], from: '22:00', to: '02:00' }] }] })],
      };
      const el = await inline(data, { 'time-zone': 'Asia/Vladivostok', lang: 'en' }, at('2024-05-17T15:30:00Z'));
      expect(status(el, 'Ночная смена')).to.equal('Open now, until 2:00'); // Sat 01:30 in Vladivostok
      at('2024-05-17T11:00:00Z')(el); // Fri 21:00
      await el.updateComplete;
      expect(status(el, 'Ночная смена')).to.equal('Opens today at 22:00');
      at('2024-05-17T16:00:00Z')(el); // Sat 02:00
      await el.updateComplete;
      expect(status(el, 'Ночная смена')).to.equal('Closed now, opens Friday at 22:00');
    });

    it('reads hours written 9:00 as well as 09:00, and a lunch break as two ranges on one line', async () => {
      const data = {
        version: 1,
        specialists: [person('lunch', { name: 'Кабинет', channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: [5], from: '9:00', to: '13:00' }, { days: [5], from: '14:00', to: '17:00' }] }] })],
      };
      const el = await inline(data, { lang: 'en' }, at('2024-05-17T06:30:00Z')); // Fri 09:30 in Moscow
      expect(status(el, 'Кабинет')).to.equal('Open now, until 13:00');
      at('2024-05-17T10:30:00Z')(el); // Fri 13:30
      await el.updateComplete;
      expect(status(el, 'Кабинет')).to.equal('Opens today at 14:00');
      expect(text(one(el, '[part~="channel"]'))).to.include('Fri 9:00–13:00, 14:00–17:00');
    });

    it('says until when a place stays open across adjacent ranges, and just «open» for a post that never closes', async () => {
      const hours = [{ days: [1], from: '9:00', to: '12:00' }, { days: [1], from: '12:00', to: '15:00' }];
      const data = {
        version: 1,
        specialists: [
          person('a', { name: 'Кабинет', channels: [{ type: 'in-person', place: 'каб. 1', hours }] }),
          person('b', { name: 'Дежурный', channels: [{ type: 'in-person', place: 'пост', hours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '0:00', to: '24:00' }] }] }),
        ],
      };
      const el = await inline(data, {}, at('2024-05-13T08:59:00Z')); // Mon 11:59 in Moscow
      expect(status(el, 'Кабинет')).to.equal('Сейчас открыто, до 15:00');
      expect(status(el, 'Дежурный')).to.equal('Сейчас открыто');
    });

    it('lets the time-zone attribute win over the data\'s, as a school that copied another school\'s file expects', async () => {
      const data = {
        version: 1,
        timeZone: 'Europe/Moscow',
        specialists: [person('admin', { name: 'Кабинет', channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }] }] })],
      };
      // Friday 12:30 UTC: 15:30 in Moscow (open), 17:30 in Yekaterinburg (closed).
      const el = await inline(data, { 'time-zone': 'Asia/Yekaterinburg', lang: 'en' }, at('2024-05-17T12:30:00Z'));
      expect(status(el, 'Кабинет'), 'Moscow would still be open at 15:30').to.equal('Closed now, opens Monday at 9:00');
      const moscow = await inline(data, { lang: 'en' }, at('2024-05-17T12:30:00Z'));
      expect(status(moscow, 'Кабинет'), 'without the attribute, the data\'s zone').to.equal('Open now, until 17:00');
    });

    it('keeps naming a bad time-zone attribute once while the visitor searches, and follows a corrected one', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const data = {
          version: 1,
          specialists: [person('night', { name: 'Ночная смена', channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: [5], from: '22:00', to: '02:00' }] }] })],
        };
        const el = await inline(data, { 'time-zone': 'Mars/Olympus', lang: 'en' }, at('2024-05-17T15:30:00Z'));
        for (const query of ['Н', 'Ночн', '']) await type(el, query);
        expect(problems(el)).to.have.length(1);
        expect(problems(el)[0]).to.contain('time-zone');
        expect(warnings.filter((w) => w.includes('time-zone'))).to.have.length(1);
        expect(status(el, 'Ночная смена')).to.equal('Opens today at 22:00'); // Fri 18:30 in Moscow
        el.setAttribute('time-zone', 'Asia/Vladivostok');
        await el.updateComplete;
        expect(status(el, 'Ночная смена')).to.equal('Open now, until 2:00'); // Sat 01:30 in Vladivostok
        await type(el, 'Ночн');
        expect(status(el, 'Ночная смена')).to.equal('Open now, until 2:00');
      } finally {
        restore();
      }
    });
  });

  describe('copy', () => {
    let original: PropertyDescriptor | undefined;
    beforeEach(() => (original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')));
    afterEach(() => original && Object.defineProperty(Navigator.prototype, 'clipboard', original));
    const stubClipboard = (writeText: (text: string) => Promise<void>) =>
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({ writeText }) });

    it('copies an e-mail address and a phone, confirming each copy to screen readers, a second one within seconds too', async () => {
      const copied: string[] = [];
      stubClipboard(async (value) => void copied.push(value));
      const el = await fromSrc(VALID);
      const region = all(el, '.visually-hidden[role="status"]')[0]!;
      button(el, 'Скопировать: journal-admin@school.example').click();
      await waitUntil(() => text(region) === 'Скопировано', 'the copy was not confirmed to screen readers');
      expect(copied).to.deep.equal(['journal-admin@school.example']);
      // Named as it reads: a voice-control user says what they see.
      expect(text(button(el, 'Скопировано: journal-admin@school.example'))).to.equal('Скопировано');
      // A live region is read when its text changes: the same text left in place says nothing.
      const said: string[] = [];
      new MutationObserver(() => said.push(text(region))).observe(region, { childList: true, characterData: true, subtree: true });
      button(el, 'Скопировать: +7 (000) 000-00-00').click();
      await waitUntil(() => said.length > 1 && said.at(-1) === 'Скопировано', 'the second copy was not announced');
      expect(copied).to.deep.equal(['journal-admin@school.example', '+7 (000) 000-00-00']);
    });

    it('falls back to a hidden text area without the Clipboard API', async () => {
      stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      const commands: string[] = [];
      const execCommand = document.execCommand;
      document.execCommand = (command: string) => {
        const focused = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
        commands.push(`${command}:${(focused as HTMLTextAreaElement).value}`);
        return true;
      };
      try {
        const el = await fromSrc(VALID);
        button(el, 'Скопировать: +7 (000) 000-00-00').click();
        await waitUntil(() => commands.length === 1);
        expect(commands).to.deep.equal(['copy:+7 (000) 000-00-00']);
        expect(document.querySelector('body > textarea')).to.be.null;
        expect(el.shadowRoot!.querySelector('textarea')).to.be.null;
      } finally {
        document.execCommand = execCommand;
      }
    });

    it('says so when the browser refuses to copy, instead of claiming it copied', async () => {
      stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      const execCommand = document.execCommand;
      let asked = 0;
      document.execCommand = () => (asked++, false);
      try {
        const el = await fromSrc(VALID);
        button(el, 'Скопировать: journal-admin@school.example').click();
        await waitUntil(() => asked === 1);
        await el.updateComplete;
        expect(text(button(el, 'Не скопировано: выделите вручную: journal-admin@school.example'))).to.equal('Не скопировано: выделите вручную');
        expect(all(el, '[role="status"]').map(text)).to.include('Не скопировано: выделите вручную').and.not.include('Скопировано');
      } finally {
        document.execCommand = execCommand;
      }
    });
  });

  describe('print', () => {
    it('prints the people and their contacts, without the search, the chips or buttons, with web addresses written out', async () => {
      const el = await fromSrc(VALID);
      const restore = await printed(el);
      try {
        const shown = (node: Element) => node.getClientRects().length > 0;
        expect(shown(one(el, '[part~="filters"]')!)).to.equal(false);
        expect(shown(one(el, '[part~="search"]')!.closest('label')!)).to.equal(false);
        expect(all(el, 'button').some(shown)).to.equal(false);
        expect(all(el, '[part~="card"]').every(shown)).to.equal(true);
        expect(getComputedStyle(one(el, 'h2')!).breakAfter, 'a group heading is not left alone at the foot of a page').to.equal('avoid');
        const site = all(el, '[part~="channel"] a').find((a) => a.getAttribute('href')!.startsWith('https://support.example'))!;
        // Chromium resolves attr(); Firefox reports it as declared.
        expect(getComputedStyle(site, '::after').content).to.match(/https:\/\/support\.example|attr\(href\)/);
      } finally {
        await restore();
      }
    });
  });

  describe('"write a request"', () => {
    afterEach(() => document.querySelectorAll('help-request-form').forEach((f) => f.remove()));

    it('is offered only when the page has a help-request-form, for the school’s own specialists', async () => {
      const alone = await fromSrc(VALID);
      expect(all(alone, '[part~="write"]')).to.have.length(0);
      document.body.append(Object.assign(document.createElement('help-request-form'), { tabIndex: -1 }));
      const el = await fromSrc(VALID);
      expect(all(el, '[part~="write"]').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Написать запрос: Школьный администратор электронного журнала',
        'Написать запрос: Заместитель директора по УВР',
        'Написать запрос: Семёнова Анна Петровна',
      ]);
    });

    it('announces the choice and focuses the form', async () => {
      const form = Object.assign(document.createElement('help-request-form'), { tabIndex: -1 });
      document.body.append(form);
      const el = await fromSrc(VALID, { requester: 'parent' });
      const opened = oneEvent(document, 'help-request-open');
      button(el, 'Написать запрос: Семёнова Анна Петровна').click();
      const event = await opened;
      expect(event.detail).to.deep.equal({ specialistId: 'teacher-semenova', requester: 'parent' });
      expect(event.composed && event.bubbles).to.be.true;
      expect(document.activeElement).to.equal(form);
    });

    it('leaves the focus alone when a page cancels the event', async () => {
      const form = Object.assign(document.createElement('help-request-form'), { tabIndex: -1 });
      document.body.append(form);
      const el = await fromSrc(VALID);
      el.addEventListener('help-request-open', (e) => e.preventDefault(), { once: true });
      button(el, 'Написать запрос: Заместитель директора по УВР').click();
      expect(document.activeElement).not.to.equal(form);
    });
  });

  it('fits a 320 px phone without horizontal scrolling', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const el = document.createElement('specialist-directory');
    el.src = VALID;
    el.journalUrl = 'https://kursk1506084570.eljur.ru';
    wrapper.append(el);
    await settled(el);
    expect(el.scrollWidth).to.be.at.most(320);
    for (const node of all(el, '*')) expect(node.getBoundingClientRect().right, node.localName).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
  });
});
