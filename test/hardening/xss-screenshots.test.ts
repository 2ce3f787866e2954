import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import { payloads } from '../fixtures/xss-corpus.js';
import { formControl } from './helpers.js';
import { assertInert, fired, trapEveryTest } from './xss-support.js';

trapEveryTest();

/** A real (tiny) PNG, so that the form accepts it and shows its name in the preview. */
async function png(): Promise<Blob> {
  const canvas = Object.assign(document.createElement('canvas'), { width: 8, height: 8 });
  canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

/** Picks files as the file dialog would. */
function pick(form: HelpRequestForm, files: File[]) {
  const input = formControl<HTMLInputElement>(form, 'input[type=file]');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('hardening: the XSS corpus as screenshot file names in <help-request-form>', () => {
  it(`shows ${payloads.length} hostile file names as text, five at a time, with blob: thumbnails only`, async function () {
    this.timeout(90_000);
    const image = await png();
    for (let i = 0; i < payloads.length; i += 5) {
      const batch = payloads.slice(i, i + 5);
      const form = await fixture<HelpRequestForm>(html`<help-request-form endpoint="/x" consent-url="https://school.example/c" privacy-policy-url="https://school.example/p"></help-request-form>`);
      // Names as a file system gives them: no slash, no NUL.
      pick(form, batch.map(({ payload }) => new File([image], `${payload.replace(/[/\0]/g, '_')}.png`, { type: 'image/png' })));
      await waitUntil(() => form.shadowRoot!.querySelectorAll('[part~=screenshot]').length === batch.length, `payloads ${batch[0]!.id}–${batch.at(-1)!.id}: not every image was listed`, { timeout: 10_000 });
      const shown = form.shadowRoot!.querySelector('[part~=screenshot-list]')!.textContent!;
      expect(shown).to.include(batch[0]!.payload.replace(/[/\0]/g, '_').slice(0, 20).trim());
      await assertInert(form, `file names ${batch[0]!.id}–${batch.at(-1)!.id}`, { extra: { src: ['blob:'] }, wait: false });
      form.remove();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fired(), 'payloads ran').to.deep.equal([]);
  });
});
