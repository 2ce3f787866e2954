import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizeController, type Lang, type MessageKey, type Messages, type Params } from '../i18n/localize.js';
import { validate, type FieldIssue } from '../schema/issues.js';
import { profileFields, type Profile, type ProfileKey } from '../schema/profile.js';
import { loadProfile } from './profile.js';
import { noAnswer, Unreadable } from './source.js';
import { baseStyles } from './styles.js';

/** A problem for the webmaster: a message key and its parameters, shown on the element and in the console. */
export interface ConfigProblem {
  key: MessageKey;
  params?: Params;
  /** A validation issue that becomes the message's `{reason}`, in the element's language. */
  cause?: FieldIssue;
}

/**
 * What every element of the library shares: localization, the school's optional JSON profile
 * (`profile-src`, attributes win), and a visible list of configuration problems for the webmaster.
 */
export abstract class JhwElement extends LitElement {
  static override styles = [baseStyles];

  /** URL of the school's JSON profile with shared settings (README, "Your school's files"). Attributes win over it. */
  @property({ attribute: 'profile-src', reflect: true }) accessor profileSrc: string | undefined;

  /** Overrides of any visible string, by message key. */
  @property({ attribute: false }) accessor messages: Partial<Messages> | undefined;

  /** Settings from the profile, already validated key by key. */
  @state() protected accessor profile: Profile = {};

  @state() private accessor profileProblems: ConfigProblem[] = [];
  @state() private accessor ownProblems: ConfigProblem[] = [];

  /** Why the element's own data could not be read; shown with the other problems until the next read. */
  private sourceProblem?: ConfigProblem;

  /** The `profile-src` being fetched, until its settings arrive. */
  protected profileLoading?: string;

  /** Own values of settings that failed their check, by key: `setting()` passes over them. */
  private readonly rejected = new Map<PropertyKey, unknown>();

  protected readonly l10n = new LocalizeController(this);

  /**
   * The level of the page's last heading before the element, 0 without one. The element's own
   * headings go one deeper (`aria-level`, the look unchanged), so that a screen reader's list of
   * headings has them under the page's section, not beside it.
   */
  protected pageLevel = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.pageLevel = 0;
    for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) if (h.compareDocumentPosition(this) & 4 /* this follows h */) this.pageLevel = +h.localName[1]!;
  }

  get profileMessages(): Partial<Messages> | undefined {
    return this.profile.messages as Partial<Messages> | undefined;
  }

  /** The resolved language: `lang` attribute → nearest ancestor's `lang` → `ru`. */
  get resolvedLang(): Lang {
    return this.l10n.lang;
  }

  protected t(key: MessageKey, params?: Params): string {
    return this.l10n.t(key, params);
  }

  /** The element's own value of a setting (attribute or property), before any default. */
  protected own(key: ProfileKey): unknown {
    return (this as Record<string, unknown>)[key];
  }

  /** An attribute or property if set and valid, else the profile's value. */
  protected setting<K extends ProfileKey>(key: K): Profile[K] {
    const own = this.own(key);
    return ((Object.is(own, this.rejected.get(key)) ? undefined : own) ?? this.profile[key]) as Profile[K];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('profileSrc')) void this.applyProfile(this.profileSrc);
    // Each setting is checked like its profile key, once per change: a bad one is named for the
    // webmaster and the profile's value (or the element's default) is used instead.
    for (const key of changed.keys() as Iterable<ProfileKey>) {
      const attribute = (this.constructor as typeof LitElement).elementProperties.get(key)?.attribute;
      if (!Object.hasOwn(profileFields, key) || attribute === false) continue;
      const name = typeof attribute === 'string' ? attribute : key.toLowerCase();
      const value = this.own(key);
      // A removed number attribute reads as null.
      const result = value == null ? undefined : validate(profileFields[key] as never, value);
      if (this.rejected.delete(key)) {
        this.ownProblems = this.ownProblems.filter((p) => p.key !== 'common.badSetting' || p.params!.name !== name);
      }
      if (result?.ok === false) {
        this.rejected.set(key, value);
        this.reportProblem({ key: 'common.badSetting', params: { name }, cause: result.issues[0] });
      }
    }
  }

  private async applyProfile(src: string | undefined): Promise<void> {
    this.profileLoading = src;
    const { values, problems } = src ? await loadProfile(src, this.baseURI) : { values: {}, problems: [] };
    if (src !== this.profileSrc) return;
    this.profileLoading = undefined;
    this.profile = values;
    this.profileProblems = problems;
    for (const problem of problems) this.consoleNote(this.describe(problem));
  }

  /**
   * Reads the element's own data (`src`, or its inline script, named by `where`). Why it could not
   * be read is said like a configuration problem, and goes with the next read; a visitor who is
   * offline is not the webmaster's problem.
   */
  protected async readSource<T>(where: string, read: () => Promise<T>): Promise<T> {
    this.sourceProblem = undefined;
    try {
      return await read();
    } catch (error) {
      if (error instanceof Unreadable && navigator.onLine) {
        this.consoleNote(this.describe((this.sourceProblem = { key: 'common.sourceUnreadable', params: { url: where }, cause: error.reason })));
      }
      throw error;
    }
  }

  /** The visitor's side of a failed readSource(): what did not load, and a retry; the internet is blamed only when no server answered. */
  protected renderLoadFailure(part: string, key: MessageKey, error: unknown, retry: () => unknown) {
    // The button goes while loading: the keyboard waits at the top of the element, not of the page.
    const again = () => {
      const base = this.renderRoot.querySelector<HTMLElement>('[part~=base]')!;
      base.tabIndex = -1;
      base.focus();
      retry();
    };
    return html`<div part=${part} role="alert"><p>${this.t(key)} ${noAnswer(error) ? this.t('common.checkInternet') : nothing}</p><button type="button" class="button secondary" @click=${again}>${this.t('common.retry')}</button></div>`;
  }

  /** Reports a configuration problem (once per element and message): console and page. */
  protected reportProblem(problem: ConfigProblem): void {
    const same = (p: ConfigProblem) => JSON.stringify(p) === JSON.stringify(problem);
    if (this.ownProblems.some(same)) return;
    this.ownProblems = [...this.ownProblems, problem];
    this.consoleNote(this.describe(problem));
  }

  /** A note for the webmaster in the console, naming the element. */
  protected consoleNote(text: string): void {
    console.warn(`<${this.localName}>: ${text}`);
  }

  private describe({ key, params, cause }: ConfigProblem): string {
    return this.t(key, cause ? { ...params, reason: this.t(cause.key, cause.params) } : params);
  }

  /**
   * The webmaster's notice; elements put it at the top of their template. `extra`: notes that an
   * element works out on each render (e.g. about the data it shows), in the same box.
   */
  protected renderConfigProblems(extra: readonly string[] = []) {
    const problems = [...this.profileProblems, ...this.ownProblems];
    if (this.sourceProblem) problems.push(this.sourceProblem);
    const notes = problems.map((p) => this.describe(p)).concat(extra);
    if (notes.length === 0) return nothing;
    return html`<div class="config-problems" part="config-error" role="note">
      ${this.t('common.configProblems')}
      <ul>
        ${notes.map((note) => html`<li>${note}</li>`)}
      </ul>
    </div>`;
  }
}
