/**
 * Case-insensitive, «ё» = «е». Keeps the length, so positions in the normalized text are
 * positions in the original (the rare letter whose lower case is longer stays as it is).
 */
export function normalize(s: string): string {
  let lower = s.toLowerCase();
  if (lower.length !== s.length) lower = s.replace(/[^]/g, (ch) => (ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch));
  return lower.replace(/ё/g, 'е');
}

/** Start positions of the non-overlapping occurrences of `needle` (already normalized). */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle) for (let p = haystack.indexOf(needle); p >= 0; p = haystack.indexOf(needle, p + needle.length)) found.push(p);
  return found;
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

/**
 * Matches in one element's rendered text, one text node at a time (a match does not cross
 * emphasis or links). The normalized text of each node is computed once per render, so a
 * keystroke costs one `indexOf` pass over it and one `StaticRange` per match, with no re-render.
 */
export class DocSearch {
  matches: StaticRange[] = [];
  private nodes?: Text[];
  private texts: string[] = [];
  private current?: StaticRange;

  /** Forget the indexed text: the document was rendered again. */
  reset(): void {
    this.clear();
    this.nodes = undefined;
  }

  /** Highlights every match of `query` under `root`; returns how many there are. */
  find(root: Element, query: string): number {
    this.clear();
    const needle = normalize(query.trim());
    if (!needle) return 0;
    if (!this.nodes) {
      this.nodes = [];
      this.texts = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node: Node | null; (node = walker.nextNode()); ) {
        const text = (node as Text).data;
        if (/\S/.test(text)) this.nodes.push(node as Text), this.texts.push(normalize(text));
      }
    }
    const all = highlights()?.all;
    this.texts.forEach((text, i) => {
      for (const p of occurrences(text, needle)) {
        const range = new StaticRange({ startContainer: this.nodes![i], startOffset: p, endContainer: this.nodes![i], endOffset: p + needle.length });
        this.matches.push(range);
        all?.add(range);
      }
    });
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
