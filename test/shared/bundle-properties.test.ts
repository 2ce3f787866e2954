import { expect, waitUntil } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import { styles as formStyles } from '../../src/help-request-form/help-request-form.styles.js';
import { screenshotStyles } from '../../src/help-request-form/screenshots.js';
import { styles as regulationStyles } from '../../src/regulation-viewer/regulation-viewer.styles.js';
import { styles as directoryStyles } from '../../src/specialist-directory/specialist-directory.styles.js';
import { baseStyles, controlStyles } from '../../src/shared/styles.js';

// The CDN bundle compiles the elements' `@property`/`@state` accessors into Lit's `static properties`
// form (scripts/lit-static-properties.mjs), while every other browser test runs the sources with
// standard decorators. These tests drive the built bundle (npm test builds first) through what a
// webmaster sets and a visitor does, so a difference between the two compilations shows here.
await import('/dist/journal-help-widgets.js' as string);

type Reactive = HTMLElement & Record<string, unknown> & { updateComplete: Promise<boolean> };

const until = (predicate: () => unknown, message?: string) => waitUntil(predicate, message, { timeout: 8000 });

async function place(markup: string): Promise<Reactive> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  const el = host.firstElementChild as Reactive;
  await el.updateComplete;
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

afterEach(() => {
  document.body.replaceChildren();
  sessionStorage.clear();
});

describe('the bundle: help-request-form properties', () => {
  it('converts attributes to typed properties and falls back to defaults', async () => {
    const el = await place(
      '<help-request-form endpoint="/api" school-name="Школа № 1" screenshot-optional timeout="7" max-screenshots="2"></help-request-form>',
    );
    expect(el.schoolName).to.equal('Школа № 1');
    expect(el.screenshotOptional).to.equal(true);
    expect(el.timeout).to.equal(7);
    expect(el.maxScreenshots).to.equal(2);
    el.removeAttribute('max-screenshots');
    el.removeAttribute('screenshot-optional');
    expect(el.maxScreenshots).to.equal(5);
    expect(el.screenshotOptional).to.equal(false);
  });

  it('re-renders for a property set from script and for the visitor’s choices', async () => {
    const el = await place('<help-request-form endpoint="/api"></help-request-form>');
    expect(text(el)).not.to.include('Класс ребёнка');
    el.messages = { 'form.submit': 'Отправить в школу' };
    await el.updateComplete;
    expect(part(el, 'submit')!.textContent!.trim()).to.equal('Отправить в школу');

    const parent = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('Родитель'))!;
    parent.click();
    await el.updateComplete;
    expect(text(el)).to.include('Класс ребёнка');
  });

  it('takes the requester attribute and follows the page language', async () => {
    const el = await place('<help-request-form endpoint="/api" requester="parent"></help-request-form>');
    expect(text(el)).to.include('Класс ребёнка');
    el.setAttribute('lang', 'en');
    await until(() => text(el).includes('E-mail'), 'English labels after lang="en"');
  });

  it('reflects profile-src and applies the profile, with attributes winning', async () => {
    const el = await place('<help-request-form school-name="Из атрибута"></help-request-form>');
    el.profileSrc = '/test/fixtures/profile-good.json';
    await el.updateComplete;
    expect(el.getAttribute('profile-src')).to.equal('/test/fixtures/profile-good.json');
    await until(() => text(el).includes('Курская область'), 'the region from the profile');
    expect(text(el)).to.include('Из атрибута').and.not.include('Курская школа-интернат');
  });
});

describe('the bundle: specialist-directory and regulation-viewer properties', () => {
  it('reads attributes, inline data and re-renders as the visitor searches', async () => {
    const el = await place(`<specialist-directory time-zone="Asia/Yekaterinburg" requester="parent">
      <script type="application/json">{"version":1,"specialists":[
        {"id":"a","kind":"journal-admin","name":"Иванова Ольга","channels":[{"type":"email","address":"a@school.example"}]},
        {"id":"b","kind":"experienced-teacher","name":"Петров Максим","channels":[{"type":"email","address":"b@school.example"}]}]}</script>
    </specialist-directory>`);
    expect(el.timeZone).to.equal('Asia/Yekaterinburg');
    expect(el.requester).to.equal('parent');
    await until(() => text(el).includes('Петров Максим'), 'the inline list');
    const search = part(el, 'search') as HTMLInputElement;
    const input = search.matches('input') ? search : search.querySelector('input')!;
    input.value = 'Иванова';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => !text(el).includes('Петров Максим'), 'the search hides the other specialist');
    expect(text(el)).to.include('Иванова Ольга');
  });

  it('toggles the contents with the no-toc attribute', async () => {
    const el = await place(`<regulation-viewer>
      <script type="text/markdown"># Регламент

## 1. Общие положения

1.1. Первый пункт.

## 2. Порядок

2.1. Второй пункт.</script>
    </regulation-viewer>`);
    await until(() => part(el, 'toc'), 'the contents');
    expect(el.noToc).to.equal(false);
    el.setAttribute('no-toc', '');
    expect(el.noToc).to.equal(true);
    await until(() => !part(el, 'toc'), 'no contents with no-toc');
    el.noToc = false;
    await until(() => part(el, 'toc'), 'the contents again');
  });
});

describe('the bundle in the page’s <head>, without defer', () => {
  it('reads the directory’s inline data once the parser reaches it, with no false "no data" notice', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="ru"><head>
      <script>window.warnings = []; console.warn = (...args) => window.warnings.push(args.join(' '));</script>
      <script src="/dist/journal-help-widgets.iife.js"></script>
      </head><body><p>${'Текст страницы. '.repeat(2000)}</p>
      <specialist-directory><script type="application/json">{"version":1,"specialists":[
        {"id":"a","kind":"journal-admin","name":"Иванова Ольга","channels":[{"type":"email","address":"a@school.example"}]}]}</script>
      </specialist-directory></body></html>`;
    document.body.append(frame);
    await until(() => frame.contentDocument?.querySelector('specialist-directory')?.shadowRoot?.textContent?.includes('Иванова Ольга'), 'the list');
    const warnings = (frame.contentWindow as unknown as { warnings: string[] }).warnings;
    expect(warnings.filter((w) => w.includes('Нет данных'))).to.deep.equal([]);
    expect(frame.contentDocument!.querySelector('specialist-directory')!.shadowRoot!.querySelector('[part~="config-error"]')).to.equal(null);
  });
});

describe('the bundle’s style sheets', () => {
  // The build minifies the CSS inside the template literals. A selector it writes with a backslash
  // (`[href^=\\#]`) lost the backslash in the template, and the browser dropped the whole rule: the
  // regulation printed links without their addresses, while the sources' tests passed.
  /** Rules, at any depth (inside @media and @supports too). A style rule has `cssRules` too (nesting). */
  const count = (rules: CSSRuleList): number =>
    [...rules].reduce((n, rule) => n + (rule instanceof CSSStyleRule ? 1 : 0) + ('cssRules' in rule ? count((rule as CSSGroupingRule).cssRules) : 0), 0);
  const source = (sheets: CSSResult[]) => sheets.reduce((n, sheet) => n + count(sheet.styleSheet!.cssRules), 0);
  const cases: [string, CSSResult[]][] = [
    ['help-request-form', [baseStyles, controlStyles, screenshotStyles, formStyles]],
    ['specialist-directory', [baseStyles, controlStyles, directoryStyles]],
    ['regulation-viewer', [baseStyles, controlStyles, regulationStyles]],
  ];
  for (const [name, sheets] of cases) {
    it(`keeps every rule of <${name}>’s sources`, async () => {
      const el = await place(`<${name}></${name}>`);
      const built = el.shadowRoot!.adoptedStyleSheets.reduce((n, sheet) => n + count(sheet.cssRules), 0);
      expect(built, "the sheets were read").to.be.above(30);
      expect(built).to.equal(source(sheets));
    });
  }
});
