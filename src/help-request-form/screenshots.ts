import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Lang, MessageKey, Params } from '../i18n/localize.js';
import { encodeImage, MAX_INPUT_BYTES, processImage, type Refusal } from './image.js';

/**
 * One list fed by the picker, drag and drop, paste and screen capture; images are re-encoded in
 * the browser (see image.ts) before they are listed.
 */
export interface Screenshot {
  /** The processed image: re-encoded (WebP or JPEG), downscaled, without metadata. */
  readonly blob: Blob;
  /** A file name for the upload, e.g. `screenshot-1.webp`. */
  readonly name: string;
  /** The name the visitor's file had, shown in the preview. */
  readonly originalName: string;
  /** An object URL of the processed image for the thumbnail. */
  readonly previewUrl: string;
  /** Which of the visitor's files it came from (name, size, date), so that the same one is not added twice. */
  readonly source?: string;
}

export interface ScreenshotsHost extends ReactiveControllerHost, HTMLElement {
  t(key: MessageKey, params?: Params): string;
  /** `max-screenshots`, default 5. */
  readonly maxScreenshots: number;
  /** The language sizes are formatted in. */
  readonly resolvedLang: Lang;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** A refusal of one file, localized when shown. */
type Problem = [key: MessageKey, params?: Params];

const HOW_TO = ['Windows', 'Mac', 'Android', 'Iphone'] as const;

/** Thumbnails, the drop highlight and the choose-file label; the form's styles do the rest. */
export const screenshotStyles = css`
  .shots-add,
  .shots-list li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 0.75em;
    align-items: center;
  }
  .shots-add label {
    position: relative;
  }
  /* The picker is hidden in its label, which shows the focus. A browser without :has() (Firefox before 121: ESR 115 on Windows 7) drops the second rule and rings every focus; the others, the keyboard's only. */
  .shots-add label:focus-within {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .shots-add label:has(:focus:not(:focus-visible)) {
    outline: 0;
  }
  .dropping {
    outline: 3px dashed var(--_focus);
    outline-offset: 2px;
  }
  .shots-list {
    display: grid;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .shots-list img {
    width: 4em;
    height: 4em;
    object-fit: cover;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .shots-name {
    flex: 1 1 8em;
  }
  .shots-problems {
    color: var(--_danger);
  }
`;

export class ScreenshotsController implements ReactiveController {
  items: readonly Screenshot[] = [];
  /** Per-file refusals of the last addition, shown until the next one. */
  private problems: readonly Problem[] = [];
  private queue = Promise.resolve();
  /** Images taken but not yet processed. */
  private pending = 0;
  private count = 0;
  /** Counts clear()s: an image still being processed when the list is cleared is dropped. */
  private epoch = 0;
  private dragDepth = 0;
  /** Sources of the listed and pending images. */
  private readonly sources = new Set<string>();

  constructor(private readonly host: ScreenshotsHost) {
    host.addController(this);
  }

  /** True while images are being processed; the form waits before sending. */
  get busy(): boolean {
    return this.pending > 0;
  }

  hostConnected(): void {
    // The form may have been moved in the page: its thumbnails need fresh URLs.
    this.items = this.items.map((item) => ({ ...item, previewUrl: URL.createObjectURL(item.blob) }));
    this.host.requestUpdate();
    // Paste and drag and drop anywhere in the form: the host hears its own box (a page may give it
    // padding) and the composed events from inside, the shadow root the others. Adding the same
    // listener again does nothing, and both go with the element.
    for (const type of ['paste', 'dragenter', 'dragover', 'dragleave', 'drop']) {
      for (const target of [this.host, this.host.renderRoot]) target.addEventListener(type, this);
    }
  }

  hostDisconnected(): void {
    this.revoke(this.items);
  }

  handleEvent(event: Event): void {
    const { type } = event;
    if (event.currentTarget !== this.host && event.composed) return;
    const data = (event as ClipboardEvent).clipboardData ?? (event as DragEvent).dataTransfer;
    if (!data?.types.includes('Files')) return;
    // Text copied from Word comes with a picture of itself: in a text field, the text wins.
    if (type === 'paste' && data.types.includes('text/plain') && (event.composedPath()[0] as Element).matches?.('input, textarea')) return;
    event.preventDefault();
    if (type === 'dragover') data.dropEffect = 'copy';
    // Entering a child fires dragenter on it before dragleave on its parent: count, do not toggle.
    const before = this.dragDepth;
    if (type === 'dragenter') this.dragDepth++;
    else if (type === 'dragleave') this.dragDepth = Math.max(0, before - 1);
    else if (type === 'drop') this.dragDepth = 0;
    if (!before !== !this.dragDepth) this.host.requestUpdate();
    if (type === 'paste' || type === 'drop') void this.addFiles(data.files);
  }

  /** Checks, processes and lists files (from the picker, a drop, a paste). */
  addFiles(files: Iterable<File>): Promise<void> {
    this.problems = [];
    for (const file of files) {
      const { name } = file;
      const source = `${name}/${file.size}/${file.lastModified}`;
      // A file picked or dropped again would only be sent twice.
      if (this.sources.has(source)) this.refuse('screenshots.duplicate', { name });
      else this.enqueue(name, () => processImage(file), source);
    }
    this.host.requestUpdate();
    return this.settled();
  }

  /** Resolves when no image is being processed. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Empties the list (after success or "new request"). */
  clear(): void {
    this.revoke(this.items);
    this.items = this.problems = [];
    this.sources.clear();
    this.count = this.pending = 0;
    this.epoch++;
    this.host.requestUpdate();
  }

  /** Moves focus to the field's first control (used when it is the first invalid field). */
  focus(): void {
    this.host.renderRoot.querySelector<HTMLElement>('[type=file]')?.focus();
  }

  /** Whether the list has no free slot; says so, naming the file that does not fit. */
  private full(name: string): boolean {
    const max = this.host.maxScreenshots;
    const full = this.items.length + this.pending >= max;
    if (full) this.refuse('screenshots.tooMany', { name, n: max });
    return full;
  }

  /** Takes a slot at once (so the sixth file is refused at once) and processes files one by one. */
  private enqueue(name: string, make: () => Promise<Blob | Refusal>, source?: string): void {
    if (this.full(name)) return;
    this.pending++;
    if (source) this.sources.add(source);
    const epoch = this.epoch;
    this.queue = this.queue.then(async () => {
      // The processed image, or why it was refused.
      const result = await make().catch((): Refusal => 'undecodable');
      // Cleared meanwhile: the image belonged to the request that is gone.
      if (epoch !== this.epoch) return;
      this.pending--;
      if (typeof result === 'string') {
        this.sources.delete(source!);
        return this.refuse(`screenshots.${result}`, { name, max: MAX_INPUT_BYTES >> 20 });
      }
      // Finished while the form was out of the page: hostConnected makes the URL.
      const previewUrl = this.host.isConnected ? URL.createObjectURL(result) : '';
      const ext = result.type === 'image/webp' ? 'webp' : 'jpg';
      this.items = [...this.items, { blob: result, name: `screenshot-${++this.count}.${ext}`, originalName: name, previewUrl, source }];
      this.host.requestUpdate();
    });
  }

  private refuse(...problem: Problem): void {
    this.problems = [...this.problems, problem];
    this.host.requestUpdate();
  }

  private remove(item: Screenshot): void {
    this.revoke([item]);
    this.sources.delete(item.source!);
    this.items = this.items.filter((i) => i !== item);
    // "Too many" is over once there is room; why other files were refused stays true until the next addition.
    // So is "already added" for the file just removed.
    const room = this.items.length + this.pending < this.host.maxScreenshots;
    this.problems = this.problems.filter(([key, params]) => !(key === 'screenshots.tooMany' && room) && !(key === 'screenshots.duplicate' && params?.name === item.originalName));
    this.host.requestUpdate();
    // The button that had focus is gone; keep the keyboard in the field.
    this.focus();
  }

  private revoke(items: readonly Screenshot[]): void {
    for (const item of items) URL.revokeObjectURL(item.previewUrl);
  }

  /** One frame of the screen, tab or window the visitor picks; the stream stops at once. */
  private readonly capture = async (): Promise<void> => {
    const name = this.host.t('screenshots.captured');
    this.problems = [];
    if (this.full(name)) return;
    let stream: MediaStream | undefined;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
      const video = Object.assign(document.createElement('video'), { muted: true, srcObject: stream });
      await video.play();
      const frame = await createImageBitmap(video);
      this.enqueue(name, () => encodeImage(frame));
    } catch (error) {
      // Cancelling the browser's picker is a choice, not a failure.
      if ((error as Error).name !== 'NotAllowedError') this.problems = [['screenshots.captureFailed']];
    } finally {
      for (const track of stream?.getTracks() ?? []) track.stop();
      this.host.requestUpdate();
    }
  };

  private readonly pick = ({ target }: Event): void => {
    const input = target as HTMLInputElement;
    const files = [...input.files!];
    // Cleared so that choosing the same file again is a change too.
    input.value = '';
    void this.addFiles(files);
  };

  private size(bytes: number): string {
    const mb = bytes >= 1e6;
    return new Intl.NumberFormat(this.host.resolvedLang, {
      style: 'unit',
      unit: mb ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: mb ? 1 : 0,
    }).format(bytes / (mb ? 1e6 : 1e3));
  }

  /**
   * The whole screenshot field: label, add/capture buttons, how-to, previews, messages.
   * `error`: the form's validation message for the field (e.g. "add a screenshot").
   */
  render(required: boolean, error?: string) {
    const t = (key: MessageKey, params?: Params) => this.host.t(key, params);
    return html`<fieldset part="field screenshots" class=${this.dragDepth ? 'dropping' : ''}>
      <legend part="label">${t('screenshots.label')}${required ? nothing : ` ${t('screenshots.optional')}`}</legend>
      <span part="hint" class="hint" id="shots-hint">${t('screenshots.hint')}</span>
      <div class="shots-add">
        <label class="button secondary">
          <input class="visually-hidden" type="file" accept="image/*" multiple aria-invalid=${!!error}
            aria-describedby="shots-hint shots-count ${error ? 'e-screenshots' : ''}" @change=${this.pick} />${t('screenshots.choose')}
        </label>
        ${
          // Not on plain-HTTP school sites, nor on phones.
          isSecureContext && !!navigator.mediaDevices?.getDisplayMedia
            ? html`<button type="button" class="button secondary" @click=${this.capture}>${t('screenshots.capture')}</button>`
            : nothing
        }
      </div>
      <details part="screenshot-howto">
        <summary>${t('screenshots.howTo')}</summary>
        <ul>
          ${HOW_TO.map((os) => html`<li>${t(`screenshots.how${os}`)}</li>`)}
        </ul>
      </details>
      ${this.items.length
        ? html`<ul part="screenshot-list" class="shots-list">
            ${this.items.map(
              (item) => html`<li part="screenshot">
                <img src=${item.previewUrl} alt="" />
                <span class="shots-name">${item.originalName}</span>
                <span class="hint">${this.size(item.blob.size)}</span>
                <button type="button" class="button link" aria-label=${t('screenshots.remove', { name: item.originalName })}
                  @click=${() => this.remove(item)}>${t('screenshots.removeShort')}</button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div>
        <!-- Described on the picker too: the browser's own "no file chosen" is all it says otherwise. -->
        <p part="screenshot-status" class="status" role="status" id="shots-count">
          ${this.busy ? t('screenshots.processing') : t('screenshots.count', { n: this.items.length, max: this.host.maxScreenshots })}
        </p>
        <div part="screenshot-problems" class="shots-problems" role="alert">${this.problems.map((p) => html`<p>${t(...p)}</p>`)}</div>
      </div>
      ${error ? html`<p part="error" class="error" id="e-screenshots">${error}</p>` : nothing}
    </fieldset>`;
  }
}
