import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';

/**
 * Shows `el` as printed; resolves with the function that brings the screen back. Firefox over
 * WebDriver BiDi cannot emulate print media: there the element's own print and screen rules swap media.
 */
export async function printed(el: HTMLElement): Promise<() => Promise<unknown>> {
  try {
    await emulateMedia({ media: 'print' });
    return () => emulateMedia({ media: 'screen' });
  } catch {
    const rules = el.shadowRoot!.adoptedStyleSheets
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /^(print|screen)$/.test(rule.media.mediaText));
    expect(rules.length).to.be.above(0);
    const swap = async () => rules.forEach((r) => (r.media.mediaText = r.media.mediaText === 'print' ? 'screen' : 'print'));
    await swap();
    return swap;
  }
}
