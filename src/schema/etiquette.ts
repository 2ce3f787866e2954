// Hand-written: no npm package passes the labelled set in test/schema/etiquette-corpus.ts, and bytes matter.

/*
 * A word is obscene when it holds one of the four roots:
 * - хуй/хуе/хуя/хую/хуи anywhere, except after «стра»/«пси» (страхуй, психует: those are taken out
 *   before the test, as a lookbehind is a syntax error that stops the whole bundle in Safari before 16.4)
 *   and «хую» only at the start or after по/на/до (so «плохую», «тихую» stay clean);
 * - пизд (пезд, and пузд from Latin u) anywhere: no ordinary word has it;
 * - бля at the start or after вы/по, but not бляха/бляшка/блямба;
 * - еб only at the start or after a verbal prefix (хлеб, небо, учебный, вебинар stay clean);
 *   a bare «еб» must go on as a verb or noun does (ебать, ебло, ебнуть…), so initials «Е. Б.»,
 *   «ЕБД» and «Ебург» (Yekaterinburg's everyday name, not obscene) stay clean.
 */
const ROOT =
  /ху[йеяи]|^(?:по|на|до)?хую|п[иеу]зд|^(?:вы|по)?бля(?![хшм])|^(?:(?:(?:от|под|ра[зс]|об|вз|из)[ъь]?|[вс][ъь]|за|на|вы|до|по|пр[ио]|пере|недо|у|долбо)(?:е|йо)б|(?:е|йо)б(?!ур)[аеилнуыь])/;

// Latin and digit look-alikes, read only in words that hold Cyrillic, so English («hue», «ebay») stays English.
const FROM = 'abcdehijklmnoprstuvxyz03469@ё';
const TO = 'абсдехийклмпопгстувхузозчбяае';

// What a run of `*` may hide: enough letters to complete a root from either side.
const FILL = 'у уй й и из изд зд з д л я ля б ба е а х п'.split(' ');

// A word, or single letters spaced out with blanks, dots, dashes or underscores («х у й», «б.л.я»).
// Scanning from the start, a match always begins after a non-letter: no lookbehind is needed (nor
// allowed, see above).
const WORD = /[\p{L}\d*@](?:[\s._-]+[\p{L}\d*@](?![\p{L}\d*@]))+|[\p{L}\d*@]+/gu;

function obscene(w: string): boolean {
  const words = w.includes('*') ? FILL.map((f) => w.replace(/\*+/g, f)) : [w];
  // Both as written and with repeats squeezed («хууй»), since squeezing also eats «переебал».
  return words.some((x) => [x, x.replace(/(.)\1+/g, '$1')].some((y) => ROOT.test(y.replace(/(стра|пси)ху/g, '$1-'))));
}

/** The first obscene word or spaced-out fragment, as written, or null when the text is clean. */
export function findObscenity(text: string): string | null {
  for (const [s] of text.matchAll(WORD)) {
    let w = s.toLowerCase();
    if (!/[а-яё]/.test(w)) continue;
    // Stars around a long word mark a footnote or emphasis («оценки*»), not a mask.
    if (w.replace(/\*/g, '').length > 4) w = w.replace(/^\*+|\*+$/g, '');
    w = [...w.replace(/[\s._-]/g, '')].map((c) => TO[FROM.indexOf(c)] ?? c).join('');
    // Spaced letters may start with a lone preposition («я е б а л»): try every start.
    for (let i = 0; i < (/[\s._-]/.test(s) ? w.length - 1 : 1); i++) if (obscene(w.slice(i))) return s;
  }
  return null;
}
