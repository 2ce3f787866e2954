// Shared by the hardening browser tests: the XSS trap, a walk through every shadow root, the DOM
// audit, keyboard navigation and the scriptable test endpoint (test/support/test-endpoint.mjs).
import { sendKeys } from '../support/driver.js';
import { TRAP } from '../fixtures/xss-corpus.js';

type Trapped = Record<string, unknown>;

/** Catches every payload that runs: `top.__xss(id)`, `alert`, `confirm`, `prompt`. */
export function installTrap() {
  const fired: unknown[] = [];
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  const record = (what: unknown) => {
    fired.push(what);
    return undefined as never;
  };
  (window as unknown as Trapped)[TRAP] = (id: number) => record(id);
  if (window.top && window.top !== window) (window.top as unknown as Trapped)[TRAP] = (id: number) => record(id);
  window.alert = (m?: unknown) => record(`alert(${String(m)})`);
  window.confirm = (m?: string) => record(`confirm(${String(m)})`);
  window.prompt = (m?: string) => record(`prompt(${String(m)})`);
  return {
    fired,
    restore() {
      delete (window as unknown as Trapped)[TRAP];
      Object.assign(window, saved);
    },
  };
}

/** Every element under `root`, through every open shadow root on the way. */
export function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

const FORBIDDEN = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link', 'applet', 'portal']);
const URL_ATTRIBUTES = ['href', 'xlink:href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'srcset', 'ping', 'cite'];
export const SAFE_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'];

export interface AuditOptions {
  /** Schemes allowed beyond `https: http: mailto: tel:`, per attribute, e.g. `{ src: ['blob:'] }` for thumbnails. */
  extra?: Record<string, string[]>;
}

/**
 * What must never appear inside an element's shadow roots, however hostile its text: event
 * handler attributes, active elements, and URLs with any other scheme than the allowed ones
 * (a `#fragment` resolves to the page's own URL, so the regulation's anchors pass).
 */
export function audit(host: Element, { extra = {} }: AuditOptions = {}): string[] {
  const problems: string[] = [];
  if (!host.shadowRoot) return [`<${host.localName}> has no shadow root`];
  const where = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}> in <${host.localName}>`;
  for (const el of deepElements(host.shadowRoot)) {
    if (FORBIDDEN.has(el.localName)) problems.push(`${where(el)}: a <${el.localName}> element`);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) problems.push(`${where(el)}: handler attribute ${name}="${value.slice(0, 80)}"`);
      if (name === 'style' && /url\s*\(|expression|javascript:/i.test(value)) problems.push(`${where(el)}: style="${value.slice(0, 80)}"`);
      if (name === 'srcdoc') problems.push(`${where(el)}: srcdoc`);
      if (!URL_ATTRIBUTES.includes(name.toLowerCase())) continue;
      let scheme: string;
      try {
        scheme = new URL(value, document.baseURI).protocol;
      } catch {
        problems.push(`${where(el)}: unparsable ${name}="${value.slice(0, 80)}"`);
        continue;
      }
      if (!SAFE_SCHEMES.includes(scheme) && !(extra[name] ?? []).includes(scheme)) problems.push(`${where(el)}: ${name} with scheme ${scheme} ("${value.slice(0, 80)}")`);
    }
  }
  return problems;
}

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Presses Tab (real key events) until `predicate` holds for the focused element; fails after `max` presses. */
export async function tabTo(predicate: (el: Element) => boolean, what: string, max = 40): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const el = deepActive();
    if (el && predicate(el)) return el;
  }
  throw new Error(`Tab never reached ${what} (focus is on ${deepActive()?.outerHTML.slice(0, 120)})`);
}

/** A fresh session of the runner's scriptable endpoint. */
export function testEndpoint() {
  const url = `/__endpoint/${crypto.randomUUID()}`;
  return {
    url,
    /** Answers for the next requests, in order; afterwards every request gets `201`. */
    script: (answers: object[]) => fetch(`${url}/script`, { method: 'PUT', body: JSON.stringify(answers) }),
    log: async (): Promise<{ key: string | null; parts: { name: string; value?: string; size: number }[] }[]> => (await fetch(`${url}/log`)).json(),
  };
}

/** The form's text controls and its role, consent and submit, by the names the form gives them. */
export const formControl = <T extends HTMLElement = HTMLInputElement>(form: Element, selector: string) => {
  const el = form.shadowRoot!.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector} in <${form.localName}>`);
  return el;
};

/** Sets a field as typing would end: value, `input`, then leaving the field. */
export function setField(form: Element, name: string, value: string): void {
  const el = formControl<HTMLInputElement>(form, `[name=${name}]`);
  el.focus();
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  el.blur();
}

/** JSON for an inline `<script type="application/json">`: `</script>` cannot end it early. */
export const inlineJson = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');
