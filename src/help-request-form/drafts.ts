import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What is kept: plain strings (the typed text, never the screenshots). */
export type Draft = Record<string, string>;

export interface DraftAccess {
  /** Whose draft it is: forms with different keys never share one. */
  key(): string;
  /** What to keep now; undefined when nothing is worth keeping. */
  read(): Draft | undefined;
  restore(draft: Draft): void;
}

/**
 * Keeps part of the form's state in `sessionStorage` as it changes (`name`: `draft` for the typed
 * text, `done` for the number of the request just accepted), so a reload or a crashed tab loses
 * nothing; `sessionStorage` (not `localStorage`) so that a shared school computer forgets it when
 * the browser is closed. Storage may be unavailable (private modes, policies): then the form
 * simply works without it.
 */
export class DraftController implements ReactiveController {
  private key?: string;
  private saved?: string | null;

  constructor(
    host: ReactiveControllerHost,
    private readonly name: 'draft' | 'done',
    private readonly access: DraftAccess,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const key = `journal-help-widgets:${this.name}:${this.access.key()}`;
    if (key === this.key) return;
    this.key = key;
    try {
      this.saved = sessionStorage.getItem(key);
      if (this.saved) this.access.restore(JSON.parse(this.saved) as Draft);
    } catch {
      // Unreadable or unavailable storage: start empty.
    }
  }

  hostUpdated(): void {
    const draft = this.access.read();
    const text = draft ? JSON.stringify(draft) : null;
    if (text === this.saved) return;
    this.saved = text;
    try {
      if (text) sessionStorage.setItem(this.key!, text);
      else sessionStorage.removeItem(this.key!);
    } catch {
      // Full or unavailable storage: the form works without it.
    }
  }
}
