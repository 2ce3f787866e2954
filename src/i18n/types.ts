/**
 * A message is a string with `{name}` placeholders, or a set of plural forms chosen by
 * `Intl.PluralRules` for the parameter `n`. Both are plain JSON, so a school can override any
 * visible string from its profile without code.
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;

export type Params = Record<string, string | number>;
