/** Latin letters that look Cyrillic in upper case (a phone's keyboard may be on the wrong layout). */
const LOOKALIKE: Record<string, string> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

/**
 * Folds case, «ё» and Latin look-alikes so that «Семёнова», «СЕМЕНОВА», «семенова» and «Ceмёнова»
 * typed with a Latin C and e find each other. Both the data and the query are folded, so nothing is lost.
 */
export const fold = (text: string): string => text.toLowerCase().replace(/[abcehkmoptxyё]/g, (c) => LOOKALIKE[c] ?? 'е');

/** The words of a query, folded; a phone number, typed any way, is its digits. */
export const words = (query: string): string[] =>
  fold(query)
    .split(/\s+/)
    .map((w) => (/^[\d+()-]*\d[\d+()-]*$/.test(w) ? w.replace(/\D/g, '') : w))
    .filter(Boolean);

export const matches = (haystack: string, query: string[]): boolean => query.every((w) => haystack.includes(w));
