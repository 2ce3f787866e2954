/**
 * The Markdown a school regulation uses, parsed into a plain AST (no DOM, no HTML strings) that
 * render.ts turns into Lit templates, so nothing in the text can ever run.
 * Hand-written for size: marked's Lexer alone is 15.3 KB gzip (esbuild, measured), this 2.6 KB.
 *
 * Supported: ATX and setext headings; paragraphs; bullet and ordered (`1.`, `1)`) lists nested
 * by indentation, with lazy continuation lines; thematic breaks; emphasis `*` `_` `**` `__`;
 * links `[text](url "title")`; autolinks `<https://…>`, `<name@host>`; bare `http(s)://` URLs;
 * hard breaks (two spaces or `\` at the end of a line); backslash escapes; numeric and a few
 * named entities; GFM pipe tables (the `|---|` row required; cells split at every `|`, no
 * alignment). Raw HTML stays text. Deliberate differences from CommonMark: list items keep
 * the number written in the source (a regulation may repeat one); a line starting with `N.M.`
 * or with `N.` and a letter (`3.Пункт`) always starts a new paragraph; code (spans, indented,
 * fenced) and quotes are plain text; lists are never "loose"; the nearest closer ends emphasis.
 * Lines before the first `# ` heading are the approval block: one group per blank-line-separated
 * run, line by line.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'em' | 'strong'; c: Inline[] }
  /** `href` is always safe (see {@link safeHref}); `auto` marks links whose text is the URL. */
  | { t: 'link'; href: string; c: Inline[]; auto?: boolean }
  | { t: 'br' };

/** A numbered point: `n` as written ("4", "4.2"), `id` its unique anchor. Set by points.ts. */
export interface Point {
  id: string;
  n: string;
}

/** `src` is the block's Markdown; `c`, its inline content, is parsed when first read. */
export type Block =
  | { t: 'h'; level: number; src: string; readonly c: Inline[]; id?: string }
  | { t: 'p'; src: string; readonly c: Inline[]; point?: Point }
  | { t: 'list'; ordered: boolean; items: Item[] }
  /** The first row is the header. */
  | { t: 'table'; rows: Inline[][][] }
  | { t: 'hr' };

/** `marker` as written: "5.", "1)", "-". */
export interface Item {
  marker: string;
  blocks: Block[];
  point?: Point;
}

export interface Doc {
  /** Approval groups → lines → inlines. */
  meta: Inline[][][];
  blocks: Block[];
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST = /^( *)([-+*]|(\d{1,9})([.)]))([ \t]+|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const SUBPOINT = /^ {0,3}\d{1,4}(?:\.\d{1,4})*(?:\.\d{1,4}\.?[ \t]|\.\p{L})/u;
/** Nesting deeper than this is text: it keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 24;

const startsBlock = (line: string) => [HEADING, HR, LIST, SUBPOINT].some((re) => re.test(line));
/** A pipe table's delimiter row, `|---|:-:|`. */
const DELIMITER = /^(?=.*-)(?=.*\|)[ \t|:-]+$/;
const isTable = (lines: string[], i: number) => lines[i].includes('|') && DELIMITER.test(lines[i + 1] ?? '');
const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => inline(c.trim()));

/** The document tree of `source`; relative links resolve against `address`, else stay text. */
export function parse(source: string, address?: string): Doc {
  base = address;
  const lines = source
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((l) => l.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    ')));
  const title = lines.findIndex((l) => /^ {0,3}#(?:[ \t]|$)/.test(l));
  const meta = (title > 0 ? lines.slice(0, title).join('\n').split(/\n\s*\n/) : [])
    .filter((group) => group.trim())
    .map((group) => group.trim().split('\n').map((l) => inline(l.trim())));
  return { meta, blocks: blocks(meta.length ? lines.slice(title) : lines, 0) };
}

function blocks(lines: string[], depth: number): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    let m: RegExpExecArray | null;
    if (!line.trim()) i++;
    else if ((m = HEADING.exec(line))) out.push(text('h', m[2] ?? '', m[1].length)), i++;
    else if (HR.test(line)) out.push({ t: 'hr' }), i++;
    else if (depth < MAX_DEPTH && (m = LIST.exec(line)) && m[1].length < 4) i = list(lines, i, out, depth);
    else if (isTable(lines, i)) {
      const rows = [cells(line)];
      for (i += 2; lines[i]?.includes('|'); i++) rows.push(cells(lines[i]));
      out.push({ t: 'table', rows });
    } else {
      const para = [line];
      let level = 0;
      for (i++; i < lines.length && lines[i].trim(); i++) {
        // Pandoc, which turns a school's Word file into Markdown, writes setext headings.
        if ((m = SETEXT.exec(lines[i]))) {
          level = m[1][0] === '=' ? 1 : 2;
          i++;
          break;
        }
        if (startsBlock(lines[i]) || isTable(lines, i)) break;
        para.push(lines[i]);
      }
      out.push(text(level ? 'h' : 'p', para.map((l) => l.trimStart()).join('\n').trimEnd(), level));
    }
  }
  return out;
}

/**
 * A heading or paragraph whose inline content is parsed on first use: a long regulation renders
 * in chunks, and its first screen should not wait for the inline parsing of the rest.
 */
function text(t: 'p' | 'h', src: string, level = 0): Block {
  let c: Inline[] | undefined;
  return {
    t,
    level,
    src,
    get c() {
      return (c ??= inline(src));
    },
  } as Block;
}

/** Parses the list starting at `lines[i]` into `out`; returns the index of the first line after it. */
function list(lines: string[], i: number, out: Block[], depth: number): number {
  const first = LIST.exec(lines[i])!;
  const kind = first[4] ?? first[2];
  const items: Item[] = [];
  let m: RegExpExecArray | null;
  while (i < lines.length && (m = LIST.exec(lines[i])) && m[1].length < 4 && (m[4] ?? m[2]) === kind) {
    const pad = m[5].length && m[5].length <= 4 ? m[5].length : 1;
    const width = m[1].length + m[2].length + pad;
    const body = [lines[i].slice(width)];
    let blank = false;
    for (i++; i < lines.length; i++) {
      const l = lines[i];
      const indent = l.length - l.trimStart().length;
      if (!l.trim()) body.push(''), (blank = true);
      else if (indent >= width) body.push(l.slice(width)), (blank = false);
      else if (!blank && !startsBlock(l)) body.push(l);
      else break;
    }
    items.push({ marker: m[2], blocks: blocks(body, depth + 1) });
  }
  out.push({ t: 'list', ordered: !!first[3], items });
  return i;
}

const SAFE = /^(?:https?:|mailto:|tel:|#)/i;
/** The address relative links resolve against: the regulation's own file (set by `parse`). */
let base: string | undefined;

/**
 * The link's address when it is active, else '': only `https:`, `http:`, `mailto:`, `tel:` and
 * `#` links are; a relative one (`consent.pdf`) is read against the regulation's own address and
 * kept if that gives `https:`/`http:`. Anything else (`javascript:`, `data:`…) stays text.
 */
export function safeHref(url: string, from = base): string {
  // Whatever has a scheme of its own keeps it; only a relative one becomes `from`'s https:/http:.
  if (!SAFE.test(url))
    try {
      url = new URL(url, from).href;
    } catch {}
  return SAFE.test(url) ? url : '';
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  numero: '№',
  sect: '§',
};
/** A backslash escape (group 1) or an entity: decimal (2), hex (3) or named (4). */
const ESCAPE = /\\([!-/:-@[-`{-~])|&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]{2,8}));/y;
const ESCAPES = new RegExp(ESCAPE.source, 'g');

/** The text an escape or entity stands for (the arguments: a match of ESCAPE). */
function decode(whole: string, punct?: string, dec?: string, hex?: string, name?: string): string {
  if (punct) return punct;
  if (name) return NAMED[name] ?? whole;
  const cp = dec ? +dec : parseInt(hex!, 16);
  return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
}

/** A link destination as the browser would read it: escapes and entities resolved. */
const unescapeUrl = (url: string) => url.replace(ESCAPES, decode);

/** `<scheme:…>` (group 1) or `<name@host>` (group 2). */
const AUTOLINK = /<(?:([a-zA-Z][a-zA-Z\d+.-]{1,31}:[^\s<>]*)|([\w.!#$%&'*+/=?^`{|}~-]+@[a-zA-Z\d](?:[a-zA-Z\d.-]*[a-zA-Z\d])?))>/y;
/** Bare addresses, `www.` ones too (GFM's extended autolinks: Word documents write them so). */
const BARE = /(?:https?:\/\/|www\.)[^\s<>]+/y;
/** Plain text: up to where something may need parsing. */
const PLAIN = /[^\\\n<[*_&hw]+/y;
const SPACE = /\s/;
const BLANK = /[ \t]/;
const WORD = /[\p{L}\p{N}]/u;

export const inline = (s: string): Inline[] => inlines(s, 0, s.length, 0, false);

function inlines(s: string, from: number, to: number, depth: number, inLink: boolean): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (...nodes: Inline[]) => {
    if (text) out.push({ t: 'text', v: text }), (text = '');
    out.push(...nodes);
  };
  /** Closer searches that failed, by kind, and where they started: later ones fail too. */
  const failed: Record<string, number> = {};
  let pairs: Map<number, number> | undefined;
  let i = from;

  while (i < to) {
    PLAIN.lastIndex = i;
    if (PLAIN.test(s)) {
      const next = Math.min(PLAIN.lastIndex, to);
      text += s.slice(i, next);
      i = next;
      continue;
    }
    const c = s[i];
    let m: RegExpExecArray | null;

    if (c === '\\' && s[i + 1] === '\n' && i + 1 < to) {
      push({ t: 'br' });
      i = skip(s, i + 2, to, BLANK);
    } else if ((c === '\\' || c === '&') && (m = sticky(ESCAPE, s, i, to))) {
      text += decode(m[0], m[1], m[2], m[3], m[4]);
      i += m[0].length;
    } else if (c === '\n') {
      const hard = / {2,}$/.test(text);
      text = text.trimEnd();
      if (hard) push({ t: 'br' });
      else text += ' ';
      i = skip(s, i + 1, to, BLANK);
    } else if (c === '<' && !inLink && (m = sticky(AUTOLINK, s, i, to))) {
      const url = unescapeUrl(m[1] ?? m[2]);
      const href = m[1] ? url : 'mailto:' + url;
      if (safeHref(href)) push({ t: 'link', href, c: [{ t: 'text', v: url }], auto: true });
      else text += m[0];
      i += m[0].length;
    } else if (c === '[' && !inLink) {
      pairs ??= brackets(s, from, to);
      const close = pairs.get(i);
      const dest = close !== undefined && s[close + 1] === '(' ? destination(s, close + 2, to) : undefined;
      if (dest) {
        const label = depth < MAX_DEPTH ? inlines(s, i + 1, close!, depth + 1, true) : [{ t: 'text' as const, v: s.slice(i + 1, close) }];
        const href = safeHref(unescapeUrl(dest[0]));
        if (href) push({ t: 'link', href, c: label });
        else for (const n of label) n.t === 'text' ? (text += n.v) : push(n);
        i = dest[1];
      } else (text += c), i++;
    } else if (c === '*' || c === '_') {
      const end = run(s, i, to);
      const opens = end < to && !SPACE.test(s[end]) && (c === '*' || !WORD.test(s[i - 1] ?? ' ')) && depth < MAX_DEPTH;
      // `**` (or more) opens strong emphasis when it closes; otherwise the run's last one opens emphasis.
      let close = opens && end - i > 1 && closer(s, c, i + 2, to, 2, failed);
      if (close) {
        const at = end - i > 2 ? close[1] - 2 : close[0];
        push({ t: 'strong', c: inlines(s, i + 2, at, depth + 1, inLink) });
        i = at + 2;
      } else if (opens && (close = closer(s, c, end, to, 1, failed))) {
        text += s.slice(i, end - 1);
        push({ t: 'em', c: inlines(s, end, close[0], depth + 1, inLink) });
        i = close[0] + 1;
      } else (text += s.slice(i, end)), (i = end);
    } else if ((c === 'h' || c === 'w') && !inLink && !WORD.test(s[i - 1] ?? ' ') && ((BARE.lastIndex = i), (m = BARE.exec(s)))) {
      const url = trimUrl(m[0].slice(0, to - i));
      // GFM gives a `www.` address http:, which a site on https: redirects.
      if (/\/\/.|^www\.[^.]+\./.test(url)) push({ t: 'link', href: url[0] === 'w' ? 'http://' + url : url, c: [{ t: 'text', v: url }], auto: true });
      else text += url;
      i += url.length;
    } else {
      text += c;
      i++;
    }
  }
  push();
  return out;
}

function sticky(re: RegExp, s: string, i: number, to: number): RegExpExecArray | null {
  re.lastIndex = i;
  const m = re.exec(s);
  return m && i + m[0].length <= to ? m : null;
}

/** The first index from `i` whose character is not one of `re`'s (at most `to`). */
function skip(s: string, i: number, to: number, re: RegExp): number {
  while (i < to && re.test(s[i])) i++;
  return i;
}

/** The end of the run of `s[i]` characters starting at `i`. */
function run(s: string, i: number, to: number): number {
  let e = i;
  while (e < to && s[e] === s[i]) e++;
  return e;
}

/** The nearest run of `c` after `from` that can close emphasis: [start, end) of the run. */
function closer(s: string, c: string, from: number, to: number, min: number, failed: Record<string, number>) {
  const key = c + min;
  if (failed[key] <= from) return undefined;
  for (let p = s.indexOf(c, from); p >= 0 && p < to; ) {
    const e = run(s, p, to);
    if (e - p >= min && p > from && !SPACE.test(s[p - 1]) && (c === '*' || !WORD.test(s[e] ?? ' '))) return [p, e];
    p = s.indexOf(c, e);
  }
  failed[key] = from;
  return undefined;
}

/** Matching `[` → `]` positions between `from` and `to`, in one pass. */
function brackets(s: string, from: number, to: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '[') open.push(i);
    else if (s[i] === ']' && open.length) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/** `url "title")` after `](`: the raw URL and the index after `)`, or undefined. */
function destination(s: string, i: number, to: number): [string, number] | undefined {
  i = skip(s, i, to, SPACE);
  let url: string;
  if (s[i] === '<') {
    const e = s.indexOf('>', i);
    if (e < 0 || e >= to || s.slice(i, e).includes('\n')) return undefined;
    url = s.slice(i + 1, e);
    i = e + 1;
  } else {
    const start = i;
    for (let depth = 0; i < to && !SPACE.test(s[i]); i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '(') depth++;
      else if (s[i] === ')' && !depth--) break;
    }
    url = s.slice(start, i);
  }
  i = skip(s, i, to, SPACE);
  const quote = s[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const e = s.indexOf(quote === '(' ? ')' : quote, i + 1);
    if (e < 0 || e >= to) return undefined;
    i = skip(s, e + 1, to, SPACE);
  }
  return s[i] === ')' && i < to ? [url, i + 1] : undefined;
}

/** A bare URL without the punctuation that ends the sentence around it (an unbalanced `)` included). */
function trimUrl(url: string): string {
  while (/[.,:;!?"'»*_\]]$/.test(url) || (url.endsWith(')') && url.split('(').length < url.split(')').length)) url = url.slice(0, -1);
  return url;
}
