import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { JhwElement } from '../shared/base-element.js';
import { InlineScript } from '../shared/inline-script.js';
import { fetchText, parseJson } from '../shared/source.js';
import { controlStyles } from '../shared/styles.js';
import { copyText } from '../shared/clipboard.js';
import { emit } from '../shared/events.js';
import type { RequesterRole } from '../schema/common.js';
import { SPECIALIST_KINDS, type Channel, type OpeningHours, type Specialist } from '../schema/specialists.js';
import { dial, parseDirectory, type Directory } from './data.js';
import { formatDays, MinuteTicker, openStatus, time } from './open-now.js';
import { matches, words } from './search.js';
import { styles } from './specialist-directory.styles.js';

const ROLES = ['staff', 'parent', 'student'] as const;
/** The school's own people, who read requests from the page's form (not the vendor, not "other"). */
const OWN_KINDS = SPECIALIST_KINDS.slice(1, 4);
/** Cards rendered at once; "show more" adds as many. A region's thousands stay fast to open and to search. */
const PAGE = 30;

/** A link out of the page: a new tab that cannot reach back to it. */
const external = (href: string, label: string) => html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>`;

/**
 * Who can help with the school's electronic journal, grouped as the regulation lists them, with
 * every way to reach them. Reads the `Specialists` JSON from `src` or an inline
 * `<script type="application/json">` child; bad entries are skipped and named for the webmaster.
 *
 * @tagname specialist-directory
 * @summary Who can help with the electronic journal, and how to reach them.
 * @fires help-request-open - "Write a request" was pressed; cancelable (then the page's form is not focused). Detail: `{ specialistId, requester }`.
 * @csspart base - The root of the element.
 * @csspart config-error - The webmaster's notice about misconfiguration and skipped entries.
 * @csspart filters - The "who is asking" group.
 * @csspart chip - A "who is asking" toggle button (`aria-pressed`).
 * @csspart search - The search field.
 * @csspart count - The number of specialists found (a polite live region).
 * @csspart group - The specialists of one kind.
 * @csspart group-heading - The heading of a group.
 * @csspart card - One specialist.
 * @csspart name - A specialist's name.
 * @csspart position - A specialist's position.
 * @csspart channel - One way to reach a specialist.
 * @csspart copy - The button that copies an e-mail address or phone number.
 * @csspart status - "Open now" / "opens at" of an in-person channel.
 * @csspart write - The "write a request" button.
 * @csspart more - The "show more" button.
 * @csspart empty - The empty and "nothing found" states.
 * @csspart error - The loading error with its retry button.
 * @cssprop --jhw-accent - Links, buttons and the pressed chip (default `#1f5fbf`).
 * @cssprop --jhw-text - Text colour.
 * @cssprop --jhw-muted - Positions and hours.
 * @cssprop --jhw-surface - Card background.
 * @cssprop --jhw-border - Card and field borders.
 * @cssprop --jhw-success - "Open now".
 * @cssprop --jhw-danger - The loading error.
 * @cssprop --jhw-radius - Corner radius.
 * @cssprop --jhw-gap - Spacing between cards.
 */
export class SpecialistDirectory extends JhwElement {
  static override styles = [...JhwElement.styles, controlStyles, styles];

  /** URL of the specialists JSON (README, "Your school's files"). Without it, an inline `<script type="application/json">` child is read. */
  @property() accessor src: string | undefined;
  /** Preselects who is asking: `staff`, `parent` or `student`; the visitor can change it. */
  @property() accessor requester: RequesterRole | undefined;
  /** The school's name, put in the subject of e-mails. */
  @property({ attribute: 'school-name' }) accessor schoolName: string | undefined;
  /** The school's journal, `https://<school>.eljur.ru`, linked from "journal mail" channels. */
  @property({ attribute: 'journal-url' }) accessor journalUrl: string | undefined;
  /**
   * Time zone of the opening hours, e.g. `Asia/Yekaterinburg`. Set here or in the profile, it wins
   * over the data's `timeZone` (a school that copied another's file keeps its own clock); else the
   * data's, else `Europe/Moscow`.
   */
  @property({ attribute: 'time-zone' }) accessor timeZone: string | undefined;
  /** The current time, read on every render; a kiosk page or a test can fix it. */
  @property({ attribute: false }) accessor clock: () => Date = () => new Date();

  /**
   * What the visitor did: the search, the chip (`undefined` follows `requester`, `''` is everyone),
   * how many cards to show and the value just copied. One state object: each decorated field costs bytes.
   */
  @state() private accessor view: { query: string; chosen?: RequesterRole | ''; limit: number; copied?: string; failed?: boolean } = { query: '', limit: PAGE };

  private copyTimer?: ReturnType<typeof setTimeout>;
  /** Without `src`, the data is in a child script; an edit of it reloads. */
  private readonly inline = new InlineScript(this, 'script[type="application/json"]', () => {
    if (!this.src) void this.task.run();
  });

  private readonly task = new Task(this, {
    args: () => [this.src] as const,
    task: async ([src], { signal }): Promise<Directory | undefined> => {
      // The note names the address as read (a relative one from the page's folder), not as written.
      const url = src && new URL(src, this.baseURI).href;
      const json = await this.readSource(url || '<script type="application/json">', async () => {
        const text = url ? await fetchText(url, signal, 'application/json') : await this.inline.read();
        return text === null ? undefined : parseJson(text);
      });
      const data = json === undefined ? undefined : parseDirectory(json);
      for (const note of this.dataNotes(data)) this.consoleNote(note);
      return data;
    },
  });

  constructor() {
    super();
    new MinuteTicker(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('beforeprint', this.printAll);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('beforeprint', this.printAll);
  }

  /** Paper has no "show more": every card found goes on it, rendered before the printout is laid out. */
  private printAll = () => {
    this.set({ limit: Infinity });
    this.performUpdate();
  };


  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('requester')) this.set({ chosen: undefined });
  }

  /** The zone of the opening hours: the setting's (a bad one is named and passed over by the base class), else the data's. */
  private get zone(): string {
    return this.setting('timeZone') ?? this.task.value?.timeZone ?? 'Europe/Moscow';
  }

  override render() {
    const { value, status } = this.task;
    return html`<section part="base" lang=${this.resolvedLang}>
      ${this.renderConfigProblems(value || status === TaskStatus.COMPLETE ? this.dataNotes(value) : [])}
      ${this.task.render({
        // New data (an edited script, another src) replaces the list on screen without a flash or lost focus.
        pending: () => (value ? this.renderDirectory(value) : html`<p role="status">${this.t('common.loading')}</p>`),
        error: (error) => this.renderLoadFailure('error', 'directory.loadError', error, () => this.task.run()),
        complete: (data) => data && this.renderDirectory(data),
      })}
    </section>`;
  }

  /**
   * The problems of the data, or the lack of data: for the page and the console. Not
   * reportProblem(): those stay for the element's life, and these must go with other data.
   */
  private dataNotes(data: Directory | undefined): string[] {
    return data
      ? data.problems.map(({ entry, field, issue, channel }) =>
          this.t(entry ? (channel ? 'directory.badChannel' : 'directory.badEntry') : 'directory.badFile', {
            entry,
            field: field && `${field}: `,
            reason: this.t(issue.key, issue.params),
          }),
        )
      : [this.t('directory.noData')];
  }

  /** Who is asking; never `role`, the element's ARIA role. */
  private get asking(): RequesterRole | '' {
    const who = this.view.chosen ?? this.setting('requester');
    return who && ROLES.includes(who) ? who : '';
  }

  private renderDirectory({ entries, problems }: Directory) {
    const t = this.t.bind(this);
    // A file that is broken as a whole is not an empty list: the visitor is told it did not load.
    if (!entries.length) return html`<p part="empty">${t(problems.some((p) => !p.entry) ? 'directory.loadError' : 'directory.empty')}</p>`;
    const role = this.asking;
    const { query: text, limit, copied } = this.view;
    const query = words(text);
    const found = entries.filter(({ s, text }) => (!role || !s.serves || s.serves.includes(role)) && matches(text, query));
    const shown = found.slice(0, limit);
    const form = !!document.querySelector('help-request-form');
    const more = found.length - shown.length;
    // Groups go under the page's own section heading, at 2 or deeper (see pageLevel).
    const level = (this.pageLevel || 1) + 1;
    return html`<fieldset part="filters">
        <legend>${t('directory.who')}</legend>
        ${['' as const, ...ROLES].map(
          (r) => html`<button class="button chip" part="chip" aria-pressed=${r === role ? 'true' : 'false'} @click=${() => this.filter({ chosen: r })}>
            ${t(r ? `directory.${r}` : 'directory.all')}
          </button>`,
        )}
      </fieldset>
      <label>
        ${t('directory.search')}
        <input class="input" part="search" type="search" .value=${text} @input=${(e: Event) => this.filter({ query: (e.target as HTMLInputElement).value })} />
      </label>
      <p part="count" role="status">${t('directory.found', { n: found.length })}</p>
      ${found.length
        ? SPECIALIST_KINDS.map((kind) => {
            const group = shown.filter((e) => e.s.kind === kind);
            return group.length
              ? html`<section part="group">
                  <h2 part="group-heading" aria-level=${level}>${t(`directory.kind.${kind}`)}</h2>
                  <ul class="cards">${group.map(({ s }) => this.renderCard(s, role, form, level))}</ul>
                </section>`
              : nothing;
          })
        : html`<p part="empty">
            ${t('directory.nothing')} <button class="button link" @click=${this.reset}>${t('directory.reset')}</button>
          </p>`}
      ${more > 0
        ? html`<button class="button secondary" part="more" @click=${() => this.showMore(found[limit]!.s.id, limit + PAGE)}>${t('directory.more', { n: more })}</button>`
        : nothing}
      <p class="visually-hidden" role="status">${copied && t(this.view.failed ? 'directory.copyFailed' : 'directory.copied')}</p>`;
  }

  private renderCard(s: Specialist, role: RequesterRole | '', form: boolean, level: number) {
    const write = this.t('directory.write');
    return html`<li part="card" data-id=${s.id}>
      <h3 part="name" aria-level=${level + 1} tabindex="-1">${s.name}</h3>
      ${s.position ? html`<p class="muted" part="position">${s.position}</p>` : nothing}
      <ul>
        ${s.channels.map((c) => html`<li part="channel">${this.renderChannel(c)}</li>`)}
      </ul>
      ${form && OWN_KINDS.includes(s.kind)
        ? html`<button class="button" part="write" aria-label=${`${write}: ${s.name}`} @click=${() => this.write(s.id, role)}>${write}</button>`
        : nothing}
    </li>`;
  }

  private renderChannel(c: Channel) {
    const t = this.t.bind(this);
    switch (c.type) {
      case 'email': {
        const subject = [t('directory.subject'), this.setting('schoolName')].filter(Boolean).join(', ');
        return this.renderContact(`mailto:${c.address}?subject=${encodeURIComponent(subject)}`, c.address);
      }
      case 'phone':
        // A comma is a pause (about 2 s) in Android's and iOS's dialers: then they dial the extension.
        return this.renderContact(`tel:${dial(c.number).join(',')}`, c.number);
      case 'journal-mail': {
        const journal = this.setting('journalUrl');
        // «Семёнова А. П.» ends the sentence with its own full stop.
        return html`${t('directory.journalMail', { recipient: c.recipient.replace(/\.$/, '') })}
        ${journal ? external(journal, t('directory.openJournal')) : nothing}`;
      }
      case 'in-person': {
        const status = c.hours && openStatus(c.hours, this.zone, this.clock());
        return html`${c.place}
        ${this.renderHours(c.hours ?? [])}
        ${status ? html`<br /><span part="status" class=${status.state}>${t(status.time ? `directory.${status.state}` : 'directory.openNow', { time: status.time, day: t('directory.days').split('|')[status.day - 1]! })}</span>` : nothing}`;
      }
      default:
        return external(c.url, c.label ?? t('directory.webForm'));
    }
  }

  /** One line per set of days, its ranges together: «пн–пт 8:30–12:30, 13:30–17:00». */
  private renderHours(hours: OpeningHours[]) {
    const lines: Record<string, string[]> = {};
    for (const h of hours) (lines[formatDays(h.days, this.resolvedLang)] ??= []).push(`${time(h.from)}–${time(h.to)}`);
    return Object.entries(lines).map(([days, ranges]) => html`<br /><span class="muted">${days} ${ranges.join(', ')}</span>`);
  }

  /** A `mailto:` or `tel:` link, and a button that copies its address or number. */
  private renderContact(href: string, value: string) {
    // The name starts with the words on the button, «Скопировано» too: what a voice-control user says is what they see.
    const label = this.t(this.view.copied !== value ? 'directory.copy' : this.view.failed ? 'directory.copyFailed' : 'directory.copied');
    // The space keeps the link and the button apart: the build strips whitespace between tags.
    return html`<a href=${href}>${value}</a> <button class="button link" part="copy" aria-label=${`${label}: ${value}`} @click=${() => this.copy(value)}>${label}</button>`;
  }

  private set(change: Partial<typeof this.view>) {
    this.view = { ...this.view, ...change };
  }

  /** A new search or chip starts again from the first page. */
  private filter(change: Partial<typeof this.view>) {
    this.set({ limit: PAGE, ...change });
  }

  /** The next page of cards; the keyboard goes on from the first of them, as the button it pressed is gone. */
  private async showMore(first: string, limit: number) {
    this.set({ limit });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(first)}"] [part~=name]`)?.focus();
  }

  private reset = async () => {
    this.filter({ query: '', chosen: '' });
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  };

  private async copy(text: string) {
    // Copied at once, within the click (Safari allows the clipboard no later).
    const ok = await copyText(text, this.shadowRoot!);
    // The status is emptied first: a live region speaks on a change, and a second copy would leave its text as it was.
    this.set({ copied: '' });
    await this.updateComplete;
    // A refused copy (plain-http sites, a browser's permissions) is said: the visitor would paste nothing.
    this.set({ copied: text, failed: !ok });
    clearTimeout(this.copyTimer);
    this.copyTimer = setTimeout(() => this.set({ copied: '' }), 3000);
  }

  private write(specialistId: string, requester: RequesterRole | '') {
    if (!emit(this, 'help-request-open', { specialistId, requester: requester || undefined }, { cancelable: true })) return;
    const form = document.querySelector('help-request-form');
    form?.scrollIntoView({ block: 'start' });
    form?.focus();
  }
}
