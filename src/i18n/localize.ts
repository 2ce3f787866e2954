import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { format, toLang, type Lang } from './format.js';
import { tables, type MessageKey, type Messages, type Params } from './tables.js';

export { format, toLang, type Lang } from './format.js';
export type { Message, MessageKey, Messages, Params } from './tables.js';

/**
 * The language of an element: its own `lang`, else the nearest ancestor's `lang` (crossing
 * shadow roots, so a widget inside another component still finds the page's), else `ru`.
 */
export function resolveLang(el: Element): Lang {
  let node: Element | null = el;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return toLang(lang);
    node = node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host ?? null);
  }
  return 'ru';
}

export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  /** Per-element overrides of any message, e.g. `{ 'form.submit': 'Send' }`. */
  messages?: Partial<Messages>;
  /** Overrides from the school's profile; the element's own overrides win. */
  readonly profileMessages?: Partial<Messages>;
}

/**
 * Gives an element `t(key, params)` in its resolved language, and re-renders it when its own or
 * the page's `lang` changes (a site's language switcher usually sets it on `<html>`).
 */
export class LocalizeController implements ReactiveController {
  lang: Lang = 'ru';
  private observer?: MutationObserver;

  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
    this.observer = new MutationObserver(() => this.sync());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  private sync(): void {
    const lang = resolveLang(this.host);
    if (lang !== this.lang) {
      this.lang = lang;
      this.host.requestUpdate();
    }
  }

  t(key: MessageKey, params?: Params): string {
    const message = this.host.messages?.[key] ?? this.host.profileMessages?.[key] ?? tables[this.lang][key];
    return format(message, this.lang, params);
  }
}
