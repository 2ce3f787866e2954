import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';

const height = (el: Element, selector: string) => {
  const control = el.shadowRoot!.querySelector(selector);
  expect(control, selector).to.exist;
  return control!.getBoundingClientRect().height;
};

/** All three elements in a wrapper styled as a site might style it, once each has rendered its controls. */
async function allThree(style: string): Promise<HTMLElement[]> {
  const page = await fixture<HTMLElement>(html`<div style=${style}>
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
  const elements = [...page.children] as HTMLElement[];
  await waitUntil(() => elements[1]!.shadowRoot?.querySelector('[part~="copy"]') && elements[2]!.shadowRoot?.querySelector('[part~="search-input"]'));
  return elements;
}

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

  // 2.75em of the body's 14 px text, as the controls have at the browser's 16 px: 38.5 px.
  const tall = 2.75 * 14 - 1;

  it('keeps the controls of all three elements as tall as the text around them asks', async () => {
    const [form, directory, regulation] = await allThree('font-size: 14px');
    expect(height(form!, 'button[type="submit"]')).to.be.at.least(tall);
    expect(height(directory!, '[part~="search"]')).to.be.at.least(tall);
    expect(height(regulation!, '[part~="search-input"]')).to.be.at.least(tall);
  });
});

// Site builders' templates with 13 px text: iPhones zoom the page on every tap into a field under
// 16 px, and the directory's "copy" buttons shrank to 20 px, right above the next phone link.
describe('a page with small text', () => {
  it('keeps every text field at 16 px and the small link-like buttons at least 24 px high', async () => {
    const [form, directory, regulation] = await allThree('font: 13px/1.4 Tahoma, sans-serif');
    const fields = [form, directory, regulation].flatMap((el) => [...el!.shadowRoot!.querySelectorAll<HTMLElement>('input:not([type=radio], [type=checkbox], [type=file]), textarea')]);
    expect(fields.length).to.be.at.least(5);
    expect(fields.map((f) => `${f.getAttribute('name') ?? f.getAttribute('part')} ${getComputedStyle(f).fontSize}`).filter((s) => !s.endsWith(' 16px'))).to.deep.equal([]);
    expect(height(directory!, '[part~="copy"]')).to.be.at.least(24);
  });
});

// A dark theme sets `color-scheme: dark` on the page; the widgets keep their light palette, so the
// native radios and checkboxes must too: drawn dark on white, an unticked consent box looks ticked.
describe('a page with a dark colour scheme', () => {
  it('keeps the native controls of all three elements in the light scheme of the widgets', async () => {
    const [form, directory, regulation] = await allThree('color-scheme: dark; background: #111; color: #eee');
    const consent = form!.shadowRoot!.querySelector('input[name="consent"]')!;
    expect(getComputedStyle(consent).colorScheme).to.equal('light');
    for (const el of [form, directory, regulation]) expect(getComputedStyle(el!.shadowRoot!.querySelector('[part~="base"]')!).colorScheme, el!.localName).to.equal('light');
  });
});
