/**
 * Case-insensitive, «ё» = «е». Keeps the length, so positions in the normalized text are
 * positions in the original (the rare letter whose lower case is longer stays as it is).
 */
export function normalize(s: string): string {
  let lower = s.toLowerCase();
  if (lower.length !== s.length) lower = s.replace(/[^]/g, (ch) => (ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch));
  return lower.replace(/ё/g, 'е');
}

/**
 * `[start, end)` of the non-overlapping matches of `query` in `text` (already normalized). Words
 * are matched as typed; a space between them matches any run of white space, a line break included.
 */
export function occurrences(text: string, query: string): [number, number][] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const pattern = new RegExp(words.map((w) => w.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')).join('\\s+'), 'g');
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);
}

let registry: { all: Highlight; current: Highlight } | undefined;

/**
 * The page-wide highlights every viewer adds its own ranges to (names are global). Without the
 * CSS Custom Highlight API (Chromium 105, Safari 17.2, Firefox 140) there are none: matches are
 * still counted and scrolled to, just not painted.
 */
function highlights() {
  if (typeof Highlight !== 'function' || !globalThis.CSS?.highlights) return undefined;
  registry ??= { all: new Highlight(), current: new Highlight() };
  registry.current.priority = 1;
  CSS.highlights.set('jhw-regulation', registry.all);
  CSS.highlights.set('jhw-regulation-current', registry.current);
  return registry;
}

/** Inline markup: search reads through it. Any other element (a paragraph, a list item, a point's number) ends a run of text. */
const INLINE = /^(?:EM|STRONG|A)$/;

/**
 * Matches in one element's visible text: a match may run across emphasis and links (one range
 * over several text nodes) but not from one paragraph, heading or item into the next. The text is
 * read and normalized once per render, so a keystroke costs one regular-expression pass over it
 * and one `StaticRange` per match, with no re-render.
 */
export class DocSearch {
  matches: StaticRange[] = [];
  /** The text nodes, where each starts in `text`, and all of it with a `\0` between blocks and a space for `<br>`. */
  private nodes?: Text[];
  private starts: number[] = [];
  private text = '';
  private current?: StaticRange;

  /** Forget the indexed text: the document was rendered again. */
  reset(): void {
    this.clear();
    this.nodes = undefined;
  }

  /** Highlights every match of `query` under `root`; returns how many there are. */
  find(root: Element, query: string): number {
    this.clear();
    if (!this.nodes) {
      this.nodes = [];
      this.starts = [];
      this.text = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node: Node | null; (node = walker.nextNode()); ) {
        if (node instanceof Text) this.starts.push(this.text.length), this.nodes.push(node), (this.text += normalize(node.data));
        else this.text += node.nodeName === 'BR' ? ' ' : INLINE.test(node.nodeName) ? '' : '\0';
      }
    }
    const all = highlights()?.all;
    // Matches come in order: one pass finds the text node of each end (an empty node is skipped).
    let k = 0;
    const at = (p: number) => {
      while (this.starts[k + 1]! <= p) k++;
      return [this.nodes![k]!, p - this.starts[k]!] as const;
    };
    for (const [from, to] of occurrences(this.text, query)) {
      const [startContainer, startOffset] = at(from);
      const [endContainer, last] = at(to - 1);
      const range = new StaticRange({ startContainer, startOffset, endContainer, endOffset: last + 1 });
      this.matches.push(range);
      all?.add(range);
    }
    return this.matches.length;
  }

  /** Marks match `i` as the current one and scrolls it into view. */
  show(i: number): void {
    const match = this.matches[i];
    if (!match) return;
    this.unmark();
    this.current = match;
    highlights()?.current.add(match);
    match.startContainer.parentElement!.scrollIntoView({ block: 'nearest' });
    const range = document.createRange();
    range.setStart(match.startContainer, match.startOffset);
    range.setEnd(match.endContainer, match.endOffset);
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) scrollBy(0, rect.top - innerHeight / 2);
  }

  private unmark(): void {
    if (this.current) registry?.current.delete(this.current);
  }

  clear(): void {
    this.unmark();
    if (registry) for (const range of this.matches) registry.all.delete(range);
    this.matches = [];
    this.current = undefined;
  }
}
