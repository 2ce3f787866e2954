import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/regulation-viewer/define.js';
import { printed } from '../support/print.js';
import type { RegulationViewer } from '../../src/regulation-viewer/regulation-viewer.js';
import { sendKeys, setViewport } from '../support/driver.js';

const SEED = '/demo/regulation.md';

/** waitUntil with room for a busy machine (six test suites share two cores). */
const until = (predicate: () => unknown, message?: string) => waitUntil(predicate, message, { timeout: 8000 });

const $ = (el: RegulationViewer, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: RegulationViewer, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const doc = (el: RegulationViewer) => $(el, '[part~="document"]')!;
const points = (el: RegulationViewer) => $$(el, '[part~="point"]');
const searchInput = (el: RegulationViewer) => el.shadowRoot!.querySelector<HTMLInputElement>('[part~="search-input"]')!;
/** The visible count («2 из 20»); the live region also says where the match is, for screen readers only. */
const count = (el: RegulationViewer) => {
  const live = $(el, '.count')!;
  return live.textContent!.replace(live.querySelector('.visually-hidden')?.textContent ?? '', '').trim();
};
/** What a screen reader hears from the count's live region. */
const announced = (el: RegulationViewer) => $(el, '.count')!.textContent!.trim();
const button = (el: RegulationViewer, name: string) =>
  $$(el, 'button').find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name)!;

const TABLE = '# T\n\n| Канал | Время |\n|---|---|\n| [Почта](mailto:a@school.example) | **9–18** |';
/** Sixteen columns: wider than a phone even with every word broken. */
const WIDE = `# T\n\n|${' Час |'.repeat(16)}\n|${'---|'.repeat(16)}\n|${' 9–18 |'.repeat(16)}`;

/** An element whose Markdown is in an inline `<script type="text/markdown">`, as a webmaster writes it. */
async function inline(markdown: string, attributes = ''): Promise<RegulationViewer> {
  const wrapper = await fixture(html`<div></div>`);
  wrapper.innerHTML = `<regulation-viewer ${attributes}></regulation-viewer>`;
  const el = wrapper.firstElementChild as RegulationViewer;
  const script = document.createElement('script');
  script.type = 'text/markdown';
  script.textContent = markdown;
  el.append(script);
  const status = () => $(el, '[part~="status"]')?.textContent;
  await until(() => $(el, '[part~="document"]') || (status() && !status()!.startsWith('Загрузка')), 'never rendered');
  await el.updateComplete;
  return el;
}

async function seed(attributes = ''): Promise<RegulationViewer> {
  const wrapper = await fixture(html`<div></div>`);
  wrapper.innerHTML = `<regulation-viewer src="${SEED}" ${attributes}></regulation-viewer>`;
  const el = wrapper.firstElementChild as RegulationViewer;
  await until(() => $(el, '[part~="document"]'), 'the seed regulation never rendered');
  await el.updateComplete;
  return el;
}

function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

async function type(el: RegulationViewer, text: string) {
  const input = searchInput(el);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  await el.updateComplete;
}

const inView = (node: Element) => {
  const { top, bottom } = node.getBoundingClientRect();
  return top >= -1 && top < innerHeight && bottom > 0;
};

describe('<regulation-viewer>', () => {
  const startUrl = location.href;
  afterEach(() => history.replaceState(null, '', startUrl));

  describe('accessibility', function () {
    // axe on a whole regulation is slow on a busy machine.
    this.timeout(30000);
    it('puts its headings under the page section it stands in: a title under an h2 is level 3', async () => {
      const section = await fixture<HTMLElement>(html`<section><h2>Регламент</h2><div></div></section>`);
      section.querySelector('div')!.innerHTML = '<regulation-viewer><script type="text/markdown"># Регламент\n\n## Раздел\n\n1. Пункт.</script></regulation-viewer>';
      const el = section.querySelector('regulation-viewer') as RegulationViewer;
      await until(() => $(el, '[part~="document"] h2'), 'never rendered');
      expect(['h1', 'h2'].map((h) => $(el, `[part~="document"] ${h}`)!.getAttribute('aria-level'))).to.deep.equal(['3', '4']);
      section.remove();
      const alone = await inline('# Регламент\n\n## Раздел');
      expect(['h1', 'h2'].map((h) => $(alone, `[part~="document"] ${h}`)!.getAttribute('aria-level'))).to.deep.equal(['1', '2']);
    });
    it('is accessible when loaded', async () => {
      await expect(await seed()).to.be.accessible();
    });
    it('is accessible with search results', async () => {
      const el = await seed();
      await type(el, 'журнал');
      await expect(el).to.be.accessible();
    });
    it('is accessible with a table wider than a phone', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        await expect(await inline(WIDE)).to.be.accessible();
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
    it('is accessible when empty', async () => {
      const el = await inline('   ');
      await expect(el).to.be.accessible();
    });
    it('is accessible in the error state', async () => {
      const el = await fixture<RegulationViewer>(html`<regulation-viewer src="/test/fixtures/regulation/missing.md"></regulation-viewer>`);
      await until(() => $(el, '[role="alert"]'), 'no error shown');
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('reflects src and no-toc as attributes', async () => {
      const el = await inline('# T\n\n1. a');
      expect(el.src).to.equal(undefined);
      expect(el.noToc).to.equal(false);
      el.src = SEED;
      el.noToc = true;
      await el.updateComplete;
      expect(el.getAttribute('src')).to.equal(SEED);
      expect(el.hasAttribute('no-toc')).to.equal(true);
    });
    it('says it is loading until the text arrives, in Russian by default', async () => {
      const el = await fixture<RegulationViewer>(html`<regulation-viewer src=${SEED}></regulation-viewer>`);
      expect($(el, '[part~="status"]')!.textContent).to.include('Загрузка');
      await until(() => $(el, '[part~="document"]'));
    });
    it('speaks English when the page or the element says so', async () => {
      const el = await seed('lang="en"');
      expect($(el, 'label')!.textContent).to.equal('Search the text');
      expect($(el, 'summary')!.textContent).to.equal('Contents');
      expect(button(el, 'Copy link to point 4')).to.exist;
    });
  });

  describe('source', () => {
    it('reads an inline <script type="text/markdown">, ignoring the HTML indentation', async () => {
      const el = await inline('\n    # Регламент\n\n    1. Первый\n\n        Продолжение\n  ');
      expect($(el, 'h1')!.textContent).to.equal('Регламент');
      expect(points(el).map((p) => p.id)).to.deep.equal(['p-1']);
      expect($(el, '#p-1 p:nth-of-type(2)')!.textContent).to.equal('Продолжение');
    });
    it('prefers src over the inline text', async () => {
      const wrapper = await fixture(html`<div></div>`);
      wrapper.innerHTML = `<regulation-viewer src="${SEED}"><script type="text/markdown"># Inline</script></regulation-viewer>`;
      const el = wrapper.firstElementChild as RegulationViewer;
      await until(() => $(el, '[part~="document"]'));
      expect($(el, 'h1')!.textContent).to.match(/^Регламент оказания/);
    });
    it('loads a new document when src changes', async () => {
      const el = await inline('# Старый');
      el.src = SEED;
      await until(() => $(el, 'h1')?.textContent?.startsWith('Регламент'), 'never switched documents');
    });
    it('shows an empty state for an empty document', async () => {
      const el = await inline('\n\n   \n');
      expect($(el, '[part~="status"]')!.textContent).to.equal('Текст регламента пока не добавлен.');
      expect($(el, '[part~="config-error"]')).to.equal(null);
    });
    it('follows edits of its inline script, also those made while it was out of the page', async () => {
      const el = await inline('# Первая редакция');
      const script = el.querySelector('script')!;
      script.textContent = '# Вторая редакция';
      await until(() => $(el, 'h1')?.textContent === 'Вторая редакция', 'the edited text was not shown');
      const parent = el.parentElement!;
      el.remove();
      script.textContent = '# Третья редакция';
      parent.append(el);
      await until(() => $(el, 'h1')?.textContent === 'Третья редакция', 'an edit made while detached was not shown');
    });
    it('reads a script added after it started, and the webmaster’s notice goes', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fixture<RegulationViewer>(html`<regulation-viewer></regulation-viewer>`);
        await until(() => $(el, '[part~="config-error"]'), 'no notice for the webmaster');
        const script = document.createElement('script');
        script.type = 'text/markdown';
        script.textContent = '# Регламент\n\n1. Пункт';
        el.append(script);
        await until(() => $(el, 'h1')?.textContent === 'Регламент', 'the added script was not read');
        expect($(el, '[part~="config-error"]')).to.equal(null);
      } finally {
        restore();
      }
    });
    it('tells the webmaster when there is no source at all', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const el = await fixture<RegulationViewer>(html`<regulation-viewer></regulation-viewer>`);
        await until(() => $(el, '[part~="config-error"]'), 'no notice for the webmaster');
        expect($(el, '[part~="config-error"]')!.textContent).to.include('script type="text/markdown"');
        expect($(el, '[part~="status"]')!.textContent).to.equal('Текст регламента пока не добавлен.');
        expect(warnings.some((w) => w.includes('<regulation-viewer>'))).to.equal(true);
      } finally {
        restore();
      }
    });
    it('shows a load error with a retry that loads the text, keeping the keyboard in the viewer rather than dropping it to the page', async () => {
      const realFetch = window.fetch;
      let calls = 0;
      window.fetch = (...args: Parameters<typeof fetch>) => (++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(...args));
      try {
        const el = await fixture<RegulationViewer>(html`<regulation-viewer src=${SEED}></regulation-viewer>`);
        await until(() => $(el, '[role="alert"]'), 'no error shown');
        expect($(el, '[role="alert"]')!.textContent).to.include('Не удалось загрузить регламент.');
        button(el, 'Повторить').focus();
        await sendKeys({ press: 'Enter' });
        await until(() => $(el, '[part~="document"]'), 'retry did not load the text');
        expect(calls).to.equal(2);
        expect(document.activeElement?.localName, 'focus fell to the page').to.equal(el.localName);
        await sendKeys({ press: 'Tab' });
        expect(el.shadowRoot!.activeElement?.textContent, 'Tab goes on from the top of the viewer').to.equal('Содержание');
      } finally {
        window.fetch = realFetch;
      }
    });
    it('passes an abort signal to fetch', async () => {
      const realFetch = window.fetch;
      let signal: AbortSignal | null | undefined;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => ((signal = init?.signal), realFetch(input, init));
      try {
        await seed();
        expect(signal).to.be.instanceOf(AbortSignal);
      } finally {
        window.fetch = realFetch;
      }
    });
    it('names the missing file and the HTTP status for the webmaster, until a src that loads', async () => {
      const { restore } = captureWarnings();
      try {
        const el = await fixture<RegulationViewer>(html`<regulation-viewer src="/test/fixtures/regulation/missing.md"></regulation-viewer>`);
        await until(() => $(el, '[part~="config-error"]'));
        expect($(el, '[part~="config-error"] li')!.textContent!.trim()).to.equal(`Не удалось прочитать ${new URL('/test/fixtures/regulation/missing.md', location.href).href}: сервер ответил HTTP 404.`);
        expect($(el, '[role="alert"] p')!.textContent!.trim(), 'the visitor\'s internet is not to blame').to.equal('Не удалось загрузить регламент.');
        el.src = SEED;
        await until(() => $(el, '[part~="document"]'), 'the new src was not loaded');
        expect($(el, '[part~="config-error"]'), 'the note goes with the problem').to.be.null;
      } finally {
        restore();
      }
    });
    it('names a site builder\'s own page instead of showing its HTML as the regulation', async () => {
      const { warnings, restore } = captureWarnings();
      try {
        const el = await fixture<RegulationViewer>(html`<regulation-viewer src="/test/fixtures/site-page.html"></regulation-viewer>`);
        await until(() => $(el, '[role="alert"]'), 'no error shown');
        expect($(el, '[part~="config-error"] li')!.textContent!.trim()).to.equal(`Не удалось прочитать ${new URL('/test/fixtures/site-page.html', location.href).href}: по этому адресу HTML-страница, а не файл.`);
        expect($(el, '[part~="document"]')).to.be.null;
        expect(warnings.some((w) => w.includes('HTML-страница'))).to.be.true;
      } finally {
        restore();
      }
    });
    it('reads a regulation saved in Windows-1251, as Notepad and Word save it on a Russian Windows', async () => {
      const el = await fixture<RegulationViewer>(html`<regulation-viewer src="/test/fixtures/regulation/cp1251.md"></regulation-viewer>`);
      await until(() => $(el, '[part~="document"]'), 'the text was not shown');
      const text = $(el, '[part~="document"]')!.textContent!;
      expect(text).to.include('Общие положения — «ЭлЖур», № 5.').and.not.include('\uFFFD');
      expect($(el, '#p-2'), 'the points are numbered').to.exist;
    });
  });

  describe('relative links', () => {
    it('read against the regulation file\'s own address, as a webmaster expects of a file beside it', async () => {
      const el = await fixture<RegulationViewer>(html`<regulation-viewer src="/test/fixtures/regulation/docs/relative.md"></regulation-viewer>`);
      await until(() => $(el, '[part~="document"] a'), 'the links were not shown');
      expect($$(el, '[part~="document"] a').map((a) => a.getAttribute('href'))).to.deep.equal([
        new URL('/test/fixtures/regulation/docs/consent.pdf', location.href).href,
        new URL('/test/fixtures/regulation/privacy.html', location.href).href,
      ]);
    });
    it('in an inline regulation, read against the page', async () => {
      const el = await inline('# Регламент\n\n1. [Согласие](consent.pdf), [опасно](javascript:alert(1)).');
      const links = $$(el, '[part~="document"] a');
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([new URL('consent.pdf', document.baseURI).href]);
      expect($(el, '#p-1')!.textContent).to.include('опасно');
    });
  });

  describe('Markdown', () => {
    let el: RegulationViewer;
    before(async () => {
      el = await inline(
        [
          '# Заголовок',
          '## Раздел',
          '### Подраздел',
          'Абзац с *курсивом*, _ещё курсивом_, **жирным**, __тоже жирным__ и `апострофами`.',
          'Вторая строка того же абзаца,  ',
          'а эта после жёсткого переноса.',
          '',
          '- пункт списка',
          '  - вложенный пункт',
          '',
          '1) первый',
          '2) второй',
          '',
          '[Сайт](https://school.example "Школа"), <https://eljur.ru>, https://bare.example/x, [почта](mailto:a@school.example), [телефон](tel:+74712000000), [пункт](#p-1).',
          '',
          '[опасно](javascript:alert(1)) <b onclick="x()">жирный?</b>',
        ].join('\n'),
      );
    });

    it('renders headings, paragraphs and line breaks', () => {
      expect(['h1', 'h2', 'h3'].map((h) => $(el, h)?.textContent)).to.deep.equal(['Заголовок', 'Раздел', 'Подраздел']);
      const p = $(el, '[part~="document"] > p')!;
      expect(p.querySelectorAll('br')).to.have.length(1);
      expect(p.innerText).to.include('Абзац с курсивом, ещё курсивом, жирным, тоже жирным и `апострофами`. Вторая строка того же абзаца,\nа эта');
    });
    it('renders emphasis', () => {
      expect($$(el, 'em').map((e) => e.textContent)).to.deep.equal(['курсивом', 'ещё курсивом']);
      expect($$(el, 'strong').map((e) => e.textContent)).to.deep.equal(['жирным', 'тоже жирным']);
    });
    it('renders nested bullet lists and ordered lists with the numbers as written', () => {
      expect($(el, 'ul > li > ul > li')!.textContent!.trim()).to.equal('вложенный пункт');
      expect($$(el, 'ol .num').map((n) => n.textContent)).to.deep.equal(['1)', '2)']);
    });
    it('renders a pipe table: a header row, then cells with links and emphasis', async () => {
      const el = await inline(TABLE);
      const rows = $$(el, '[part~="document"] table tr').map((tr) => [...tr.children].map((c) => `${c.localName}:${c.textContent}`));
      expect(rows).to.deep.equal([['th:Канал', 'th:Время'], ['td:Почта', 'td:9–18']]);
      expect($(el, 'td a')!.getAttribute('href')).to.equal('mailto:a@school.example');
      expect($(el, 'td strong')!.textContent).to.equal('9–18');
    });
    it('renders links, autolinks and bare URLs; only safe ones are active', () => {
      const links = $$(el, '[part~="document"] a').map((a) => [a.textContent, a.getAttribute('href')]);
      expect(links).to.deep.equal([
        ['Сайт', 'https://school.example'],
        ['https://eljur.ru', 'https://eljur.ru'],
        ['https://bare.example/x', 'https://bare.example/x'],
        ['почта', 'mailto:a@school.example'],
        ['телефон', 'tel:+74712000000'],
        ['пункт', '#p-1'],
      ]);
      expect(doc(el).textContent).to.include('опасно <b onclick="x()">жирный?</b>');
    });
  });

  describe('the seed regulation', () => {
    it('has seven numbered points with unique anchors, «5.» written twice, and warns once', async () => {
      const { warnings, restore } = captureWarnings();
      let el: RegulationViewer;
      try {
        el = await seed();
        el.lang = 'en';
        await el.updateComplete;
        el.lang = 'ru';
        await el.updateComplete;
      } finally {
        restore();
      }
      const ids = points(el).map((p) => p.id);
      expect(ids).to.deep.equal(['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-5-2', 'p-6']);
      expect(new Set($$(el, '[id]').map((n) => n.id)).size).to.equal($$(el, '[id]').length);
      expect(points(el).map((p) => p.querySelector('.num')!.textContent)).to.deep.equal(['1.', '2.', '3.', '4.', '5.', '5.', '6.']);
      const repeats = warnings.filter((w) => w.includes('<regulation-viewer>') && w.includes('5'));
      expect(repeats).to.have.length(1);
      expect(repeats[0]).to.include('p-5-2');
    });
    it('shows the approval lines as a header block and the title as the first heading', async () => {
      const el = await seed();
      const groups = $$(el, '[part~="meta"] p').map((p) => p.innerText.split('\n'));
      expect(groups).to.deep.equal([
        ['Согласовано на заседании', 'Совета родителей,', 'Протокол № 1', 'от «30» 09.21'],
        ['Принято', 'на заседании', 'педагогического совета', 'Протокол № 1 от', '«30» 09.21'],
      ]);
      const title = doc(el).querySelector('h1')!;
      expect(title.textContent).to.match(/^Регламент оказания технической и методической помощи/);
      expect(doc(el).getAttribute('aria-labelledby')).to.equal(title.id);
    });
    it('makes the URLs in the text links', async () => {
      const el = await seed();
      expect($$(el, '[part~="document"] a').map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://kursk1506084570.eljur.ru',
        'https://kursk1506084570.eljur.ru',
        'https://kurskinternat1i2vida.edusite.ru',
        'https://eljur.ru/obuchenie-uchiteley-rabote-s-elektronnym-zhurnalom',
      ]);
    });
  });

  describe('deep links', () => {
    it('opens on the point named in the address', async () => {
      history.replaceState(null, '', '#p-6');
      const el = await seed();
      const point = $(el, '#p-6')!;
      await until(() => inView(point), 'point 6 was not scrolled into view');
      expect(point.classList.contains('targeted')).to.equal(true);
      expect(el.shadowRoot!.activeElement, 'the keyboard goes on from point 6').to.equal(point);
    });
    it('opens on a numbered section heading named in the address (#p-2 for «## 2. …»)', async () => {
      history.replaceState(null, '', '#p-2');
      const el = await inline(`# Регламент\n\n## 1. Общие положения\n\n${'1.1. Текст пункта. '.repeat(200)}\n\n## 2. Специалисты\n\n2.1. Администратор`);
      const heading = $(el, '#p-2')!;
      expect(heading.tagName).to.equal('H2');
      await until(() => inView(heading), 'section 2 was not scrolled into view');
      expect(heading.classList.contains('targeted')).to.equal(true);
      history.replaceState(null, '', location.pathname);
    });
    it('follows a hashchange to a point, the repeated «5.» included', async () => {
      const el = await seed();
      const changed = oneEvent(window, 'hashchange');
      location.hash = '#p-5-2';
      await changed;
      const point = $(el, '#p-5-2')!;
      expect(point.classList.contains('targeted')).to.equal(true);
      expect(el.shadowRoot!.activeElement, 'a link to a point takes the keyboard there').to.equal(point);
      expect(inView(point)).to.equal(true);
      location.hash = '#p-1';
      await oneEvent(window, 'hashchange');
      expect(point.classList.contains('targeted')).to.equal(false);
      expect($(el, '#p-1')!.classList.contains('targeted')).to.equal(true);
    });
    it('keeps a control that takes focus in the text clear of the sticky search bar', async () => {
      const el = await seed();
      const bar = $(el, '.search')!;
      const copy = $(el, '#p-3 .copy') as HTMLElement;
      // Back up to it with Shift+Tab from the control after it, the page scrolled below: the browser
      // brings it in at the top, where the bar is (WebKit scrolls for the Tab key, not for focus()).
      copy.focus();
      await sendKeys({ press: 'Tab' });
      window.scrollTo(0, document.documentElement.scrollHeight);
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(el.shadowRoot!.activeElement).to.equal(copy);
      expect(copy.getBoundingClientRect().top, 'below the search bar').to.be.at.least(bar.getBoundingClientRect().bottom - 1);
      window.scrollTo(0, 0);
    });
    it('ignores hashes that are not its anchors', async () => {
      const el = await seed();
      location.hash = '#q';
      await oneEvent(window, 'hashchange');
      expect($$(el, '.targeted')).to.deep.equal([]);
    });
    it('stops listening when removed from the page', async () => {
      const el = await seed();
      const parent = el.parentElement!;
      el.remove();
      location.hash = '#p-2';
      await oneEvent(window, 'hashchange');
      expect($(el, '#p-2')!.classList.contains('targeted')).to.equal(false);
      parent.append(el);
    });
  });

  describe('under the page’s own sticky header (--jhw-sticky-top)', () => {
    const header = 'style="--jhw-sticky-top: 80px"';
    const bar = (el: RegulationViewer) => $(el, '[part~="search"]')!.getBoundingClientRect();

    it('sticks the search bar below the header and opens a deep link below both', async () => {
      // Not a point near the end: the page could not scroll it up to the header.
      history.replaceState(null, '', '#p-2');
      const el = await seed(header);
      const point = $(el, '#p-2')!;
      await until(() => point.classList.contains('targeted'), 'point 2 was not shown');
      expect(bar(el).top).to.be.closeTo(80, 1);
      expect(point.getBoundingClientRect().top).to.be.at.least(bar(el).bottom - 1);
    });
    it('keeps every match clear of the header and the bar when going back up on a phone', async () => {
      await setViewport({ width: 390, height: 700 });
      try {
        const el = await seed(header);
        await type(el, 'журнал');
        await sendKeys({ down: 'Shift' });
        for (let i = Number(count(el).split(' из ')[1]); i > 0; i--) {
          await sendKeys({ press: 'Enter' });
          await el.updateComplete;
          const [match] = [...CSS.highlights.get('jhw-regulation-current')!] as AbstractRange[];
          const range = document.createRange();
          range.setStart(match!.startContainer, match!.startOffset);
          const { top, bottom } = bar(el);
          expect(top, `the bar at match ${count(el)}`).to.be.at.least(79);
          expect(range.getBoundingClientRect().top, `match ${count(el)} is under the bar`).to.be.at.least(bottom - 1);
        }
      } finally {
        await sendKeys({ up: 'Shift' });
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('table of contents', () => {
    it('lists the points as links inside a labelled navigation, open on a wide screen', async () => {
      const el = await seed();
      const toc = $(el, '[part~="toc"]') as HTMLDetailsElement;
      expect(toc.open).to.equal(true);
      expect(toc.querySelector('nav')!.getAttribute('aria-label')).to.equal('Содержание');
      const links = [...toc.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['#p-1', '#p-2', '#p-3', '#p-4', '#p-5', '#p-5-2', '#p-6']);
      expect(links[5].textContent).to.match(/^5\. Общение пользователей/);
    });
    it('indents each level of points deeper than the one above it', async () => {
      const el = await inline('# T\n\n## 2. Кто помогает\n\n2.1. Первый\n\n2.1.1. Его часть\n\n2.1.1.1. Её часть\n\n2.2. Второй\n\n### Без номера');
      const indent = (href: string) =>
        parseFloat(getComputedStyle($(el, `[part~="toc"] a[href="${href}"]`)!.closest('li')!).paddingInlineStart);
      const [section, point, part, partOfPart, second] = ['#p-2', '#p-2.1', '#p-2.1.1', '#p-2.1.1.1', '#p-2.2'].map(indent);
      expect(point).to.be.above(section!);
      expect(part).to.be.above(point!);
      expect(partOfPart).to.be.above(part!);
      expect(second).to.equal(point);
    });
    it('moves to the point, focuses it and updates the address without reloading', async () => {
      const el = await seed();
      const link = [...$(el, '[part~="toc"]')!.querySelectorAll('a')].find((a) => a.getAttribute('href') === '#p-4')!;
      let hashchanges = 0;
      const count = () => hashchanges++;
      window.addEventListener('hashchange', count);
      link.click();
      window.removeEventListener('hashchange', count);
      expect(location.hash).to.equal('#p-4');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#p-4'));
      expect($(el, '#p-4')!.classList.contains('targeted')).to.equal(true);
      expect(inView($(el, '#p-4')!)).to.equal(true);
      expect(hashchanges).to.equal(0);
    });
    it('keeps the address on this page when the site sets <base href> elsewhere, as site builders do', async () => {
      const el = await seed();
      const page = location.href.split('#')[0];
      const base = Object.assign(document.createElement('base'), { href: '/somewhere/else/' });
      document.head.prepend(base);
      try {
        [...$(el, '[part~="toc"]')!.querySelectorAll('a')].find((a) => a.getAttribute('href') === '#p-2')!.click();
        expect(location.href).to.equal(`${page}#p-2`);
      } finally {
        base.remove();
        history.replaceState(null, '', page);
      }
    });
    it('is collapsed at first on a narrow screen, and opens from the keyboard', async () => {
      await setViewport({ width: 360, height: 640 });
      try {
        const el = await seed();
        const toc = $(el, '[part~="toc"]') as HTMLDetailsElement;
        expect(toc.open).to.equal(false);
        toc.querySelector('summary')!.focus();
        await sendKeys({ press: 'Enter' });
        await until(() => toc.open, 'Enter did not open the contents');
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
    it('lists the points of a Word file: a bold number, or no space after it, each with a copy button', async () => {
      const el = await inline('# Регламент\n\n**1.** Общие положения\n\n3.Пункт\n3.1.Подпункт');
      expect(points(el).map((p) => p.id)).to.deep.equal(['p-1', 'p-3', 'p-3.1']);
      expect($$(el, '[part~="toc"] a').map((a) => a.getAttribute('href'))).to.deep.equal(['#p-1', '#p-3', '#p-3.1']);
      expect(button(el, 'Скопировать ссылку на пункт 3.1')).to.exist;
    });
    it('is left out with no-toc', async () => {
      const el = await seed('no-toc');
      expect($(el, '[part~="toc"]')).to.equal(null);
    });
  });

  describe('copy link', () => {
    const base = () => location.href.replace(/#.*$/, '');
    afterEach(() => {
      delete (navigator as { clipboard?: unknown }).clipboard;
    });
    const stubClipboard = (writeText: (text: string) => Promise<void>) =>
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

    it('copies the address of the point and confirms it', async () => {
      const el = await seed();
      const copied: string[] = [];
      stubClipboard(async (text) => void copied.push(text));
      button(el, 'Скопировать ссылку на пункт 4').click();
      await until(() => $(el, '.main > [role="status"]')!.textContent);
      expect(copied).to.deep.equal([`${base()}#p-4`]);
      expect($(el, '.main > [role="status"]')!.textContent).to.equal('Ссылка на пункт 4 скопирована');
    });
    it('confirms a second copy of the same point to screen readers too', async () => {
      const el = await seed();
      const copied: string[] = [];
      stubClipboard(async (text) => void copied.push(text));
      const region = $(el, '.main > [role="status"]')!;
      button(el, 'Скопировать ссылку на пункт 4').click();
      await until(() => region.textContent);
      // A live region is read when its text changes: the same text left in place says nothing.
      const said: string[] = [];
      new MutationObserver(() => said.push(region.textContent!)).observe(region, { childList: true, characterData: true, subtree: true });
      button(el, 'Скопировать ссылку на пункт 4').click();
      await until(() => copied.length === 2);
      await until(() => said.length, 'the second copy was not announced');
      await el.updateComplete;
      expect(said.at(-1)).to.equal('Ссылка на пункт 4 скопирована');
    });
    it('copies the repeated point’s own anchor', async () => {
      const el = await seed();
      const copied: string[] = [];
      stubClipboard(async (text) => void copied.push(text));
      $(el, '#p-5-2 [part~="copy-button"]')!.click();
      await until(() => copied.length);
      expect(copied).to.deep.equal([`${base()}#p-5-2`]);
      await until(() => $(el, '.main > [role="status"]')!.textContent);
      expect($(el, '.main > [role="status"]')!.textContent).to.equal('Ссылка на пункт 5 (2-й) скопирована');
    });
    it('names the two buttons of a repeated number apart, in each language', async () => {
      const el = await seed();
      const names = () => ['#p-5', '#p-5-2'].map((id) => $(el, `${id} [part~="copy-button"]`)!.getAttribute('aria-label'));
      expect(names()).to.deep.equal(['Скопировать ссылку на пункт 5', 'Скопировать ссылку на пункт 5 (2-й)']);
      el.lang = 'en';
      await until(() => names()[0] !== 'Скопировать ссылку на пункт 5', 'the labels stayed Russian');
      expect(names()).to.deep.equal(['Copy link to point 5', 'Copy link to point 5 (no. 2)']);
    });
    it('falls back to a hidden text field when the Clipboard API refuses', async () => {
      const el = await seed();
      stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      const execCommand = document.execCommand;
      const selected: string[] = [];
      document.execCommand = (command: string) => {
        const area = el.shadowRoot!.querySelector('textarea')!;
        selected.push(`${command}:${area.value.slice(area.selectionStart, area.selectionEnd)}`);
        return true;
      };
      try {
        button(el, 'Скопировать ссылку на пункт 2').click();
        await until(() => $(el, '.main > [role="status"]')!.textContent);
      } finally {
        document.execCommand = execCommand;
      }
      expect(selected).to.deep.equal([`copy:${base()}#p-2`]);
      expect($(el, '.main > [role="status"]')!.textContent).to.equal('Ссылка на пункт 2 скопирована');
      expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
    });
    it('shows the address to copy by hand when nothing works', async () => {
      const el = await seed();
      stubClipboard(() => Promise.reject(new Error('no')));
      const execCommand = document.execCommand;
      document.execCommand = () => false;
      try {
        button(el, 'Скопировать ссылку на пункт 3').click();
        await until(() => $(el, '.main > [role="status"]')!.textContent);
      } finally {
        document.execCommand = execCommand;
      }
      expect($(el, '.main > [role="status"]')!.textContent).to.equal(`Не удалось скопировать ссылку: ${base()}#p-3`);
    });
  });

  // Chromium and Firefox ESR (140+) both have the CSS Custom Highlight API.
  describe('search', () => {
    const highlighted = () => CSS.highlights.get('jhw-regulation')?.size ?? 0;
    const rangeText = (r: AbstractRange) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    };
    const current = () => {
      const [range] = [...CSS.highlights.get('jhw-regulation-current')!] as AbstractRange[];
      return range && (range.startContainer as Text).data.slice(range.startOffset, range.endOffset);
    };

    it('has a labelled search field', async () => {
      const el = await seed();
      expect(searchInput(el).labels![0].textContent).to.equal('Поиск по тексту');
      expect($(el, '[part~="search"]')!.getAttribute('role')).to.equal('search');
    });
    it('highlights every match regardless of case, and says "1 из N" in a live region', async () => {
      const el = await seed();
      const expected = doc(el).textContent!.toLowerCase().split('элжур').length - 1;
      await type(el, 'ЭЛЖУР');
      expect(expected).to.equal(10);
      expect(highlighted()).to.equal(expected);
      expect(count(el)).to.equal(`1 из ${expected}`);
      expect($(el, '.count')!.getAttribute('role')).to.equal('status');
      expect(current()).to.equal('ЭлЖур');
    });
    it('tells a screen reader which point the current match is in, as it moves', async () => {
      const el = await seed();
      await type(el, 'учёта учебной деятельности в автоматизированной');
      // The first is in the title, which is no point: only the count.
      expect(announced(el)).to.equal('1 из 2');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(announced(el)).to.equal('2 из 2, пункт 1');
      expect(count(el), 'what the eye sees').to.equal('2 из 2');
      expect($(el, '.count .visually-hidden')!.getBoundingClientRect().width).to.be.at.most(1);
      await type(el, 'этикета');
      expect(announced(el), 'a repeated number is told apart').to.equal('1 из 1, пункт 5 (2-й)');
      await type(el, 'официальном сайте разработчика');
      expect(announced(el)).to.equal('1 из 1, пункт 6');
      await type(el, 'нет такого текста');
      expect(announced(el)).to.equal('Ничего не найдено');
    });
    it('says where a match is in English too, and a nested point by its full number', async () => {
      const el = await inline('# T\n\n2.1. Первый подпункт\n\n2.1.1. Второй подпункт', 'lang="en"');
      await type(el, 'подпункт');
      expect(announced(el)).to.equal('1 of 2, point 2.1');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(announced(el)).to.equal('2 of 2, point 2.1.1');
    });
    it('treats «ё» and «е» as the same letter, both ways', async () => {
      const el = await seed();
      await type(el, 'ребенка');
      expect(count(el)).to.equal('1 из 1');
      expect(current()).to.equal('ребёнка');
      await type(el, 'учёта');
      expect(count(el)).to.equal('1 из 2');
      await type(el, 'УЧЕТА');
      expect(count(el)).to.equal('1 из 2');
      expect(current()).to.equal('учёта');
    });
    it('goes to the next and previous match with Enter, Shift+Enter and the buttons, wrapping around', async () => {
      const el = await seed();
      await type(el, 'школ');
      const total = highlighted();
      expect(total).to.be.above(3);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(count(el)).to.equal(`2 из ${total}`);
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await el.updateComplete;
      expect(count(el)).to.equal(`${total} из ${total}`);
      button(el, 'Следующее совпадение').click();
      await el.updateComplete;
      expect(count(el)).to.equal(`1 из ${total}`);
      button(el, 'Предыдущее совпадение').click();
      await el.updateComplete;
      expect(count(el)).to.equal(`${total} из ${total}`);
    });
    it('scrolls the current match into view', async () => {
      const el = await seed();
      await type(el, 'справочные материалы');
      const { startContainer } = [...CSS.highlights.get('jhw-regulation-current')!][0] as AbstractRange;
      const range = document.createRange();
      range.selectNodeContents(startContainer);
      expect(inView(range as unknown as Element)).to.equal(true);
    });
    it('keeps the current match clear of the sticky search bar when going back up on a phone', async () => {
      await setViewport({ width: 390, height: 700 });
      try {
        const el = await seed();
        await type(el, 'журнал');
        const total = Number(count(el).split(' из ')[1]);
        expect(total).to.be.above(10);
        const bar = $(el, '[part~="search"]')!;
        await sendKeys({ down: 'Shift' });
        for (let i = 0; i < total; i++) {
          await sendKeys({ press: 'Enter' });
          await el.updateComplete;
          const current = [...CSS.highlights.get('jhw-regulation-current')!][0] as AbstractRange;
          const range = document.createRange();
          range.setStart(current.startContainer, current.startOffset);
          range.setEnd(current.endContainer, current.endOffset);
          const { top, bottom } = range.getBoundingClientRect();
          expect(top, `match ${count(el)} is under the search bar`).to.be.at.least(bar.getBoundingClientRect().bottom - 1);
          expect(bottom, `match ${count(el)} is below the screen`).to.be.at.most(innerHeight + 1);
        }
      } finally {
        await sendKeys({ up: 'Shift' });
        await setViewport({ width: 800, height: 600 });
      }
    });
    it('says when nothing is found and disables next/previous', async () => {
      const el = await seed();
      await type(el, 'zzzz');
      expect(count(el)).to.equal('Ничего не найдено');
      expect(highlighted()).to.equal(0);
      expect((button(el, 'Следующее совпадение') as HTMLButtonElement).disabled).to.equal(true);
    });
    it('clears the search with Escape', async () => {
      const el = await seed();
      await type(el, 'журнал');
      expect(highlighted()).to.be.above(0);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      await el.updateComplete;
      expect(searchInput(el).value).to.equal('');
      expect(count(el)).to.equal('');
      expect(highlighted()).to.equal(0);
    });
    it('keeps the matches highlighted when the element is moved in the page', async () => {
      const el = await seed();
      await type(el, 'журнал');
      const before = highlighted();
      const parent = el.parentElement!;
      el.remove();
      expect(highlighted()).to.equal(0);
      parent.append(el);
      await el.updateComplete;
      await el.updateComplete;
      expect(highlighted()).to.equal(before);
      expect(count(el)).to.equal(`1 из ${before}`);
    });
    it('finds text across emphasis and links, each match one range over its text nodes', async () => {
      const el = await inline(
        '# T\n\n1. Это **важно** для всех.\n2. Совсем *важ*но [для нас](https://school.example).\n3. Не важно\n\n   для пункта из двух абзацев.',
      );
      await type(el, 'важно для');
      expect(count(el)).to.equal('1 из 2');
      const ranges = [...CSS.highlights.get('jhw-regulation')!] as AbstractRange[];
      expect(ranges.map(rangeText)).to.deep.equal(['важно для', 'важно для']);
      expect(ranges.every((r) => r.startContainer !== r.endContainer)).to.equal(true);
      expect((ranges[0]!.startContainer.parentElement as Element).localName).to.equal('strong');
      expect((ranges[1]!.endContainer.parentElement as Element).localName).to.equal('a');
      expect(rangeText([...CSS.highlights.get('jhw-regulation-current')!][0] as AbstractRange)).to.equal('важно для');
      await type(el, 'всех совсем');
      expect(count(el), 'not from one point into the next').to.equal('Ничего не найдено');
    });
    it('reads a line break as a space, and any white space in the query as one', async () => {
      const el = await inline('# T\n\nКонец строки\\\nначало *следующей*.\n\nВторой абзац.');
      await type(el, '  строки   НАЧАЛО следующей ');
      expect(count(el)).to.equal('1 из 1');
      const [range] = [...CSS.highlights.get('jhw-regulation')!] as AbstractRange[];
      expect((range!.startContainer as Text).data).to.equal('Конец строки');
      expect((range!.endContainer as Text).data).to.equal('следующей');
      await type(el, 'следующей.\0');
      expect(count(el), 'a pasted NUL is a space').to.equal('1 из 1');
    });
    it('keeps the query in the field for a new document, and searches that', async () => {
      const el = await inline('# Старый\n\nНи слова о журнале.');
      await type(el, 'элжур');
      expect(count(el)).to.equal('Ничего не найдено');
      el.src = SEED;
      await until(() => $(el, 'h1')?.textContent?.startsWith('Регламент'), 'never switched documents');
      await el.updateComplete;
      expect(searchInput(el).value).to.equal('элжур');
      expect(count(el)).to.equal('1 из 10');
    });
    it('does not look in the contents or the controls', async () => {
      const el = await seed();
      await type(el, 'содержание');
      expect(highlighted()).to.equal(0);
    });
    describe('without the Custom Highlight API', () => {
      const realHighlight = window.Highlight;
      // Deleted, not set to undefined: WebKit's JavaScript engine may go on reading a global it has
      // cached in optimised code after the page assigns it (seen in WebKitGTK 2.50).
      before(() => delete (window as { Highlight?: unknown }).Highlight);
      after(() => (window.Highlight = realHighlight));

      it('still counts the matches, goes through them and scrolls to them, unpainted', async () => {
        const el = await seed();
        scrollTo(0, 0);
        await type(el, 'справочные материалы');
        expect(count(el)).to.equal('1 из 1');
        expect(highlighted()).to.equal(0);
        const walker = document.createTreeWalker(doc(el), NodeFilter.SHOW_TEXT);
        while (walker.nextNode() && !(walker.currentNode as Text).data.includes('справочные материалы'));
        const range = document.createRange();
        range.selectNodeContents(walker.currentNode);
        expect(inView(range as unknown as Element)).to.equal(true);
        await type(el, 'ЭЛЖУР');
        expect(count(el)).to.equal('1 из 10');
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        expect(count(el)).to.equal('2 из 10');
        await sendKeys({ press: 'Escape' });
        await el.updateComplete;
        expect(count(el)).to.equal('');
      });
    });
  });

  describe('print', () => {
    it('prints only the document: no search, contents or buttons, link addresses written out', async () => {
      const el = await inline('# T\n\n1. [Сайт](https://school.example) и <https://auto.example>');
      const restore = await printed(el);
      try {
        const shown = (node: Element) => getComputedStyle(node).display !== 'none';
        expect(shown($(el, '[part~="search"]')!)).to.equal(false);
        expect(shown($(el, '[part~="toc"]')!)).to.equal(false);
        expect($$(el, '[part~="copy-button"]').some(shown)).to.equal(false);
        expect(shown(doc(el))).to.equal(true);
        const [site, auto] = $$(el, '[part~="document"] a');
        // Chromium resolves attr(); Firefox reports it as declared.
        expect(getComputedStyle(site, '::after').content).to.match(/https:\/\/school\.example|attr\(href\)/);
        expect(getComputedStyle(auto, '::after').content).to.equal('none');
      } finally {
        await restore();
      }
    });
    it('prints a table whole, not in a scroll box', async () => {
      const el = await inline(WIDE);
      const restore = await printed(el);
      try {
        expect(getComputedStyle($(el, '[part~="document"] table')!.parentElement!).overflowX).to.equal('visible');
      } finally {
        await restore();
      }
    });
    it('prints the text without the search marks', async () => {
      const el = await inline('# T\n\nНайти это слово.');
      await type(el, 'слово');
      const mark = (name: string) => getComputedStyle($(el, '[part~="document"] p')!, `::highlight(${name})`).backgroundColor;
      expect(mark('jhw-regulation')).to.equal('rgb(255, 224, 102)');
      const restore = await printed(el);
      try {
        expect([mark('jhw-regulation'), mark('jhw-regulation-current')]).to.deep.equal(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
      } finally {
        await restore();
      }
    });
  });

  describe('long documents', () => {
    const long = ['# Регламент', ...Array.from({ length: 400 }, (_, i) => `${i + 1}. Пункт номер ${i + 1}, про электронный журнал.\n\n${i + 1}.1. Подпункт.`)].join('\n\n');

    it('shows the beginning at once and the rest right after, then the whole contents', async () => {
      const el = await inline(long);
      const first = points(el).length;
      expect(first).to.be.above(0).and.below(800);
      await until(() => points(el).length === 800, 'the rest never rendered');
      await el.updateComplete;
      expect($$(el, '[part~="toc"] a')).to.have.length(800);
      expect(points(el).at(-1)!.id).to.equal('p-400.1');
    });
    it('opens on a point far down at once', async () => {
      history.replaceState(null, '', '#p-390');
      const el = await inline(long);
      await until(() => $(el, '#p-390')?.classList.contains('targeted'), 'the point was not shown');
      expect(inView($(el, '#p-390')!)).to.equal(true);
    });
    it('searches the whole text even before it has all rendered', async () => {
      const el = await inline(long);
      const input = searchInput(el);
      input.value = 'ЖУРНАЛ';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await until(() => count(el) === '1 из 400', `found ${count(el)}`);
    });
    it('renders everything before printing', async () => {
      const el = await inline(long);
      expect(points(el).length).to.be.below(800);
      window.dispatchEvent(new Event('beforeprint'));
      expect(points(el)).to.have.length(800);
    });
  });

  describe('small screens', () => {
    it('keeps the search bar in place on a phone held upright, and lets it scroll away on one held sideways', async () => {
      const el = await inline('# Регламент\n\n1. Пункт.');
      const position = () => getComputedStyle($(el, '[part~="search"]')!).position;
      try {
        await setViewport({ width: 390, height: 844 });
        expect(position()).to.equal('sticky');
        await setViewport({ width: 844, height: 390 });
        expect(position(), 'a third of a landscape screen would stay covered').to.equal('static');
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
    it('scrolls a wide table sideways inside the text, not the page', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const el = await inline(WIDE);
        const box = $(el, '[part~="document"] table')!.parentElement!;
        expect(box.scrollWidth).to.be.above(box.clientWidth);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
    it('keeps the words of a table whole on a phone, scrolling the table instead', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const el = await inline('# T\n\n| Обращается | Сообщить | Руководителю |\n|---|---|---|\n| Сотрудник | Электронную | Заместителю |');
        const lines = $$(el, 'th, td').map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
        expect(lines).to.deep.equal([1, 1, 1, 1, 1, 1]);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
    it('has next and previous buttons of at least 44 × 44 px to tap on a phone', async () => {
      for (const width of [320, 390]) {
        await setViewport({ width, height: 640 });
        try {
          const el = await seed();
          for (const name of ['Предыдущее совпадение', 'Следующее совпадение']) {
            const box = button(el, name).getBoundingClientRect();
            expect(Math.min(box.width, box.height), `${name} at ${width} px`).to.be.at.least(44);
          }
        } finally {
          await setViewport({ width: 800, height: 600 });
        }
      }
    });
    it('has no horizontal scroll at 320 px', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const el = await seed();
        await type(el, 'журнал');
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });
});
