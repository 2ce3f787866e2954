/** Folds case and «ё» so that «Семёнова», «СЕМЕНОВА» and «семенова» find each other. */
export const fold = (text: string): string => text.toLowerCase().replaceAll('ё', 'е');

/** The words of a query, folded; an entry matches when its text contains every one of them. */
export const words = (query: string): string[] => fold(query).split(/\s+/).filter(Boolean);

export const matches = (haystack: string, query: string[]): boolean => query.every((w) => haystack.includes(w));
