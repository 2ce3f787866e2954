import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { property } from 'lit/decorators.js';
import { MAX_INPUT_BYTES, processImage, sniff } from '../../src/help-request-form/image.js';
import { ScreenshotsController, screenshotStyles } from '../../src/help-request-form/screenshots.js';
import type { MessageKey, Params } from '../../src/i18n/localize.js';
import { JhwElement } from '../../src/shared/base-element.js';
import { controlStyles } from '../../src/shared/styles.js';
import { sendKeys } from '../support/driver.js';
import { fillParent, makeForm, SCHOOL, LINKS, ruText, submit, testEndpoint, waitForResult } from './helpers.js';

const t = ruText;

/** The smallest host of the controller: what the form gives it, and a text field to paste into. */
class ShotsHost extends JhwElement {
  static override styles = [...JhwElement.styles, controlStyles, screenshotStyles];
  @property({ attribute: 'max-screenshots', type: Number }) accessor maxScreenshots = 5;
  @property({ type: Boolean }) accessor optional = false;
  @property() accessor error: string | undefined;
  readonly shots = new ScreenshotsController(this);

  override t(key: MessageKey, params?: Params): string {
    return super.t(key, params);
  }

  override render() {
    return html`<form>
      <label>Описание <textarea name="description"></textarea></label>
      ${this.shots.render(!this.optional, this.error)}
    </form>`;
  }
}
customElements.define('shots-host', ShotsHost);

async function makeHost(attrs = ''): Promise<ShotsHost> {
  const el = await fixture<ShotsHost>(`<shots-host ${attrs}></shots-host>`);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const picker = (el: Element) => $<HTMLInputElement>(el, 'input[type=file]')!;
const listed = (el: Element) => $$(el, '[part~=screenshot]');
const problems = (el: Element) => $$(el, '[part~=screenshot-problems] p').map((p) => p.textContent!.trim());
const buttonNamed = (el: Element, name: string) =>
  $$(el, 'button').find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name);

async function settle(el: ShotsHost | HTMLElement): Promise<void> {
  const shots = (el as ShotsHost).shots;
  await shots.settled();
  await (el as ShotsHost).updateComplete;
}

function transfer(files: File[], text?: string): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  if (text) data.setData('text/plain', text);
  return data;
}

/**
 * A paste as the browser fires it. Firefox's ClipboardEvent constructor copies only the text of
 * `clipboardData`, never files, so there the data is set on the event the way a real paste has it.
 */
function pasteEvent(data: DataTransfer, init: { composed?: boolean } = { composed: true }): ClipboardEvent {
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, ...init });
  if (event.clipboardData?.files.length !== data.files.length) Object.defineProperty(event, 'clipboardData', { value: data });
  return event;
}

// Fixtures are drawn here, not committed: a canvas makes every image the tests need.
function draw(width: number, height: number, paint?: (g: CanvasRenderingContext2D) => void): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#f4f6f9';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#1f5fbf';
  g.fillRect(0, 0, width, Math.ceil(height / 10));
  paint?.(g);
  return canvas;
}

async function encode(canvas: HTMLCanvasElement, type: string, name: string): Promise<File> {
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), type, 0.92));
  return new File([blob], name, { type });
}

const png = (name = 'журнал.png', width = 320, height = 200) => encode(draw(width, height), 'image/png', name);

/** A journal page at 4K: flat areas, grid lines and a lot of text, as a real screenshot has. */
function screenshot4k(): Promise<File> {
  const canvas = draw(3840, 2160, (g) => {
    g.fillStyle = '#ffffff';
    g.fillRect(520, 240, 3200, 1820);
    g.strokeStyle = '#c9d1db';
    g.font = '28px sans-serif';
    for (let row = 0; row < 34; row++) {
      const y = 300 + row * 50;
      g.beginPath();
      g.moveTo(540, y + 12);
      g.lineTo(3700, y + 12);
      g.stroke();
      g.fillStyle = '#1b1f24';
      g.fillText(`${row + 1}. Иванова Мария Сергеевна`, 560, y);
      for (let col = 0; col < 24; col++) g.fillText(String(2 + ((row * 7 + col * 3) % 4)), 1300 + col * 96, y);
      g.fillText(`Раздел ${row + 1}`, 40, y);
    }
  });
  return encode(canvas, 'image/png', 'screen-4k.png');
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function indexOf(bytes: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A TIFF block with GPS position 55°45′N, as a phone writes into its photos. */
function exifWithGps(): Uint8Array {
  const b = new DataView(new ArrayBuffer(6 + 80));
  ascii('Exif\0\0').forEach((c, i) => b.setUint8(i, c));
  const o = 6;
  const u16 = (at: number, v: number) => b.setUint16(o + at, v);
  const u32 = (at: number, v: number) => b.setUint32(o + at, v);
  u16(0, 0x4d4d); // big-endian "MM"
  u16(2, 42);
  u32(4, 8); // IFD0
  u16(8, 1);
  u16(10, 0x8825); // GPSInfo → the GPS IFD at 26
  u16(12, 4);
  u32(14, 1);
  u32(18, 26);
  u32(22, 0);
  u16(26, 2);
  u16(28, 1); // GPSLatitudeRef "N"
  u16(30, 2);
  u32(32, 2);
  b.setUint8(o + 36, 0x4e);
  u16(40, 2); // GPSLatitude, three rationals at 56
  u16(42, 5);
  u32(44, 3);
  u32(48, 56);
  u32(52, 0);
  [55, 1, 45, 1, 0, 1].forEach((v, i) => u32(56 + i * 4, v));
  return new Uint8Array(b.buffer);
}

/** A canvas-made JPEG with an APP1 Exif segment spliced in after SOI. */
async function jpegWithGps(): Promise<File> {
  const plain = await bytesOf(await encode(draw(640, 480), 'image/jpeg', 'x.jpg'));
  const exif = exifWithGps();
  const length = exif.length + 2;
  const out = new Uint8Array(plain.length + 4 + exif.length);
  out.set([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff]);
  out.set(exif, 6);
  out.set(plain.subarray(2), 6 + exif.length);
  return new File([out], 'фото.jpg', { type: 'image/jpeg' });
}

/** The JPEG marker segments before the image data, e.g. [0xe0, 0xdb, …]. */
function jpegSegments(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  for (let i = 2; i + 4 <= bytes.length && bytes[i] === 0xff; ) {
    const marker = bytes[i + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return markers;
}

async function dimensions(blob: Blob): Promise<[number, number]> {
  const bitmap = await createImageBitmap(blob);
  const size: [number, number] = [bitmap.width, bitmap.height];
  bitmap.close();
  return size;
}

async function pick(el: ShotsHost, files: File[]): Promise<void> {
  const input = picker(el);
  input.files = transfer(files).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(el);
}

describe('screenshots in <help-request-form>', () => {
  describe('accessibility', () => {
    it('is accessible with images attached and a refusal shown', async () => {
      const el = await makeHost();
      await pick(el, [await png('первый.png'), await png('второй.png'), new File(['x'], 'notes.txt')]);
      expect(listed(el)).to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it('is accessible in English with the form’s error', async () => {
      const el = await makeHost('lang="en" error="Attach a screenshot."');
      await expect(el).to.be.accessible();
    });
  });

  describe('the field', () => {
    it('offers a labelled file picker for images, several at a time', async () => {
      const el = await makeHost();
      const input = picker(el);
      expect(input.accept).to.equal('image/*');
      expect(input.multiple).to.equal(true);
      expect(input.closest('label')!.textContent!.trim()).to.equal(t('screenshots.choose'));
      expect($(el, 'legend')!.textContent!.trim()).to.equal(t('screenshots.label'));
    });

    it('says when it is optional', async () => {
      const el = await makeHost('optional');
      expect($(el, 'legend')!.textContent!.trim()).to.equal(`${t('screenshots.label')} ${t('screenshots.optional')}`);
    });

    it('ties the form’s validation message to the picker', async () => {
      const el = await makeHost(`error="${t('screenshots.required')}"`);
      const input = picker(el);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const error = $(el, '[part~=error]')!;
      expect(error.textContent).to.equal(t('screenshots.required'));
      expect(error.id).not.to.equal('');
      expect(input.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
      el.shots.focus();
      expect(el.shadowRoot!.activeElement).to.equal(input);
    });

    it('shows where the keyboard is on the picker, also in a browser without :has() (Firefox ESR 115 on Windows 7)', async () => {
      const el = await makeHost();
      const button = picker(el).closest('label')!;
      const tabIn = async () => {
        $(el, 'textarea')!.focus();
        await sendKeys({ press: 'Tab' });
        expect(el.shadowRoot!.activeElement, 'Tab reaches the picker').to.equal(picker(el));
        return getComputedStyle(button).outlineStyle;
      };
      expect(await tabIn(), 'today\'s browsers').not.to.equal('none');
      // What an old browser does with a selector list it cannot read: it drops the whole rule.
      el.shadowRoot!.adoptedStyleSheets = el.shadowRoot!.adoptedStyleSheets.map((sheet) => {
        const old = new CSSStyleSheet();
        for (const rule of sheet.cssRules) if (!(rule as CSSStyleRule).selectorText?.includes(':has(')) old.insertRule(rule.cssText, old.cssRules.length);
        return old;
      });
      expect(await tabIn(), 'a browser without :has()').not.to.equal('none');
    });

    it('explains on demand how to take a screenshot on Windows, macOS, Android and iPhone', async () => {
      const el = await makeHost();
      const details = $<HTMLDetailsElement>(el, '[part~=screenshot-howto]')!;
      expect(details.open).to.equal(false);
      expect(details.querySelector('summary')!.textContent).to.equal(t('screenshots.howTo'));
      const items = [...details.querySelectorAll('li')].map((li) => li.textContent);
      expect(items).to.deep.equal(['howWindows', 'howMac', 'howAndroid', 'howIphone'].map((k) => t(`screenshots.${k}` as MessageKey)));
    });

    it('shows how many images are attached and the limit', async () => {
      const el = await makeHost('max-screenshots="3"');
      expect($(el, '[part~=screenshot-status]')!.textContent!.trim()).to.equal(t('screenshots.count', { n: 0, max: 3 }));
    });
  });

  describe('adding images', () => {
    it('tells a screen reader on the picker how many are attached, where the browser says "no file chosen"', async () => {
      const el = await makeHost();
      await pick(el, [await png('дневник.png')]);
      const described = picker(el).getAttribute('aria-describedby')!.split(/\s+/).map((id) => el.shadowRoot!.getElementById(id)?.textContent?.trim());
      expect(described).to.include(t('screenshots.count', { n: 1, max: 5 }));
    });

    it('adds an image chosen with the picker, with its name, size and a remove button naming it', async () => {
      const el = await makeHost();
      await pick(el, [await png('дневник.png')]);
      const [item] = listed(el);
      const shot = el.shots.items[0]!;
      expect(item!.textContent).to.include('дневник.png');
      const size = shot.blob.size;
      const expected = new Intl.NumberFormat('ru', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(size / 1000);
      expect(item!.textContent).to.include(expected);
      expect(item!.querySelector('img')!.getAttribute('alt')).to.equal('');
      expect(item!.querySelector('img')!.src).to.equal(shot.previewUrl);
      expect(buttonNamed(el, t('screenshots.remove', { name: 'дневник.png' }))).to.exist;
      expect($(el, '[part~=screenshot-status]')!.textContent!.trim()).to.equal(t('screenshots.count', { n: 1, max: 5 }));
      expect(picker(el).value, 'the picker is reset, so the same file can be chosen again').to.equal('');
    });

    it('adds an image dropped on the form', async () => {
      const el = await makeHost();
      const data = transfer([await png('перетащен.png')]);
      const target = $(el, 'legend')!;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
      const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
      target.dispatchEvent(over);
      expect(over.defaultPrevented, 'dragover is accepted').to.equal(true);
      await el.updateComplete;
      expect($(el, 'fieldset')!.classList.contains('dropping')).to.equal(true);
      expect(getComputedStyle($(el, 'fieldset')!).outlineStyle, 'the drop zone is outlined').to.equal('dashed');
      // In a rule of its own: a browser without :has() (Firefox ESR 115) drops a whole selector list that has one.
      const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]) as CSSStyleRule[];
      expect(rules.filter((r) => r.selectorText?.includes('.dropping')).map((r) => r.selectorText)).to.deep.equal(['.dropping']);
      const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
      target.dispatchEvent(drop);
      expect(drop.defaultPrevented, 'the browser does not open the file').to.equal(true);
      await settle(el);
      expect(listed(el).map((li) => li.querySelector('.shots-name')!.textContent)).to.deep.equal(['перетащен.png']);
      expect($(el, 'fieldset')!.classList.contains('dropping')).to.equal(false);
    });

    it('takes an image dropped on the element’s own box (a page may give it padding)', async () => {
      const el = await makeHost();
      const drop = new DragEvent('drop', { dataTransfer: transfer([await png('рамка.png')]), bubbles: true, composed: true, cancelable: true });
      el.dispatchEvent(drop);
      expect(drop.defaultPrevented, 'the browser does not open the file').to.equal(true);
      await settle(el);
      expect(listed(el)).to.have.length(1);
    });

    it('highlights the field while files are dragged over the form, across its children', async () => {
      const el = await makeHost();
      const data = transfer([await png()]);
      const drag = (type: string, target: Element) =>
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
      const dropping = async () => (await el.updateComplete, $(el, 'fieldset')!.classList.contains('dropping'));
      const [legend, textarea] = [$(el, 'legend')!, $(el, 'textarea')!];
      drag('dragenter', textarea);
      drag('dragenter', legend);
      drag('dragleave', textarea);
      expect(await dropping()).to.equal(true);
      drag('dragleave', legend);
      expect(await dropping()).to.equal(false);
    });

    it('adds an image pasted anywhere in the form', async () => {
      const el = await makeHost();
      const textarea = $(el, 'textarea')!;
      const paste = pasteEvent(transfer([await png('image.png')]));
      textarea.dispatchEvent(paste);
      expect(paste.defaultPrevented).to.equal(true);
      await settle(el);
      expect(listed(el)).to.have.length(1);
    });

    it('takes a paste that does not leave the shadow root too', async () => {
      const el = await makeHost();
      const paste = pasteEvent(transfer([await png()]), { composed: false });
      $(el, 'legend')!.dispatchEvent(paste);
      await settle(el);
      expect(listed(el)).to.have.length(1);
    });

    it('leaves text pasted into a text field alone, even with a picture of it (as Word copies)', async () => {
      const el = await makeHost();
      const paste = pasteEvent(transfer([await png('word.png')], 'Не открывается дневник'));
      $(el, 'textarea')!.dispatchEvent(paste);
      await settle(el);
      expect(paste.defaultPrevented).to.equal(false);
      expect(listed(el)).to.have.length(0);
    });

    it('refuses the sixth image with a message naming it, and keeps the five', async () => {
      const el = await makeHost();
      const files = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => png(`снимок-${n}.png`)));
      await pick(el, files);
      expect(listed(el)).to.have.length(5);
      expect(problems(el)).to.deep.equal([t('screenshots.tooMany', { name: 'снимок-6.png', n: 5 })]);
      await pick(el, [await png('ещё.png')]);
      expect(listed(el)).to.have.length(5);
      expect(problems(el)).to.deep.equal([t('screenshots.tooMany', { name: 'ещё.png', n: 5 })]);
    });

    it('lists a file once when it is picked or dropped again, says so, and takes it again after removal', async () => {
      const el = await makeHost();
      const file = await png('дневник.png');
      await pick(el, [file]);
      await pick(el, [file, await png('оценки.png')]);
      expect(listed(el).map((li) => li.querySelector('.shots-name')!.textContent)).to.deep.equal(['дневник.png', 'оценки.png']);
      expect(problems(el)).to.deep.equal([t('screenshots.duplicate', { name: 'дневник.png' })]);
      const drop = new DragEvent('drop', { dataTransfer: transfer([file]), bubbles: true, composed: true, cancelable: true });
      $(el, 'legend')!.dispatchEvent(drop);
      await settle(el);
      expect(listed(el)).to.have.length(2);
      expect(problems(el)).to.deep.equal([t('screenshots.duplicate', { name: 'дневник.png' })]);

      buttonNamed(el, t('screenshots.remove', { name: 'дневник.png' }))!.click();
      await settle(el);
      expect(problems(el), '"already added" goes with the file removed').to.deep.equal([]);
      await pick(el, [file]);
      expect(listed(el).map((li) => li.querySelector('.shots-name')!.textContent)).to.deep.equal(['оценки.png', 'дневник.png']);
      expect(problems(el)).to.deep.equal([]);
    });

    it('follows max-screenshots', async () => {
      const el = await makeHost('max-screenshots="1"');
      await pick(el, [await png('a.png'), await png('b.png')]);
      expect(listed(el)).to.have.length(1);
      expect(problems(el)).to.deep.equal([t('screenshots.tooMany', { name: 'b.png', n: 1 })]);
    });

    it('is busy while processing and settles after', async () => {
      const el = await makeHost();
      const done = el.shots.addFiles([await png()]);
      expect(el.shots.busy).to.equal(true);
      await el.updateComplete;
      expect($(el, '[part~=screenshot-status]')!.textContent!.trim()).to.equal(t('screenshots.processing'));
      await done;
      expect(el.shots.busy).to.equal(false);
      expect(el.shots.items).to.have.length(1);
    });
  });

  describe('removing images', () => {
    it('removes an image with its button, frees its URL and keeps focus in the field', async () => {
      const el = await makeHost();
      await pick(el, [await png('a.png'), await png('b.png')]);
      const url = el.shots.items[0]!.previewUrl;
      buttonNamed(el, t('screenshots.remove', { name: 'a.png' }))!.click();
      await el.updateComplete;
      expect(listed(el).map((li) => li.querySelector('.shots-name')!.textContent)).to.deep.equal(['b.png']);
      expect(el.shadowRoot!.activeElement).to.equal(picker(el));
      let failed = false;
      await fetch(url).catch(() => (failed = true));
      expect(failed, 'the blob URL is revoked').to.equal(true);
    });

    it('takes back "too many" once there is room, and keeps why other files were refused', async () => {
      const el = await makeHost('max-screenshots="3"');
      await pick(el, [await png('a.png'), new File(['x'], 'notes.txt'), await png('b.png'), await png('c.png')]);
      const notImage = t('screenshots.notImage', { name: 'notes.txt' });
      expect(problems(el)).to.have.members([notImage, t('screenshots.tooMany', { name: 'c.png', n: 3 })]);
      buttonNamed(el, t('screenshots.remove', { name: 'a.png' }))!.click();
      await el.updateComplete;
      expect(problems(el)).to.deep.equal([notImage]);
    });

    it('clears the list and frees every URL', async () => {
      const el = await makeHost();
      await pick(el, [await png('a.png'), await png('b.png')]);
      const urls = el.shots.items.map((i) => i.previewUrl);
      el.shots.clear();
      await el.updateComplete;
      expect(listed(el)).to.have.length(0);
      for (const url of urls) expect(await fetch(url).then(() => 'alive', () => 'revoked')).to.equal('revoked');
    });

    it('drops images still being processed when the list is cleared, and frees their slots', async () => {
      const el = await makeHost('max-screenshots="2"');
      const [old, older, newer, newest] = await Promise.all(['старый.png', 'старее.png', 'новый.png', 'новее.png'].map((n) => png(n)));
      void el.shots.addFiles([old, new File(['x'], 'notes.txt'), older]);
      el.shots.clear();
      expect(el.shots.busy).to.equal(false);
      const done = el.shots.addFiles([newer, newest]);
      await el.updateComplete;
      expect(problems(el), 'the slots are free at once').to.deep.equal([]);
      await done;
      await el.updateComplete;
      expect(listed(el).map((li) => li.querySelector('.shots-name')!.textContent)).to.deep.equal(['новый.png', 'новее.png']);
      expect(el.shots.items.map((i) => i.name.split('.')[0])).to.deep.equal(['screenshot-1', 'screenshot-2']);
      expect(problems(el)).to.deep.equal([]);
      expect(el.shots.busy).to.equal(false);
      expect($(el, '[part~=screenshot-status]')!.textContent!.trim()).to.equal(t('screenshots.count', { n: 2, max: 2 }));
    });

    it('frees the URLs when the form leaves the page and shows the images again when it comes back', async () => {
      const el = await makeHost();
      await pick(el, [await png('a.png')]);
      const before = el.shots.items[0]!.previewUrl;
      const parent = el.parentElement!;
      el.remove();
      expect(await fetch(before).then(() => 'alive', () => 'revoked')).to.equal('revoked');
      parent.append(el);
      await el.updateComplete;
      const after = el.shots.items[0]!.previewUrl;
      expect(after).to.not.equal(before);
      expect((await fetch(after)).ok).to.equal(true);
      expect(listed(el)[0]!.querySelector('img')!.src).to.equal(after);
    });
  });

  /** Browsers that do not encode WebP give PNG instead (Safari); older ones have no OffscreenCanvas. */
  function withoutWebp({ offscreen }: { offscreen: boolean }) {
    const toBlob = HTMLCanvasElement.prototype.toBlob;
    const convertToBlob = OffscreenCanvas.prototype.convertToBlob;
    const Offscreen = OffscreenCanvas;
    const noWebp = (type?: string) => (type === 'image/webp' ? 'image/png' : type);
    beforeEach(() => {
      HTMLCanvasElement.prototype.toBlob = function (this: HTMLCanvasElement, done, type, quality) {
        toBlob.call(this, done, noWebp(type), quality);
      };
      OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas, options) {
        return convertToBlob.call(this, { ...options, type: noWebp(options?.type) });
      };
      if (!offscreen) Object.defineProperty(window, 'OffscreenCanvas', { value: undefined, configurable: true, writable: true });
    });
    afterEach(() => {
      Object.defineProperty(window, 'OffscreenCanvas', { value: Offscreen, configurable: true, writable: true });
      HTMLCanvasElement.prototype.toBlob = toBlob;
      OffscreenCanvas.prototype.convertToBlob = convertToBlob;
    });
  }

  const engines: [string, () => void, string[]][] = [
    ['as this browser does it', () => {}, ['image/webp', 'image/jpeg']],
    ['without WebP encoding', () => withoutWebp({ offscreen: true }), ['image/jpeg']],
    ['without WebP encoding and without OffscreenCanvas', () => withoutWebp({ offscreen: false }), ['image/jpeg']],
  ];

  for (const [engine, setup, types] of engines) {
    describe(`processing, ${engine}`, () => {
      setup();

      it('downscales a 4K screenshot to 2560 px and at most 600 KB', async function () {
        this.timeout(30000);
        const el = await makeHost();
        await pick(el, [await screenshot4k()]);
        const [shot] = el.shots.items;
        expect(shot, problems(el).join()).to.exist;
        expect(await dimensions(shot!.blob)).to.deep.equal([2560, 1440]);
        expect(shot!.blob.size).to.be.at.most(600 * 1024);
        expect(types).to.include(shot!.blob.type);
        expect(sniff(await bytesOf(shot!.blob))).to.equal(shot!.blob.type.slice(6));
      });

      it('re-encodes small images without enlarging them, under a neutral name', async () => {
        const el = await makeHost();
        await pick(el, [await png('Мой скрин.png', 300, 120)]);
        const [shot] = el.shots.items;
        expect(await dimensions(shot!.blob)).to.deep.equal([300, 120]);
        const ext = shot!.blob.type === 'image/webp' ? 'webp' : 'jpg';
        expect(shot!.name).to.equal(`screenshot-1.${ext}`);
        expect(shot!.originalName).to.equal('Мой скрин.png');
      });

      it('drops the EXIF block with the GPS position of a photo', async () => {
        const photo = await jpegWithGps();
        const input = await bytesOf(photo);
        expect(jpegSegments(input)[0], 'the fixture has APP1').to.equal(0xe1);
        expect(indexOf(input, ascii('Exif\0\0'))).to.be.greaterThan(0);
        expect(await dimensions(photo), 'the fixture decodes').to.deep.equal([640, 480]);

        const processed = (await processImage(photo)) as Blob;
        expect(types).to.include(processed.type);
        const out = await bytesOf(processed);
        expect(indexOf(out, ascii('Exif'))).to.equal(-1);
        expect(indexOf(out, ascii('EXIF'))).to.equal(-1);
        if (sniff(out) === 'jpeg') expect(jpegSegments(out)).to.not.include(0xe1);
        expect(await dimensions(new Blob([out]))).to.deep.equal([640, 480]);
      });

      it('keeps transparency in WebP and makes it white in JPEG', async () => {
        const canvas = Object.assign(document.createElement('canvas'), { width: 40, height: 40 });
        const out = (await processImage(await encode(canvas, 'image/png', 'transparent.png'))) as Blob;
        expect(types).to.include(out.type);
        const bitmap = await createImageBitmap(out);
        const probe = Object.assign(document.createElement('canvas'), { width: 40, height: 40 }).getContext('2d')!;
        probe.drawImage(bitmap, 0, 0);
        const [r, g, b, a] = probe.getImageData(20, 20, 1, 1).data;
        if (out.type === 'image/webp') expect(a).to.equal(0);
        else expect([r, g, b].every((v) => v! > 240)).to.equal(true);
      });
    });
  }

  describe('bad input', () => {
    it('refuses an SVG and a text file named .png by their bytes, naming them, and keeps the good image', async () => {
      const el = await makeHost();
      const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'chart.svg', { type: 'image/svg+xml' });
      const text = new File(['это не картинка'], 'notes.png', { type: 'image/png' });
      await pick(el, [svg, await png('good.png'), text]);
      expect(listed(el).map((li) => li.querySelector('.shots-name')!.textContent)).to.deep.equal(['good.png']);
      expect(problems(el)).to.deep.equal([
        t('screenshots.notImage', { name: 'chart.svg' }),
        t('screenshots.notImage', { name: 'notes.png' }),
      ]);
    });

    it('refuses a file over 20 MB before reading it', async () => {
      const el = await makeHost();
      const big = new Uint8Array(MAX_INPUT_BYTES + 1);
      big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      await pick(el, [new File([big], 'huge.png', { type: 'image/png' })]);
      expect(problems(el)).to.deep.equal([t('screenshots.tooBig', { name: 'huge.png', max: 20 })]);
    });

    it('refuses an image the browser cannot decode', async () => {
      const el = await makeHost();
      const broken = new Uint8Array(200).fill(7);
      broken.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      await pick(el, [new File([broken], 'broken.png')]);
      expect(problems(el)).to.deep.equal([t('screenshots.undecodable', { name: 'broken.png' })]);
    });

    it('shows file names as text', async () => {
      const el = await makeHost();
      const name = '<img src=x onerror=alert(1)>.png';
      await pick(el, [new File(['x'], name)]);
      expect(problems(el)).to.deep.equal([t('screenshots.notImage', { name })]);
      expect($(el, '[part~=screenshot-problems] img')).to.equal(null);
    });

    it('knows image formats by their signatures', () => {
      const head = (...bytes: (number | string)[]) =>
        new Uint8Array(bytes.flatMap((b) => (typeof b === 'string' ? ascii(b) : [b])));
      expect(sniff(head(0x89, 'PNG\r\n\x1a\n'))).to.equal('png');
      expect(sniff(head(0xff, 0xd8, 0xff, 0xe0))).to.equal('jpeg');
      expect(sniff(head('RIFF', 0, 0, 0, 0, 'WEBP'))).to.equal('webp');
      expect(sniff(head('GIF89a'))).to.equal('gif');
      expect(sniff(head('BM', 0, 0))).to.equal('bmp');
      expect(sniff(head(0, 0, 0, 0x1c, 'ftypheic'))).to.equal('heif');
      expect(sniff(head(0, 0, 0, 0x1c, 'ftypavif'))).to.equal('heif');
      expect(sniff(head('<svg'))).to.equal(undefined);
      expect(sniff(head('<?xml version'))).to.equal(undefined);
      expect(sniff(head('%PDF-1.7'))).to.equal(undefined);
      expect(sniff(head(0, 0, 0, 0x1c, 'ftypisom'))).to.equal(undefined);
    });
  });

  describe('screen capture', () => {
    const devices = navigator.mediaDevices;
    afterEach(() => {
      delete (devices as Partial<MediaDevices>).getDisplayMedia;
    });

    function fakeDisplay(result: () => Promise<MediaStream>) {
      Object.defineProperty(devices, 'getDisplayMedia', { value: result, configurable: true, writable: true });
    }

    it('takes one frame of the chosen screen, then stops the stream', async () => {
      const canvas = draw(800, 600);
      const stream = canvas.captureStream(10);
      const paint = setInterval(() => canvas.getContext('2d')!.fillRect(0, 0, 10, 10), 20);
      fakeDisplay(async () => stream);
      try {
        const el = await makeHost();
        buttonNamed(el, t('screenshots.capture'))!.click();
        await waitUntil(() => el.shots.items.length === 1 || problems(el).length, 'no frame taken', { timeout: 8000 });
        await settle(el);
        expect(problems(el)).to.deep.equal([]);
        expect(el.shots.items[0]!.originalName).to.equal(t('screenshots.captured'));
        expect(await dimensions(el.shots.items[0]!.blob)).to.deep.equal([800, 600]);
        expect(stream.getTracks().map((track) => track.readyState)).to.deep.equal(['ended']);
      } finally {
        clearInterval(paint);
      }
    });

    it('says nothing when the visitor cancels the browser’s picker', async () => {
      fakeDisplay(() => Promise.reject(new DOMException('cancelled', 'NotAllowedError')));
      const el = await makeHost();
      buttonNamed(el, t('screenshots.capture'))!.click();
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      expect(problems(el)).to.deep.equal([]);
      expect(listed(el)).to.have.length(0);
    });

    it('explains a failure and points to the keys', async () => {
      fakeDisplay(() => Promise.reject(new DOMException('no', 'NotReadableError')));
      const el = await makeHost();
      buttonNamed(el, t('screenshots.capture'))!.click();
      await waitUntil(() => problems(el).length, 'no message');
      expect(problems(el)).to.deep.equal([t('screenshots.captureFailed')]);
    });

    it('is offered only where the browser can capture', async () => {
      Object.defineProperty(devices, 'getDisplayMedia', { value: undefined, configurable: true, writable: true });
      const el = await makeHost();
      expect(buttonNamed(el, t('screenshots.capture'))).to.equal(undefined);
    });
  });

  describe('in the form', () => {
    it('shows small thumbnails', async () => {
      const el = await makeForm({ endpoint: '/x', ...SCHOOL, ...LINKS });
      el.shadowRoot!.querySelector('textarea')!.dispatchEvent(pasteEvent(transfer([await png('большой.png', 1600, 1000)])));
      await waitUntil(() => el.shadowRoot!.querySelector('[part~=screenshot] img'), 'not attached', { timeout: 8000 });
      const img = el.shadowRoot!.querySelector<HTMLImageElement>('[part~=screenshot] img')!;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(img.getBoundingClientRect().width).to.equal(4 * rem);
    });
  });

  describe('sending', () => {
    it('sends the processed bytes as screenshot parts with their image type', async function () {
      this.timeout(20000);
      const endpoint = testEndpoint();
      const el = await makeForm({ endpoint: endpoint.url, ...SCHOOL, ...LINKS });
      await fillParent(el);
      const paste = pasteEvent(transfer([await png('ошибка.png'), await jpegWithGps()]));
      el.shadowRoot!.querySelector('textarea')!.dispatchEvent(paste);
      await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=screenshot]').length === 2, 'not attached', { timeout: 8000 });
      const previews = [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part~=screenshot] img')];
      const processed = await Promise.all(previews.map(async (img) => bytesOf(await (await fetch(img.src)).blob())));
      await submit(el);
      await waitForResult(el);
      const [received] = await endpoint.log();
      const parts = received!.parts.filter((p) => p.name === 'screenshot');
      expect(received!.contentType).to.match(/^multipart\/form-data; boundary=/);
      expect(parts).to.have.length(2);
      parts.forEach((part, i) => {
        const bytes = Uint8Array.from(atob(part.base64!), (c) => c.charCodeAt(0));
        expect(same(bytes, processed[i]!), `screenshot ${i + 1} carries the processed bytes`).to.equal(true);
        expect(part.type).to.equal(`image/${sniff(bytes)}`);
        expect(part.filename).to.equal(`screenshot-${i + 1}.${part.type === 'image/webp' ? 'webp' : 'jpg'}`);
        expect(indexOf(bytes, ascii('Exif'))).to.equal(-1);
      });
    });
  });
});
