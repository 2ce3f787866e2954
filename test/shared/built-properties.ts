// The elements as a build made them (the CDN bundle or lib/), driven through what a webmaster sets
// and a visitor does. Both builds compile the `@property`/`@state` accessors into Lit's `static
// properties` form (scripts/lit-static-properties.mjs), while every other browser test runs the
// sources with standard decorators: a difference between the two compilations shows here.
import { expect, waitUntil } from '@open-wc/testing';

type Reactive = HTMLElement & Record<string, unknown> & { updateComplete: Promise<boolean> };

export const until = (predicate: () => unknown, message?: string) => waitUntil(predicate, message, { timeout: 8000 });

export async function place(markup: string): Promise<Reactive> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  const el = host.firstElementChild as Reactive;
  await el.updateComplete;
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** The properties suite, for the build the test file has loaded (`build` names it in the titles). */
export function builtPropertiesSuite(build: string): void {
  afterEach(() => {
    document.body.replaceChildren();
    sessionStorage.clear();
  });

  describe(`${build}: help-request-form properties`, () => {
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

  describe(`${build}: specialist-directory and regulation-viewer properties`, () => {
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
}
