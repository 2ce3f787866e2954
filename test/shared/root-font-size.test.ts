import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';

// Many school sites still run on Bootstrap 3 templates: `html { font-size: 10px }`, `body { font-size: 14px }`.
// The widgets size their controls from the text around them, so such a page must not shrink them to
// 27 px high targets.
describe('a page that shrinks the root font size', () => {
  let rootSize = '';
  beforeEach(() => {
    rootSize = document.documentElement.style.fontSize;
    document.documentElement.style.fontSize = '10px';
  });
  afterEach(() => {
    document.documentElement.style.fontSize = rootSize;
  });

  const height = (el: Element, selector: string) => {
    const control = el.shadowRoot!.querySelector(selector);
    expect(control, selector).to.exist;
    return control!.getBoundingClientRect().height;
  };
  // 2.75em of the body's 14 px text, as the controls have at the browser's 16 px: 38.5 px.
  const tall = 2.75 * 14 - 1;

  it('keeps the controls of all three elements as tall as the text around them asks', async () => {
    const page = await fixture<HTMLElement>(html`<div style="font-size: 14px">
      <help-request-form endpoint="/api/requests"></help-request-form>
      <specialist-directory
        ><script type="application/json">
          { "version": 1, "specialists": [{ "id": "a", "kind": "journal-admin", "name": "Администратор журнала", "channels": [{ "type": "email", "address": "a@school.ru" }] }] }
        </script></specialist-directory
      >
      <regulation-viewer
        ><script type="text/markdown">
          # Регламент

          1. Первый пункт.
        </script></regulation-viewer
      >
    </div>`);
    const [form, directory, regulation] = [...page.children] as HTMLElement[];
    await waitUntil(() => directory!.shadowRoot?.querySelector('[part~="search"]') && regulation!.shadowRoot?.querySelector('[part~="search-input"]'));
    expect(height(form!, 'button[type="submit"]')).to.be.at.least(tall);
    expect(height(directory!, '[part~="search"]')).to.be.at.least(tall);
    expect(height(regulation!, '[part~="search-input"]')).to.be.at.least(tall);
  });
});
