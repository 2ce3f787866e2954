import { expect } from '@open-wc/testing';
import { emulateMedia } from './driver.js';

/**
 * Shows `el` as printed; resolves with the function that brings the screen back. Firefox over
 * WebDriver BiDi and WebKit's WebDriver cannot emulate print media: there the element's own print
 * and screen rules swap media.
 */
export async function printed(el: HTMLElement): Promise<() => Promise<unknown>> {
  if (await emulateMedia('print')) return () => emulateMedia('screen');
  const rules = el.shadowRoot!.adoptedStyleSheets
    .flatMap((sheet) => [...sheet.cssRules])
    .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /^(print|screen)$/.test(rule.media.mediaText));
  expect(rules.length).to.be.above(0);
  const swap = async () => rules.forEach((r) => (r.media.mediaText = r.media.mediaText === 'print' ? 'screen' : 'print'));
  await swap();
  return swap;
}
