/**
 * `[start, end)` of the non-overlapping matches of `query` in `text`: case-insensitive, «ё» = «е»,
 * and a space between words matches any run of white space, a line break included.
 */
export function occurrences(text: string, query: string): [number, number][] {
  // A NUL counts as a space: DocSearch puts one between blocks, and a match may not start or end there.
  const words = query.split(/[\s\0]+/).filter(Boolean);
  if (!words.length) return [];
  const pattern = words.map((w) => w.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&').replace(/[её]/gi, '[её]')).join('\\s+');
  return [...text.matchAll(new RegExp(pattern, 'giu'))].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * The page-wide highlight of that name, which every viewer adds its own ranges to. Without the
 * CSS Custom Highlight API (Chromium 105, Safari 17.2, Firefox 140) there is none: matches are
 * still counted and scrolled to, just not painted.
 */
function highlight(name: string, priority = 0): Highlight | undefined {
  if (typeof Highlight !== 'function' || !globalThis.CSS?.highlights) return undefined;
  let found = CSS.highlights.get(name);
  if (!found) CSS.highlights.set(name, (found = Object.assign(new Highlight(), { priority })));
  return found;
}
const all = () => highlight('jhw-regulation');
const current = () => highlight('jhw-regulation-current', 1);

/** Inline markup: search reads through it. Any other element (a paragraph, a list item, a point's number) ends a run of text. */
const INLINE = /^(?:EM|STRONG|A)$/;

/**
 * Matches in one element's visible text: a match may run across emphasis and links (one range
 * over several text nodes) but not from one paragraph, heading or item into the next. The text is
 * read once per render, so a keystroke costs one regular-expression pass over it and one
 * `StaticRange` per match, with no re-render.
 */
export class DocSearch {
  private matches: StaticRange[] = [];
  private current?: StaticRange;
  /** The text nodes, where each starts in `text`, and all of it with a `\0` between blocks and a space for `<br>`. */
  private nodes?: Text[];
  private starts: number[] = [];
  private text = '';

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
        if (node instanceof Text) this.starts.push(this.text.length), this.nodes.push(node), (this.text += node.data);
        else this.text += node.nodeName === 'BR' ? ' ' : INLINE.test(node.nodeName) ? '' : '\0';
      }
    }
    // Matches come in order: one pass finds the text node of each end (an empty node is skipped).
    let k = 0;
    const at = (p: number) => {
      while (this.starts[k + 1]! <= p) k++;
      return [this.nodes![k]!, p - this.starts[k]!] as const;
    };
    const painted = all();
    for (const [from, to] of occurrences(this.text, query)) {
      const [startContainer, startOffset] = at(from);
      const [endContainer, last] = at(to - 1);
      const match = new StaticRange({ startContainer, startOffset, endContainer, endOffset: last + 1 });
      this.matches.push(match);
      painted?.add(match);
    }
    return this.matches.length;
  }

  /** Marks match `i` as the current one and scrolls it into view, below `covered` px at the top (the sticky search bar). */
  show(i: number, covered = 0): void {
    const match = this.matches[i];
    if (!match) return;
    this.unmark();
    current()?.add((this.current = match));
    match.startContainer.parentElement!.scrollIntoView({ block: 'nearest' });
    // A long paragraph, or the sticky bar over the top, may still hide the match: centre it in what is left.
    const range = new Range();
    range.setStart(match.startContainer, match.startOffset);
    range.setEnd(match.endContainer, match.endOffset);
    const { top, bottom } = range.getBoundingClientRect();
    if (top < covered || bottom > innerHeight) scrollBy(0, top - (covered + innerHeight) / 2);
  }

  /** The anchor (`p-3.2`) of the point or numbered heading that match `i` is in, if any. */
  where(i: number): string | undefined {
    return this.matches[i]?.startContainer.parentElement!.closest('[id^="p-"]')?.id;
  }

  private unmark(): void {
    if (this.current) current()?.delete(this.current);
  }

  clear(): void {
    this.unmark();
    const painted = all();
    for (const match of this.matches) painted?.delete(match);
    this.matches = [];
    this.current = undefined;
  }
}
