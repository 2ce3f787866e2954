import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MessageKey, Params } from '../i18n/localize.js';

/**
 * CONTRACT between the form and its screenshots (the implementation is being written; keep the
 * public shape): one list fed by the picker, drag and drop, paste and screen capture; images are
 * re-encoded in the browser before they are listed.
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
}

export interface ScreenshotsHost extends ReactiveControllerHost, HTMLElement {
  t(key: MessageKey, params?: Params): string;
  /** `max-screenshots`, default 5. */
  readonly maxScreenshots: number;
}

export class ScreenshotsController implements ReactiveController {
  items: readonly Screenshot[] = [];
  /** True while images are being processed; the form waits before sending. */
  busy = false;

  constructor(private readonly host: ScreenshotsHost) {
    host.addController(this);
  }

  hostConnected(): void {}
  hostDisconnected(): void {}

  /** Checks, processes and lists files (from the picker, a drop, a paste). */
  async addFiles(_files: Iterable<File>): Promise<void> {}

  /** Resolves when no image is being processed. */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  /** Empties the list (after success or "new request"). */
  clear(): void {
    this.items = [];
    this.host.requestUpdate();
  }

  /** Moves focus to the field's first control (used when it is the first invalid field). */
  focus(): void {}

  /**
   * The whole screenshot field: label, add/capture buttons, how-to, previews, messages.
   * `errorId`/`error`: the form's validation message for the field (e.g. "add a screenshot").
   */
  render(_options: { required: boolean; error?: string; errorId: string }): TemplateResult | typeof nothing {
    return html``;
  }
}
