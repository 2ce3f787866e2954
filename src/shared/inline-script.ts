import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * An element's data in a child `<script type="…">`, as a webmaster pastes it. A site builder may
 * edit, replace or add that script at any time, even while the element is out of the page: the
 * element hears of every change to its text (and of none that leave the text as it was read).
 */
export class InlineScript implements ReactiveController {
  /** The text as last read: `null` when there was no script, `undefined` before the first read. */
  text?: string | null;
  private readonly observer = new MutationObserver(() => this.check());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly selector: string,
    private readonly onChange: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host, { childList: true, subtree: true, characterData: true });
    this.check();
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  /** The script's text now (`null`: none), waiting for the parser when the element came first. */
  async read(): Promise<string | null> {
    // Upgraded by a script without `defer` while the parser has not reached the children yet.
    if (!this.current() && document.readyState === 'loading') {
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    return (this.text = this.current()?.textContent ?? null);
  }

  private current() {
    return this.host.querySelector(this.selector);
  }

  private check(): void {
    if (this.text !== undefined && (this.current()?.textContent ?? null) !== this.text) this.onChange();
  }
}
