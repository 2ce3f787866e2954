import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { Task } from '@lit/task';
import { copyText } from '../shared/clipboard.js';
import { JhwElement } from '../shared/base-element.js';
import { InlineScript } from '../shared/inline-script.js';
import { fetchText } from '../shared/source.js';
import { controlStyles } from '../shared/styles.js';
import { parse, type Block, type Doc } from './markdown.js';
import { numberPoints, type TocEntry } from './points.js';
import { chunk, renderer } from './render.js';
import { DocSearch } from './search.js';
import { styles } from './regulation-viewer.styles.js';

interface Loaded {
  doc: Doc;
  toc: TocEntry[];
  chunks: Block[][];
}

/** Strips the indentation an HTML author gives the lines of an inline `<script>`. */
function dedent(text: string): string {
  let indent = Infinity;
  // Most texts start at the margin: the first unindented line ends the search.
  for (const [ws] of text.matchAll(/^[ \t]*(?=\S)/gm)) if (!(indent = Math.min(indent, ws.length))) return text;
  return indent < Infinity ? text.replace(new RegExp(`^[ \\t]{${indent}}`, 'gm'), '') : text;
}

/**
 * @tagname regulation-viewer
 * @summary The school's regulation, from Markdown, with an anchor and a "copy link" button on
 * every numbered point, a table of contents, search with highlighted matches, and a print layout.
 *
 * The text comes from `src`, or from an inline `<script type="text/markdown">` child; it is
 * never inserted as HTML, and only `https:`, `http:`, `mailto:`, `tel:` and `#` links are active
 * (a relative link, `consent.pdf`, is read against the file's own address, or the page's).
 * Points are the items of a top-level ordered list and paragraphs starting `N.` / `N.M.`; they
 * are linked as `#p-N`, `#p-N.M` (a repeated number gets `-2`, `-3`…: `#p-5-2`); a numbered
 * heading, `## 2. Специалисты`, is linked as `#p-2`, other headings as `#h-K`. Lines before the
 * first `# ` heading are the approval block; blank lines separate its groups. Markdown read:
 * headings, paragraphs, lists, bold, italic, links and pipe tables; the file may be saved in UTF-8
 * or, as Notepad and Word do on a Russian Windows, in Windows-1251.
 *
 * @csspart base - The root of the element.
 * @csspart config-error - The webmaster's notice about misconfiguration.
 * @csspart toc - The table of contents (a `<details>`).
 * @csspart search - The search bar.
 * @csspart search-input - The search field.
 * @csspart document - The regulation's text.
 * @csspart meta - The approval block above the title.
 * @csspart point - A numbered point.
 * @csspart copy-button - A point's "copy link" button.
 * @csspart status - Loading, empty and error messages.
 * @cssprop --jhw-accent - Links, buttons and the highlight of a linked point.
 * @cssprop --jhw-text - Text colour.
 * @cssprop --jhw-muted - Secondary text (the approval block, the contents).
 * @cssprop --jhw-bg - Background.
 * @cssprop --jhw-border - Borders of the search field and the contents.
 * @cssprop --jhw-mark - Background of search matches.
 * @cssprop --jhw-mark-current - Background of the current search match.
 * @cssprop --jhw-gap - Space between the parts.
 * @cssprop --jhw-sticky-top - Height of the page's own sticky header (a length, default `0px`): the search bar sticks below it, and linked points and search matches stay clear of both.
 */
export class RegulationViewer extends JhwElement {
  static override styles = [...JhwElement.styles, controlStyles, styles];

  /** URL of the regulation in Markdown. Without it the inline `<script type="text/markdown">` is used. */
  @property({ reflect: true }) accessor src: string | undefined;

  /** Hides the table of contents. */
  @property({ attribute: 'no-toc', type: Boolean, reflect: true }) accessor noToc = false;

  /** Matches of the query; -1 when there is no query. */
  @state() private accessor found = -1;
  @state() private accessor at = 0;
  /** The anchor of the point the current match is in. */
  @state() private accessor where: string | undefined;
  @state() private accessor copied = '';
  /** How many chunks of the document are rendered: a long one renders in steps after the first. */
  @state() private accessor shown = 1;

  private readonly search = new DocSearch();
  private tocOpen = true;
  /** The document on screen, whose text the search has indexed. */
  private rendered?: Loaded;
  /** Kept for a new document, shown in its search field and searched there: the visitor still looks for it. */
  private query = '';
  private target?: Element;
  private listening?: AbortController;
  /** Without `src`, the text is in a child script; an edit of it reloads. */
  private readonly inline = new InlineScript(this, ':scope > script[type="text/markdown"]', () => {
    if (!this.src) void this.loader.run();
  });

  private readonly loader = new Task(this, {
    task: async ([src], { signal }): Promise<Loaded | null> => {
      const address = src ? new URL(src, this.baseURI).href : this.baseURI;
      const text = await this.readSource(src ? address : '<script type="text/markdown">', async () => {
        if (src) return fetchText(address, signal);
        const inline = await this.inline.read();
        if (inline === null) this.consoleNote(this.t('regulation.noSource'));
        return dedent(inline ?? '');
      });
      if (!text.trim()) return null;
      const doc = parse(text, address);
      const { toc, repeated } = numberPoints(doc);
      if (repeated.length) {
        this.consoleNote(this.t('regulation.repeated', { n: repeated.join(', '), id: `p-${repeated[0]}-2` }));
      }
      return { doc, toc, chunks: chunk(doc.blocks) };
    },
    args: () => [this.src] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const { signal } = (this.listening = new AbortController());
    addEventListener('hashchange', () => void this.revealHash(true), { signal });
    // Printing cannot wait for the remaining chunks: render them now.
    addEventListener('beforeprint', () => this.renderAll() && this.performUpdate(), { signal });
    // Back on the page: highlight the matches again.
    if (this.query) this.find(this.query);
    // Open where it fits beside the text (see the styles); a tap away on a phone.
    this.tocOpen = this.offsetWidth === 0 || this.offsetWidth >= 720;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listening!.abort();
    // The highlights are page-wide: ours go (the indexed text stays for a return).
    this.search.clear();
  }

  /** Asks for the whole document; true when some of it was not rendered yet. */
  private renderAll(): boolean {
    const all = this.loader.value?.chunks.length ?? 0;
    if (this.shown >= all) return false;
    this.shown = all;
    return true;
  }

  private get article(): HTMLElement | null {
    return this.renderRoot.querySelector('[part~="document"]');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.loader.value !== this.rendered) this.shown = 1;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const loaded = this.loader.value ?? undefined;
    const first = loaded !== this.rendered;
    if (loaded && this.article && (first || changed.has('shown'))) {
      this.search.reset();
      // The next chunk after this one is painted.
      const next = this.shown + 1;
      if (next <= loaded.chunks.length) requestAnimationFrame(() => setTimeout(() => this.shown < next && (this.shown = next)));
      if (this.query) this.find(this.query);
      if (first) void this.revealHash('idle');
    }
    this.rendered = loaded;
  }

  /**
   * Shows the point or heading of the page's hash (`#p-4`), what the browser does for `:target`,
   * which cannot reach into a shadow root, and focuses it, so that the keyboard goes on from there
   * (the browser's own fragment navigation would move its starting point). `idle`: on the page's
   * load, only if nothing else has focus yet.
   */
  private async revealHash(focus: true | 'idle'): Promise<void> {
    if (!/^#[ph]-/.test(location.hash)) return;
    const anchor = () => {
      try {
        return (this.renderRoot as ShadowRoot).getElementById(decodeURIComponent(location.hash.slice(1)));
      } catch {
        return null;
      }
    };
    if (!anchor() && this.renderAll()) await this.updateComplete;
    const el = anchor();
    if (!el) return;
    this.target?.classList.remove('targeted');
    this.target = el;
    el.scrollIntoView({ block: 'start' });
    // Restart the fading highlight when the same point is linked again.
    void el.offsetWidth;
    el.classList.add('targeted');
    if (focus === true || [null, document.body].includes(document.activeElement as HTMLElement)) el.focus({ preventScroll: true });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const copy = target.closest<HTMLElement>('.copy');
    if (copy) return void this.copyLink(copy);
    const href = target.closest('a')?.getAttribute('href');
    if (!href || !/^#[ph]-/.test(href) || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // Written out: a relative `#p-4` would be read against the page's `<base href>` (site builders set one), not the page.
    history.pushState(history.state, '', location.href.split('#')[0] + href);
    void this.revealHash(true);
  }

  private async copyLink(button: HTMLElement): Promise<void> {
    const url = `${location.href.split('#')[0]}#${button.parentElement!.id}`;
    // Copied at once, within the click (Safari allows the clipboard no later).
    const ok = await copyText(url, this.shadowRoot!);
    // The status is emptied first: a live region speaks on a change, and a second copy would leave its text as it was.
    this.copied = '';
    await this.updateComplete;
    this.copied = ok ? this.t('regulation.copied', { n: this.pointName(button.parentElement!.id) }) : this.t('regulation.copyFailed', { url });
    button.classList.toggle('done', ok);
    setTimeout(() => button.classList.remove('done'), 2000);
  }

  /** How a point is called by its anchor: `p-3.2` is «3.2»; a repeated number's `p-5-2` is «5 (2-й)», so that two buttons never share a name. */
  private pointName(id: string): string {
    const [, n, k] = /^p-(.+?)(?:-(\d+))?$/.exec(id)!;
    return k ? this.t('regulation.again', { n: n!, k }) : n!;
  }

  private find(query: string): void {
    this.query = query;
    // The rest of a long document renders first; updated() then searches it.
    if (this.renderAll() || !this.article) return;
    const found = this.search.find(this.article, query);
    this.found = query.trim() ? found : -1;
    this.go(0);
  }

  private go(i: number): void {
    this.at = this.found > 0 ? (i + this.found) % this.found : 0;
    this.search.show(this.at, this.renderRoot.querySelector('.search')?.getBoundingClientRect().bottom);
    this.where = this.search.where(this.at);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.go(this.at + (event.shiftKey ? -1 : 1));
    } else if (event.key === 'Escape' && this.query) {
      event.preventDefault();
      (event.target as HTMLInputElement).value = '';
      this.find('');
    }
  }

  // Templates without indentation: their whitespace would ship and be cloned with each render.
  override render() {
    const status = (text: string) => html`<p part="status" role="status">${text}</p>`;
    const loading = () => status(this.t('common.loading'));
    // «No source» is a note of this render, not a lasting problem: the script may still be added.
    const notes = !this.src && this.inline.text === null ? [this.t('regulation.noSource')] : [];
    return html`<div part="base" lang=${this.resolvedLang}>${this.renderConfigProblems(notes)}${this.loader.render({
      initial: loading,
      pending: loading,
      error: (error) => this.renderLoadFailure('status', 'regulation.loadFailed', error, () => this.loader.run()),
      complete: (loaded) => (loaded ? this.renderLoaded(loaded) : status(this.t('regulation.empty'))),
    })}</div>`;
  }

  // A long document's contents come with its last chunk: a thousand links would double the first render.
  private renderContents(toc: TocEntry[], ready: boolean) {
    const label = this.t('regulation.contents');
    return html`<details class="toc" part="toc" ?open=${this.tocOpen}><summary>${label}</summary><nav aria-label=${label}>${
      ready ? guard([toc], () => html`<ul>${toc.map((e) => html`<li class=${`l${e.level}${e.point ? ' p' : ''}`}><a href="#${e.id}">${e.label}</a></li>`)}</ul>`) : nothing
    }</nav></details>`;
  }

  private renderSearch() {
    const { found, at, where } = this;
    const step = (by: number, label: string, arrow: string) =>
      html`<button type="button" class="button secondary" aria-label=${label} ?disabled=${found < 1} @click=${() => this.go(at + by)}><span aria-hidden="true">${arrow}</span></button>`;
    return html`<div class="search" part="search" role="search"><div class="head"><label for="q">${this.t('regulation.search')}</label><span class="count" role="status">${
      found < 0 ? nothing : found ? this.t('regulation.matches', { i: at + 1, n: found }) : this.t('regulation.noMatches')
    }${
      // Matches are painted, not marked up, so a screen reader cannot find them: it hears where the current one is.
      where ? html`<span class="visually-hidden">${this.t('regulation.inPoint', { n: this.pointName(where) })}</span>` : nothing
    }</span></div><div class="row"><input id="q" class="input" part="search-input" type="search" autocomplete="off" .value=${this.query} @input=${(e: InputEvent) => this.find((e.target as HTMLInputElement).value)} @keydown=${this.onKeydown} />${step(-1, this.t('regulation.previous'), '↑')}${step(1, this.t('regulation.next'), '↓')}</div></div>`;
  }

  private renderLoaded({ doc, toc, chunks }: Loaded) {
    const deps = (part: unknown) => [part, this.resolvedLang];
    const render = renderer((id) => this.t('regulation.copyLink', { n: this.pointName(id) }), this.pageLevel);
    return html`<div class="layout" @click=${this.onClick}>${this.noToc || !toc.length ? nothing : this.renderContents(toc, this.shown >= chunks.length)}<div class="main">${this.renderSearch()}<article class="doc" part="document" aria-labelledby=${doc.blocks[0]?.t === 'h' ? 'h-1' : nothing}>${
      doc.meta.length ? guard(deps(doc), () => render.meta(doc.meta)) : nothing
    }${chunks.map((blocks, i) => (i < this.shown ? guard(deps(blocks), () => render.blocks(blocks)) : nothing))}</article><p class="visually-hidden" role="status">${this.copied}</p></div></div>`;
  }
}
