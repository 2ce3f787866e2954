import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import { styles as formStyles } from '../../src/help-request-form/help-request-form.styles.js';
import { screenshotStyles } from '../../src/help-request-form/screenshots.js';
import { styles as regulationStyles } from '../../src/regulation-viewer/regulation-viewer.styles.js';
import { styles as directoryStyles } from '../../src/specialist-directory/specialist-directory.styles.js';
import { baseStyles, controlStyles } from '../../src/shared/styles.js';
import { builtPropertiesSuite, place, until } from './built-properties.js';

// The CDN bundle (npm test builds first); lib-properties.test.ts runs the same suite on lib/.
await import('/dist/journal-help-widgets.js' as string);

builtPropertiesSuite('the bundle');

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
