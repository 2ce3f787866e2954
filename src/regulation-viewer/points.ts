import type { Block, Doc, Inline, Point } from './markdown.js';

/** One line of the table of contents: a heading (`level` 1–6) or a point (`level` = depth of its number). */
export interface TocEntry {
  id: string;
  /** Computed when first read: by then the contents are shown and the text parsed anyway. */
  readonly label: string;
  level: number;
  point: boolean;
}

export interface Numbered {
  toc: TocEntry[];
  /** Point numbers the document uses more than once, e.g. ["5"]. */
  repeated: string[];
}

/**
 * A paragraph's Markdown starting "4.2. Text" or "4.2 Text" (a single level needs its dot, maybe
 * escaped: "5\. Text"; "2021 год" is not a point), possibly in emphasis ("**1.** Text"), or
 * "4.2.Text" (no space needs the dot: "2.5кг" is not a point).
 */
const NUMBERED = /^[*_]*(\d{1,4}(?:\.\d{1,4})*)(?:(?:\\?\.)?[*_]*\s|\.\p{L})/u;

/** The text of inline nodes. */
const plain = (nodes: Inline[]): string => nodes.map((n) => ('v' in n ? n.v : 'c' in n ? plain(n.c) : ' ')).join('');

/** A contents label: one line, cut at a word boundary after about 80 characters. */
function shorten(text: string): string {
  text = text.slice(0, 200).replace(/\s+/g, ' ').trim();
  const cut = text.lastIndexOf(' ', 80);
  return text.length > 80 ? `${text.slice(0, cut > 40 ? cut : 80)}…` : text;
}

/**
 * Gives every numbered point (an item of a top-level ordered list, or a paragraph starting with
 * `N.` / `N.M.`) an anchor `p-N` / `p-N.M`, and every heading `h-K` (K counts headings), or `p-N`
 * when it is numbered (`## 1. Общие положения`) and not the title. A number
 * used again gets `-2`, `-3`… in order (`p-5`, then `p-5-2`), so links to the first stay valid.
 * The first heading of the document is its title and stays out of the contents.
 */
export function numberPoints(doc: Doc): Numbered {
  const toc: TocEntry[] = [];
  const seen: Record<string, number> = {};
  const repeated: string[] = [];
  let headings = 0;

  const entry = (id: string, level: number, point: boolean, label: () => string) => {
    let text: string | undefined;
    toc.push({
      id,
      level,
      point,
      get label() {
        return (text ??= shorten(label()));
      },
    });
  };
  const anchor = (n: string) => {
    const count = (seen[n] = (seen[n] ?? 0) + 1);
    if (count === 2) repeated.push(n);
    return count > 1 ? `p-${n}-${count}` : `p-${n}`;
  };
  const point = (n: string, label: () => string): Point => {
    const id = anchor(n);
    entry(id, n.split('.').length, true, label);
    return { id, n };
  };

  const walk = (blocks: Block[], top: boolean) => {
    for (const b of blocks) {
      if (b.t === 'h') {
        const k = ++headings;
        const title = b === doc.blocks[0];
        const m = !title && NUMBERED.exec(b.src);
        // «## 1. Общие положения» is point 1 to its readers, and a link to #p-1 should find it.
        b.id = m && m[0].includes('.') ? anchor(m[1]) : `h-${k}`;
        if (!title || b.level > 1) entry(b.id, b.level, false, () => plain(b.c));
      } else if (b.t === 'p') {
        const m = NUMBERED.exec(b.src);
        if (m?.[0].includes('.')) b.point = point(m[1], () => plain(b.c));
      } else if (b.t === 'list') {
        for (const item of b.items) {
          const first = item.blocks[0];
          if (top && b.ordered) item.point = point(item.marker.slice(0, -1), () => `${item.marker} ${first?.t === 'p' ? plain(first.c) : ''}`);
          walk(item.blocks, false);
        }
      }
    }
  };
  walk(doc.blocks, true);
  return { toc, repeated };
}
