import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../src/help-request-form/define.js';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import { retryPolicy } from '../../src/help-request-form/send.js';
import { ru } from '../../src/i18n/ru.js';
import { tables } from '../../src/i18n/tables.js';
import { format } from '../../src/i18n/format.js';
import type { MessageKey, Params } from '../../src/i18n/localize.js';

// Real seconds of backoff would make the suite slow; the policy's shape is what is tested.
retryPolicy.base = 20;

// Drafts outlive an element by design; each test starts without any.
beforeEach(() => sessionStorage.clear());

/** Russian text of a message, as the visitor sees it. */
export const ruText = (key: MessageKey, params?: Params) => format(ru[key], 'ru', params);

export const SCHOOL = {
  'school-name': 'ОКОУ «Курская школа-интернат»',
  region: 'Курская область',
  'journal-url': 'https://kursk1506084570.eljur.ru',
};
export const LINKS = { 'consent-url': 'https://school.example/consent', 'privacy-policy-url': 'https://school.example/privacy' };

/** A fresh endpoint session on the test runner's own server (test/support/test-endpoint.mjs). */
export function testEndpoint() {
  const url = `/__endpoint/${crypto.randomUUID()}`;
  return {
    url,
    /** Answers for the next requests, in order; afterwards every request gets `201`. */
    script: (answers: object[]) => fetch(`${url}/script`, { method: 'PUT', body: JSON.stringify(answers) }),
    log: async (): Promise<Received[]> => (await fetch(`${url}/log`)).json(),
  };
}

export interface Received {
  at: number;
  aborted: boolean;
  key: string | null;
  contentType: string;
  parts: { name: string; filename?: string; type?: string; size: number; value?: string; base64?: string }[];
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A form with the given attributes (`true` for a boolean attribute). */
export async function makeForm(attrs: Record<string, string | boolean | undefined> = {}): Promise<HelpRequestForm> {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? k : `${k}="${attr(v as string)}"`));
  const el = await fixture<HelpRequestForm>(`<help-request-form ${list.join(' ')}></help-request-form>`);
  await el.updateComplete;
  return el;
}

const root = (el: HelpRequestForm) => el.shadowRoot!;

/** The control whose label reads `text` (exactly, after trimming). */
export function control<T extends HTMLElement = HTMLInputElement>(el: HelpRequestForm, text: string): T {
  const label = [...root(el).querySelectorAll('label')].find((l) => l.textContent!.trim() === text);
  const target = label?.control ?? label?.querySelector('input');
  if (!target) throw new Error(`no control labelled «${text}»`);
  return target as unknown as T;
}

export const has = (el: HelpRequestForm, text: string) =>
  [...root(el).querySelectorAll('label')].some((l) => l.textContent!.trim() === text);

/** Types like a visitor: focus, value, `input`, then leave the field. */
export async function type(el: HelpRequestForm, label: string, value: string, { leave = true } = {}) {
  const input = control<HTMLInputElement>(el, label);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  if (leave) input.blur();
  await el.updateComplete;
}

export async function click(el: HelpRequestForm, target: HTMLElement) {
  target.click();
  await settle(el);
}

export const choose = (el: HelpRequestForm, label: string) => click(el, control(el, label));

export const part = <T extends Element = HTMLElement>(el: HelpRequestForm, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`);

export const button = (el: HelpRequestForm, text: string) => {
  const found = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button «${text}»`);
  return found;
};

/** The error message tied to a control by `aria-describedby`, or null. */
export function errorOf(input: HTMLElement): string | null {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  for (const id of ids) {
    const node = (input.getRootNode() as ShadowRoot).getElementById(id);
    if (node?.matches('[part~=error]')) return node.textContent!.trim();
  }
  return null;
}

/** Lets the form finish what a click or key started (it awaits its screenshots, then updates). */
export async function settle(el: HelpRequestForm) {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

export async function submit(el: HelpRequestForm) {
  part(el, 'submit')!.click();
  await settle(el);
}

export const focused = (el: HelpRequestForm) => root(el).activeElement;

/** Whether `target` has focus; described by name, since chai's printout of an element is huge and slow. */
export function expectFocus(el: HelpRequestForm, target: Element) {
  const active = focused(el);
  const name = (e: Element | null) => (e ? `${e.localName}[name=${e.getAttribute('name')}]` : 'nothing');
  expect(active === target, `focus is on ${name(active)}, expected ${name(target)}`).to.be.true;
}

/** Fills everything a parent must give (school pre-filled by attributes), in the form's language. */
export async function fillParent(el: HelpRequestForm) {
  const t = (key: MessageKey) => format(tables[el.resolvedLang][key], el.resolvedLang);
  await choose(el, t('form.parent'));
  await type(el, t('form.fullName'), 'Иванова Мария Петровна');
  await type(el, t('form.childClass'), '7А');
  await type(el, t('form.description'), 'Не вижу домашнее задание в дневнике сына.');
  await click(el, control(el, t('form.consent')));
}

/** The `request` part of a received submission, parsed. */
export const requestOf = (received: Received) => JSON.parse(received.parts.find((p) => p.name === 'request')!.value!);

export const waitForResult = (el: HelpRequestForm) => waitUntil(() => part(el, 'result'), 'no success message', { timeout: 8000 });
export const waitForAlert = (el: HelpRequestForm) => waitUntil(() => part(el, 'alert'), 'no failure message', { timeout: 8000 });

/** Captures console warnings while `body` runs. */
export async function warnings(body: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** The webmaster's notes, one per problem. */
export const notes = (el: HelpRequestForm) => [...root(el).querySelectorAll('[part~="config-error"] li')].map((li) => li.textContent!.trim());

/** A profile (`profile-src`) given inline. */
export const profileUrl = (profile: object) => 'data:application/json,' + encodeURIComponent(JSON.stringify(profile));
