import type { Message, Params } from './types.js';

export type Lang = 'ru' | 'en';

/** Maps a BCP 47 tag to a shipped language; anything else falls back to Russian, the product's language. */
export function toLang(tag: string | null | undefined): Lang {
  return tag?.trim().toLowerCase().startsWith('en') ? 'en' : 'ru';
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** Fills `{name}` placeholders; picks the plural form for `{n}` with `Intl.PluralRules`. */
export function format(message: Message, lang: Lang, params: Params = {}): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    let rules = pluralRules.get(lang);
    if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
    text = message[rules.select(Number(params.n ?? 0))] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
