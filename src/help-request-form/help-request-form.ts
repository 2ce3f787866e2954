import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { JhwElement } from '../shared/base-element.js';
import { emit, type HelpRequestOpenDetail, type HelpRequestSuccessDetail } from '../shared/events.js';
import { controlStyles } from '../shared/styles.js';
import { VERSION } from '../shared/version.js';
import type { MessageKey, Params } from '../i18n/localize.js';
import { tables } from '../i18n/tables.js';
import type { RequesterRole } from '../schema/common.js';
import { CHILD_CLASS, DESCRIPTION_MAX, HelpRequest } from '../schema/help-request.js';
import { validate } from '../schema/issues.js';
import type { ProfileKey } from '../schema/profile.js';
import { DraftController, type Draft } from './drafts.js';
import { ScreenshotsController, screenshotStyles } from './screenshots.js';
import { SendError, mixedContent, retryPolicy, send } from './send.js';
import { styles } from './help-request-form.styles.js';

const ROLES = ['staff', 'parent', 'student'] as const;
const SCHOOL = ['journalUrl', 'name', 'region'] as const;
const TEXT = ['fullName', 'childClass', 'email', ...SCHOOL, 'description'] as const;
/** Every field in the order of the form: the first invalid one takes focus. */
const FIELDS = ['role', ...TEXT, 'screenshots', 'consent'] as const;

type TextField = (typeof TEXT)[number];
type Field = (typeof FIELDS)[number];
/** A message to show under a field: a key of the localizer, or the endpoint's own words. */
type FieldError = { key: MessageKey; params?: Params } | string;
type Errors = Partial<Record<Field, FieldError>>;

type LinkSetting = 'consentUrl' | 'privacyPolicyUrl' | 'appealsUrl';

const LATIN = 'ABCEHKMOPTXaceopxy';
const CYRILLIC = 'АВСЕНКМОРТХасеорху';

/** The settings that pre-fill the school's fields. */
const CONFIG = { journalUrl: 'journalUrl', name: 'schoolName', region: 'region' } as const;

/** How the browser may fill a text field (the others: `off`); `email` and `url` are input types too. */
const AUTOCOMPLETE: Partial<Record<TextField, 'name' | 'email' | 'url' | 'organization' | 'address-level1'>> = {
  fullName: 'name',
  email: 'email',
  journalUrl: 'url',
  name: 'organization',
  region: 'address-level1',
};

/** Which field an issue path points at: `['school', 'region']` → `region`, `['consent', …]` → `consent`. */
function fieldOf([head, sub]: readonly PropertyKey[] = []): Field | undefined {
  const field = head === 'school' ? (sub ?? 'journalUrl') : head;
  return FIELDS.find((f) => f === field);
}

/** The endpoint's issues under their fields, until the visitor edits them (`400`, `422`). */
function serverErrors({ reason, issues }: SendError): Errors {
  const errors: Errors = reason === 'etiquette' ? { description: { key: 'validation.etiquette' } } : {};
  for (const { path, code, message } of issues) {
    const field = fieldOf(path);
    // Our own receiver names the message key: the visitor reads it in the widget's language,
    // unless the message needs numbers only the endpoint's text has.
    const known = code && Object.hasOwn(tables.ru, code) && !String(tables.ru[code as MessageKey]).includes('{');
    if (field) errors[field] ??= known ? { key: code as MessageKey } : String(message ?? code);
  }
  return errors;
}

/**
 * A class as schools write it, `7А`, from `7 а`, `11-б`, `7 «А»`, `7 "а"` or `7a` typed with a Latin
 * letter that looks Cyrillic (only those: the visitor cannot see the difference; any other letter is
 * a real mistake the message explains). Anything else is left as typed.
 */
function normalizeClass<T extends string | undefined>(value: T): T | string {
  const parts = /^\s*(\d+)[\s"'«»“”„-]*(\S)[\s"'«»“”„]*$/.exec(value ?? '');
  if (!parts) return value;
  const [, number = '', letter = ''] = parts;
  const canonical = number + (CYRILLIC[LATIN.indexOf(letter)] ?? letter).toUpperCase();
  return CHILD_CLASS.test(canonical) ? canonical : value;
}

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts, and school sites are often
 * plain HTTP; every `blob:` URL ends with one.
 */
function uuid(): string {
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36);
}

/**
 * The help request the school's regulation asks for, validated by the shared schema and sent so
 * that nothing is lost: typed text survives reloads and failures, retries reuse one
 * `Idempotency-Key`, a request that failed for want of a connection goes by itself when the
 * browser is back online, and a double click sends once.
 *
 * @tagname help-request-form
 * @summary A help request form for the school's electronic journal.
 * @fires help-request-submit - Cancelable, before sending. Detail: `{ request, screenshots }`.
 * @fires help-request-success - The endpoint stored the request. Detail: `{ id, response }`.
 * @fires help-request-error - Sending failed. Detail: `{ reason, status?, retryable }`.
 * @csspart base - The root of the form.
 * @csspart config-error - The webmaster's notice about misconfiguration.
 * @csspart field - A field: its label, hint, control and error.
 * @csspart label - A field's label or a group's legend.
 * @csspart hint - A field's hint.
 * @csspart input - A text field or the description.
 * @csspart error - A field's error message.
 * @csspart context - The disclosure listing what else is sent (page, browser, screen, language, version).
 * @csspart submit - The submit button.
 * @csspart status - Sending progress and the count of problems.
 * @csspart alert - Why sending failed, with the retry button.
 * @csspart result - The success message with the request number.
 * @cssprop --jhw-accent - Accent colour of buttons, links and choices (default `#1f5fbf`).
 * @cssprop --jhw-accent-text - Text on accent buttons (default `#ffffff`).
 * @cssprop --jhw-text - Text colour (default `#1b1f24`).
 * @cssprop --jhw-muted - Hints and secondary text (default `#4d5661`).
 * @cssprop --jhw-bg - Background (default `#ffffff`).
 * @cssprop --jhw-surface - Background of the school summary and details (default `#f3f5f8`).
 * @cssprop --jhw-border - Borders of fields and groups (default `#8a94a0`).
 * @cssprop --jhw-danger - Errors (default `#b3261e`).
 * @cssprop --jhw-success - The success message (default `#1e6b34`).
 * @cssprop --jhw-focus - The focus ring (default `#1f5fbf`).
 * @cssprop --jhw-radius - Corner radius (default `0.375em`).
 * @cssprop --jhw-gap - Space between fields (default `1em`).
 */
export class HelpRequestForm extends JhwElement {
  static override styles = [...JhwElement.styles, controlStyles, screenshotStyles, styles];

  /** Where requests are POSTed: the reference receiver's `/api/requests`, or your own endpoint (README, "Your school's files"). */
  @property() accessor endpoint: string | undefined;
  /** The school's name, pre-filled in the form. */
  @property({ attribute: 'school-name' }) accessor schoolName: string | undefined;
  /** The school's region, pre-filled in the form. */
  @property() accessor region: string | undefined;
  /** The school's journal address, `https://<school>.eljur.ru`, pre-filled in the form. */
  @property({ attribute: 'journal-url' }) accessor journalUrl: string | undefined;
  /** Link to the school's privacy policy. */
  @property({ attribute: 'privacy-policy-url' }) accessor privacyPolicyUrl: string | undefined;
  /** Link to the text of the consent to personal data processing. */
  @property({ attribute: 'consent-url' }) accessor consentUrl: string | undefined;
  /** Version of the consent text, sent with the request (default: the `consent-url`). */
  @property({ attribute: 'consent-version' }) accessor consentVersion: string | undefined;
  /** The school's official channel for citizens' appeals (59-ФЗ). */
  @property({ attribute: 'appeals-url' }) accessor appealsUrl: string | undefined;
  /** Preselects who is asking: `staff`, `parent` or `student`. */
  @property() accessor requester: RequesterRole | undefined;
  /**
   * Seconds one sending attempt may take before it is abandoned (default 30), plus 1 s per 16 kB of
   * screenshots for slow connections. Automatic retries fit in the first 20 s, so an
   * attempt that runs out of time is offered as «Повторить», with the same key and nothing lost.
   */
  @property({ type: Number }) accessor timeout: number | undefined;
  /** Lets a request go without a screenshot (the regulation asks for one). */
  @property({ attribute: 'screenshot-optional', type: Boolean }) accessor screenshotOptional: boolean | undefined;

  #maxScreenshots?: number;
  /** The most screenshots one request can carry: 1–20, default 5. */
  @property({ attribute: 'max-screenshots', type: Number })
  set maxScreenshots(value: number | undefined) {
    this.#maxScreenshots = value;
  }
  get maxScreenshots(): number {
    return this.setting('maxScreenshots') ?? 5;
  }

  protected override own(key: ProfileKey): unknown {
    return key === 'maxScreenshots' ? this.#maxScreenshots : super.own(key);
  }

  @state() private accessor picked: RequesterRole | undefined;
  @state() private accessor values: Partial<Record<TextField, string>> = {};
  /** Which of the page's forms this is (set on connect). */
  private place = 0;
  /** Whether the text came back from a draft: its screenshots and consent did not. */
  private restored = false;
  @state() private accessor consent = false;
  /** Fields whose errors are shown: left once after an edit, or all after a submit. */
  @state() private accessor shown: ReadonlySet<string> = new Set();
  /**
   * Fields the visitor has changed. Only these show an error on leaving: a keyboard or screen-reader
   * user tabs through a form to learn it, and an empty field passed over is not yet a mistake.
   */
  private edited = new Set<string>();
  /** Errors the endpoint reported (`400`, `422`), until the field is edited. */
  @state() private accessor serverErrors: Errors = {};
  @state() private accessor announcement = '';
  @state() private accessor attempt = 0;
  /** The number of the request just accepted: the success view shows while it is set. */
  @state() private accessor done: string | undefined;

  /** One per submission, reused by every retry of the same content, kept in the draft. */
  private key?: string;
  private signature?: string;
  private locked = false;
  private focusedAtOutcome = false;

  private readonly shots = new ScreenshotsController(this);

  /**
   * Fields left while a pointer is pressed in the form. Their errors wait until it is released and
   * its click is done: a message appearing above the pointer would move what it is clicking.
   */
  private held?: string[];

  private readonly sending = new Task(this, {
    autoRun: false,
    task: async ([request]: [HelpRequest], { signal }): Promise<HelpRequestSuccessDetail> => {
      this.attempt = 0;
      const body = new FormData();
      body.append('request', JSON.stringify(request));
      for (const shot of this.shots.items) body.append('screenshot', shot.blob, shot.name);
      const endpoint = this.setting('endpoint');
      if (!endpoint) throw new SendError('unexpected');
      const timeout = (this.setting('timeout') ?? 30) * 1000;
      try {
        return await send(endpoint, body, { key: this.key!, timeout, signal, onRetry: (n) => (this.attempt = n) });
      } finally {
        // Before the outcome renders and takes the focused control away.
        this.focusedAtOutcome = this.matches(':focus-within');
      }
    },
    // In the same update as the outcome, so that a reload never finds the draft gone and no number.
    onComplete: ({ id }) => {
      this.clear();
      this.done = id;
    },
    onError: (error) => {
      const { refused, blocked, status } = error as SendError;
      const url = this.setting('endpoint')!;
      // Without an endpoint, the note of willUpdate() has said so already.
      if (refused && url) this.consoleNote(this.t('form.endpointStatus', { url, status: status! }));
      if (blocked) this.consoleNote(this.t('form.endpointCors', { url, origin: location.origin }));
      this.serverErrors = serverErrors(error as SendError);
    },
  });

  constructor() {
    super();
    this.addEventListener(
      'pointerdown',
      () => {
        this.held ??= [];
        const release = new AbortController();
        const show = () => {
          release.abort();
          // A task later: the click comes after pointerup.
          setTimeout(() => {
            this.shown = new Set([...this.shown, ...(this.held ?? [])]);
            this.held = undefined;
          });
        };
        for (const type of ['pointerup', 'pointercancel']) addEventListener(type, show, { signal: release.signal });
      },
      true,
    );
    // Per endpoint, page and place among the page's forms: two forms (or two pages) with one endpoint each
    // keep their own. Not by id: a page script may set it after the draft is read.
    const key = () => `${this.setting('endpoint')} ${location.pathname} ${this.place}`;
    new DraftController(this, 'draft', {
      key,
      read: () => {
        const draft: Draft = Object.fromEntries(Object.entries(this.values).filter(([, value]) => value));
        if (!Object.keys(draft).length) return undefined;
        return { ...draft, ...(this.picked && { role: this.picked }), ...(this.key && { key: this.key, signature: this.signature! }) };
      },
      restore: ({ role, key, signature, ...values }) => {
        this.values = Object.fromEntries(TEXT.filter((f) => typeof values[f] === 'string').map((f) => [f, values[f]]));
        this.picked = ROLES.find((r) => r === role) ?? this.picked;
        this.key = key;
        this.signature = signature;
        this.restored = true;
      },
    });
    // Kept apart from the draft (and after it): a reload that came with the answer still shows the number.
    new DraftController(this, 'done', {
      key,
      read: () => (this.done ? { id: this.done } : undefined),
      restore: ({ id }) => {
        if (!Object.keys(this.values).length) this.done = id;
      },
    });
  }

  /** The localized message for a key; public for the controllers that render parts of the form. */
  override t(key: MessageKey, params?: Params): string {
    return super.t(key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Read once here, not on every update: which of the page's forms this is keys its draft.
    this.place = [...document.querySelectorAll(this.localName)].indexOf(this);
    document.addEventListener('help-request-open', this.open);
    addEventListener('online', this.online);
  }

  /** Whether the visitor may send the failed request again: also after a 400 that marks no field of ours. */
  private get retryable(): boolean {
    return this.unmarked || (this.sending.error as SendError).retryable;
  }

  /** A 400 that marks no field here (another school's endpoint, a newer schema): said in its own words. */
  private get unmarked(): boolean {
    return (this.sending.error as SendError).reason === 'invalid' && !Object.keys(this.serverErrors).length;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('help-request-open', this.open);
    removeEventListener('online', this.online);
  }

  /**
   * Back online after the connection failed: sends the same request again, as «Повторить» would,
   * unless the visitor has changed it since (they may be typing: that is theirs to send).
   */
  private readonly online = () => {
    if (this.sending.status !== TaskStatus.ERROR) return;
    const { reason, blocked } = this.sending.error as SendError;
    const { request } = this.check();
    if (/^(network|timeout)$/.test(reason) && !blocked && request && this.sign(request) === this.signature) void this.submit(new Event('online'));
  };

  /** What a submission is, for telling a changed request (which gets a new idempotency key) from a retry. */
  private sign(request: HelpRequest): string {
    return JSON.stringify(request) + this.shots.items.map((s) => s.blob.size);
  }

  /** Answers `help-request-open` (e.g. "Write a request" in the specialist directory). */
  private readonly open = ({ detail }: CustomEvent<HelpRequestOpenDetail>) => {
    if (detail?.requester) this.picked = detail.requester;
    this.scrollIntoView();
    void this.focusField(this.firstField);
  };

  /** Where a visitor starts typing. */
  private get firstField(): Field {
    const role = this.currentRole;
    return role ? (role === 'staff' ? 'email' : 'fullName') : 'role';
  }

  private get currentRole(): RequesterRole | undefined {
    return this.picked ?? ROLES.find((r) => r === this.setting('requester'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // While a profile is loading it may still bring what is missing.
    if (this.profileLoading) return;
    const endpoint = this.setting('endpoint');
    if (!endpoint) this.reportProblem({ key: 'form.noEndpoint' });
    // Said on load: otherwise the first visitor to send learns it, as "check your internet".
    else if (mixedContent(endpoint, this.baseURI)) this.reportProblem({ key: 'form.mixedContent', params: { url: endpoint } });
    // The consent links are required by 152-ФЗ. A link that is set but not http(s) or a path on the
    // site is named by the base class and passed over, so here it counts as missing.
    if (!this.setting('consentUrl')) this.reportProblem({ key: 'form.noLink', params: { name: 'consent-url' } });
    if (!this.setting('privacyPolicyUrl')) this.reportProblem({ key: 'form.noLink', params: { name: 'privacy-policy-url' } });
  }

  /** The value of a school field as configured. */
  private configured(field: TextField): string | undefined {
    return field in CONFIG ? this.setting(CONFIG[field as keyof typeof CONFIG]) : undefined;
  }

  /** The request as the form holds it now, and every problem with it. */
  private check() {
    const role = this.currentRole;
    const value = (field: TextField) => (this.values[field] ?? this.configured(field))?.trim() || undefined;
    // Visitors type `school.eljur.ru`; the schema wants the scheme.
    const journalUrl = value('journalUrl')?.replace(/^(?![a-z][\w+.-]*:)/i, 'https://');
    const context = {
      pageUrl: (location.origin + location.pathname).slice(0, 2000),
      userAgent: navigator.userAgent.slice(0, 1000),
      screen: `${screen.width}x${screen.height}`,
      lang: this.resolvedLang,
      widgetVersion: VERSION,
    };
    const result = validate(HelpRequest, {
      version: 1,
      role: role ?? 'parent',
      school: { journalUrl, name: value('name'), region: value('region') },
      email: value('email'),
      ...(role !== 'staff' && { fullName: value('fullName'), childClass: normalizeClass(value('childClass')) }),
      description: value('description'),
      consent: { accepted: this.consent, version: this.setting('consentVersion') ?? this.setting('consentUrl') ?? VERSION },
      context,
    });
    const errors: Errors = {};
    if (!role) errors.role = { key: 'validation.choice' };
    for (const issue of result.ok ? [] : result.issues) {
      const field = fieldOf(issue.path);
      // Without a role the family's fields are not shown yet.
      if (field && (role || (field !== 'fullName' && field !== 'childClass'))) errors[field] ??= issue;
    }
    if (!this.shots.items.length && !this.setting('screenshotOptional')) errors.screenshots = { key: 'screenshots.required' };
    const request = result.ok && !Object.keys(errors).length ? result.data : undefined;
    return { request, errors, context };
  }

  private async focusField(field: Field): Promise<void> {
    // A school field behind the summary comes out, holding what is configured.
    if (field in CONFIG) this.values = { ...Object.fromEntries(SCHOOL.map((f) => [f, this.configured(f) ?? ''])), ...this.values };
    await this.updateComplete;
    if (field === 'screenshots') this.shots.focus();
    else this.renderRoot.querySelector<HTMLElement>(`[name=${field}]`)?.focus();
    // Safari focuses without scrolling: the field comes into view, its label and message with it.
    this.shadowRoot!.activeElement?.closest('[part~=field]')?.scrollIntoView({ block: 'nearest' });
  }

  private onInput({ target }: Event): void {
    const { name, value, checked } = target as HTMLInputElement;
    if (name === 'role') this.picked = value as RequesterRole;
    else if (name === 'consent') this.consent = checked;
    else if (name) this.values = { ...this.values, [name]: value };
    else return;
    this.edited.add(name);
    // The count of problems was true at the submit; it goes stale as the visitor fixes them.
    this.announcement = '';
    this.serverErrors = { ...this.serverErrors, [name]: undefined };
  }

  /** Suggests the scheme in an empty journal address; it is taken back on leaving if nothing was added. */
  private onFocus({ target }: FocusEvent): void {
    const input = target as HTMLInputElement;
    if (input.name === 'journalUrl' && !input.value) this.values = { ...this.values, journalUrl: (input.value = 'https://') };
  }

  private onBlur({ target }: FocusEvent): void {
    const { name, value } = target as HTMLInputElement;
    if (!name) return;
    if (name === 'journalUrl' && value === 'https://') this.values = { ...this.values, journalUrl: '' };
    // Set on the input too: the render may not see a change from what it last wrote.
    if (name === 'childClass') this.values = { ...this.values, childClass: ((target as HTMLInputElement).value = normalizeClass(value)) };
    if (!this.edited.has(name)) return;
    if (this.held) this.held.push(name);
    else this.shown = new Set(this.shown).add(name);
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.locked) return;
    // One submission at a time while it is checked and sent. Released before the page hears the
    // outcome and before focus moves: a click from then on is the visitor's next submission.
    this.locked = true;
    let focus: Field | undefined;
    let sent;
    // "Retry" goes with its alert while sending: the keyboard waits on the submit button.
    const retried = event?.type === 'click';
    if (retried) this.renderRoot.querySelector<HTMLElement>('[part~=submit]')!.focus();
    try {
      await this.shots.settled();
      const { request, errors } = this.check();
      this.shown = new Set(FIELDS);
      const invalid = FIELDS.filter((f) => errors[f]);
      this.announcement = invalid.length ? this.t('form.problems', { n: invalid.length }) : '';
      focus = invalid[0];
      if ((sent = request && emit(this, 'help-request-submit', { request, screenshots: this.shots.items.length }, { cancelable: true }))) {
        const signature = this.sign(request);
        if (signature !== this.signature) [this.key, this.signature] = [uuid(), signature];
        await this.sending.run([request]);
      }
    } finally {
      this.locked = false;
    }
    if (!sent) return focus && this.focusField(focus);
    // Sent by itself when the connection came back: focus stays where the visitor is, unless that
    // is in the form, which the outcome replaces.
    const focused = event?.type !== 'online' || this.focusedAtOutcome;
    if (this.done) {
      emit(this, 'help-request-success', this.sending.value!);
      await this.updateComplete;
      if (focused) this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
    } else {
      const { reason, status } = this.sending.error as SendError;
      emit(this, 'help-request-error', { reason, status, retryable: this.retryable });
      focus = FIELDS.find((f) => this.serverErrors[f]);
      if (focus && focused) await this.focusField(focus);
      else if (retried) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part~=alert] button')?.focus();
      }
    }
  }

  /** Forgets the sent request: the draft goes with it. */
  private clear(): void {
    this.values = {};
    this.restored = false;
    this.consent = false;
    this.shown = new Set();
    this.edited.clear();
    this.announcement = '';
    this.key = this.signature = undefined;
    this.shots.clear();
  }

  private async restart(): Promise<void> {
    this.done = undefined;
    await this.focusField(this.firstField);
  }

  /** The message under a field, if any: the endpoint's until edited, ours once the field was left. */
  private error(field: Field, errors: Errors): string | undefined {
    const error = (this.shown.has(field) && errors[field]) || this.serverErrors[field];
    return error ? (typeof error === 'string' ? error : this.t(error.key, error.params)) : undefined;
  }

  private renderError(field: Field, text: string | undefined) {
    return text ? html`<p part="error" class="error" id="e-${field}">${text}</p>` : nothing;
  }

  /** A text field; `hint` shows the message `form.<field>Hint` under the label. */
  private renderText(field: TextField, errors: Errors, { hint, required, label = `form.${field}` }: { hint?: boolean; required?: boolean; label?: MessageKey } = {}) {
    const error = this.error(field, errors);
    const describedBy = [hint && `h-${field}`, error && `e-${field}`].filter(Boolean).join(' ') || nothing;
    // What the form sends: typed, else configured.
    const value = this.values[field] ?? this.configured(field) ?? '';
    const auto = AUTOCOMPLETE[field] ?? 'off';
    return html`<div part="field" class="field">
      <label part="label" for=${field}>${this.t(label)}</label>
      ${hint ? html`<span part="hint" class="hint" id="h-${field}">${this.t(`form.${field}Hint` as MessageKey)}</span>` : nothing}
      ${field === 'description'
        ? html`<textarea part="input" class="input" id=${field} name=${field} rows="6" maxlength=${DESCRIPTION_MAX}
            ?required=${required} aria-invalid=${!!error} aria-describedby=${describedBy} .value=${value}></textarea>`
        : html`<input part="input" class="input" id=${field} name=${field} type=${auto === 'email' || auto === 'url' ? auto : 'text'}
            autocomplete=${auto} ?required=${required} aria-invalid=${!!error} aria-describedby=${describedBy} .value=${value} />`}
      ${this.renderError(field, error)}
    </div>`;
  }

  private renderSchool(errors: Errors) {
    const configured = SCHOOL.map((f) => this.configured(f)).filter(Boolean);
    const summary = configured.length && SCHOOL.every((f) => this.values[f] === undefined && !errors[f]);
    return html`<fieldset part="field">
      <legend part="label">${this.t('form.school')}</legend>
      ${summary
        ? html`<p class="summary">${configured.join(' · ')}</p>
            <button type="button" class="button link" @click=${() => this.focusField('journalUrl')}>${this.t('form.changeSchool')}</button>`
        : [
            this.renderText('journalUrl', errors, { hint: true }),
            this.renderText('name', errors),
            this.renderText('region', errors, { required: this.currentRole === 'staff' }),
          ]}
    </fieldset>`;
  }

  override render() {
    return html`<section part="base" lang=${this.resolvedLang}>
      ${this.renderConfigProblems()}
      ${this.done
        ? html`<div part="result" class="result">
            <p class="title" tabindex="-1">${this.t('form.done', { id: this.done })}</p>
            <p>${this.t('form.next')}</p>
            <button type="button" class="button" @click=${this.restart}>${this.t('form.new')}</button>
          </div>`
        : this.renderForm()}
    </section>`;
  }

  private renderForm() {
    const { errors, context } = this.check();
    const role = this.currentRole;
    const staff = role === 'staff';
    const roleError = this.error('role', errors);
    const consentError = this.error('consent', errors);
    const pending = this.sending.status === TaskStatus.PENDING;
    const a = (setting: LinkSetting, key: MessageKey) => {
      const href = this.setting(setting);
      return href ? html`<a href=${href} target="_blank" rel="noopener">${this.t(key)}</a>` : nothing;
    };
    return html`<form novalidate aria-label=${this.t('form.label')} @submit=${this.submit} @input=${this.onInput}
      @focusin=${this.onFocus} @focusout=${this.onBlur}>
      ${this.restored ? html`<p part="hint" class="hint">${this.t('form.restored')}</p>` : nothing}
      <fieldset part="field">
        <legend part="label">${this.t('form.role')}</legend>
        <div class="choices">
          ${ROLES.map(
            // On each radio, not the fieldset: the radio is what takes focus, and some screen readers say only its own state.
            (r) => html`<label class="choice"><input type="radio" name="role" value=${r} .checked=${role === r} required
              aria-invalid=${!!roleError} aria-describedby=${roleError ? 'e-role' : nothing} />${this.t(`form.${r}`)}</label>`,
          )}
        </div>
        ${this.renderError('role', roleError)}
      </fieldset>
      ${role && !staff
        ? [
            this.renderText('fullName', errors, { required: true }),
            this.renderText('childClass', errors, { hint: true, required: true, label: role === 'student' ? 'form.ownClass' : 'form.childClass' }),
          ]
        : nothing}
      ${this.renderText('email', errors, { hint: !staff, required: staff })}
      ${this.renderSchool(errors)}
      ${this.renderText('description', errors, { hint: true, required: true })}
      ${this.shots.render(!this.setting('screenshotOptional'), this.error('screenshots', errors))}
      <div part="field" class="field">
        <label class="choice">
          <input type="checkbox" name="consent" required .checked=${this.consent} aria-invalid=${!!consentError}
            aria-describedby=${consentError ? 'e-consent' : nothing} />${this.t('form.consent')}
        </label>
        <span class="links">${a('consentUrl', 'form.consentText')} ${a('privacyPolicyUrl', 'form.privacy')}</span>
        ${this.renderError('consent', consentError)}
      </div>
      <details part="context" class="context">
        <summary>${this.t('form.context')}</summary>
        <dl>${Object.entries(context).map(([k, v]) => html`<dt>${this.t(`form.${k}` as MessageKey)}</dt><dd>${v}</dd>`)}</dl>
      </details>
      <p class="hint">${this.t('form.notAppeal')} ${a('appealsUrl', 'form.appeals')}</p>
      <div class="actions">
        <button part="submit" class="button" type="submit" aria-disabled=${pending}>${this.t('form.submit')}</button>
        <p part="status" class="status" role="status">
          ${pending
            ? this.attempt
              ? this.t('form.retrying', { n: this.attempt, of: retryPolicy.retries })
              : this.t('form.sending')
            : this.announcement}
        </p>
      </div>
      ${this.sending.render({
        error: (error) => {
          const { reason, after, issues, refused, blocked } = error as SendError;
          const { unmarked, retryable } = this;
          return html`<div part="alert" class="alert" role="alert">
            <p>
              ${this.t(refused || blocked ? 'form.refused' : `form.failed.${unmarked ? 'unexpected' : reason}`, { n: this.shots.items.length })}
              ${unmarked ? issues.map(({ message }) => (message = String(message ?? '')) && `${message}${/[.!?…]$/.test(message) ? '' : '.'} `) : nothing}
              ${retryable
                ? after >= 60_000
                  ? this.t('form.keptFor', { n: Math.ceil(after / 60_000) })
                  : // The browser knows it is offline, so it will say when it is back (see online()).
                    this.t(reason === 'network' && !navigator.onLine ? 'form.keptOffline' : 'form.kept')
                : nothing}
            </p>
            ${retryable ? html`<button type="button" class="button secondary" @click=${this.submit}>${this.t('common.retry')}</button>` : nothing}
          </div>`;
        },
      })}
    </form>`;
  }
}
