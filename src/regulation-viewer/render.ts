import { html, nothing } from 'lit';
import type { Block, Doc, Inline, Item, Point } from './markdown.js';

const HEADINGS = [
  (id: string, c: unknown, level: number) => html`<h1 id=${id} tabindex="-1" aria-level=${level}>${c}</h1>`,
  (id: string, c: unknown, level: number) => html`<h2 id=${id} tabindex="-1" aria-level=${level}>${c}</h2>`,
  (id: string, c: unknown, level: number) => html`<h3 id=${id} tabindex="-1" aria-level=${level}>${c}</h3>`,
  (id: string, c: unknown, level: number) => html`<h4 id=${id} tabindex="-1" aria-level=${level}>${c}</h4>`,
  (id: string, c: unknown, level: number) => html`<h5 id=${id} tabindex="-1" aria-level=${level}>${c}</h5>`,
  (id: string, c: unknown, level: number) => html`<h6 id=${id} tabindex="-1" aria-level=${level}>${c}</h6>`,
];

/**
 * Top-level blocks in groups that render one at a time: the first small, so that the top of a
 * long regulation shows at once, the next ones larger. A list weighs as much as its items.
 */
export function chunk(blocks: Block[]): Block[][] {
  const chunks: Block[][] = [];
  let current: Block[] = [];
  let weight = 0;
  for (const b of blocks) {
    current.push(b);
    weight += b.t === 'list' ? b.items.length : 1;
    if (weight >= (chunks.length ? 100 : 30)) chunks.push(current), (current = []), (weight = 0);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * Lit templates for the document. Every piece of the text is a text binding and every URL an
 * attribute binding, so the browser never parses any of it as HTML. Compact templates: every
 * whitespace node would be cloned once per point.
 */
export function renderer(copyLabel: (id: string) => string, shift = 0) {
  const inline = (n: Inline): unknown => {
    switch (n.t) {
      case 'text':
        return n.v;
      case 'br':
        return html`<br />`;
      case 'em':
        return html`<em>${inlines(n.c)}</em>`;
      case 'strong':
        return html`<strong>${inlines(n.c)}</strong>`;
      case 'link':
        return html`<a href=${n.href} class=${n.auto ? 'auto' : ''}>${inlines(n.c)}</a>`;
    }
  };
  // A lone text node renders without the markers of a list.
  const inlines = (nodes: Inline[]) => (nodes.length === 1 ? inline(nodes[0]) : nodes.map(inline));

  /** The "copy link" button of a point; the element finds the anchor on its parent. */
  const copy = (p: Point) =>
    html`<button type="button" class="copy" part="copy-button" aria-label=${copyLabel(p.id)}><svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path d="M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1" /></svg></button>`;

  const item = ({ point, marker, blocks: content }: Item, ordered: boolean) => {
    const num = ordered ? html`<span class="num">${marker}</span>` : nothing;
    return point
      ? html`<li id=${point.id} part="point" tabindex="-1">${copy(point)}${num}${blocks(content)}</li>`
      : html`<li>${num}${blocks(content)}</li>`;
  };

  const block = (b: Block): unknown => {
    switch (b.t) {
      case 'h':
        return HEADINGS[b.level - 1](b.id!, inlines(b.c), b.level + shift);
      case 'p':
        return b.point
          ? html`<p id=${b.point.id} part="point" tabindex="-1">${copy(b.point)}${inlines(b.c)}</p>`
          : html`<p>${inlines(b.c)}</p>`;
      case 'hr':
        return html`<hr />`;
      case 'table':
        return html`<div class="table" tabindex="0"><table>${b.rows.map((row, i) => html`<tr>${row.map((c) => (i ? html`<td>${inlines(c)}</td>` : html`<th>${inlines(c)}</th>`))}</tr>`)}</table></div>`;
      case 'list':
        return b.ordered ? html`<ol>${b.items.map((it) => item(it, true))}</ol>` : html`<ul>${b.items.map((it) => item(it, false))}</ul>`;
    }
  };
  const blocks = (list: Block[]) => list.map(block);

  /** The approval block above the title, line by line. */
  const meta = (groups: Doc['meta']) =>
    html`<header class="meta" part="meta">${groups.map((group) => html`<p>${group.map((line, i) => [i ? html`<br />` : nothing, inlines(line)])}</p>`)}</header>`;

  return { blocks, meta };
}
