import type { HelpRequest } from '../schema/help-request.js';

/** Why a submission failed, in terms a page script can act on. */
export type FailureReason =
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate-limited'
  | 'too-large'
  | 'bad-attachment'
  | 'etiquette'
  | 'invalid'
  | 'unexpected';

export interface HelpRequestSubmitDetail {
  request: HelpRequest;
  screenshots: number;
}
export interface HelpRequestSuccessDetail {
  /** The request number the endpoint gave. */
  id: string;
  /** The endpoint's whole JSON answer. */
  response: unknown;
}
export interface HelpRequestErrorDetail {
  reason: FailureReason;
  status?: number;
  /** Whether the visitor can try again with the same submission. */
  retryable: boolean;
}
export interface HelpRequestOpenDetail {
  /** The specialist the visitor chose in `specialist-directory`, if any. */
  specialistId?: string;
  requester?: HelpRequest['role'];
}

export interface JhwEventMap {
  /** Cancelable: `preventDefault()` stops the sending. */
  'help-request-submit': CustomEvent<HelpRequestSubmitDetail>;
  'help-request-success': CustomEvent<HelpRequestSuccessDetail>;
  'help-request-error': CustomEvent<HelpRequestErrorDetail>;
  /** Asks the page's `help-request-form` to come into view and take focus. */
  'help-request-open': CustomEvent<HelpRequestOpenDetail>;
}

declare global {
  interface HTMLElementEventMap extends JhwEventMap {}
  interface DocumentEventMap extends JhwEventMap {}
}

type Detail<K extends keyof JhwEventMap> = JhwEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a typed event that crosses shadow roots; returns false when a listener cancelled it. */
export function emit<K extends keyof JhwEventMap>(
  target: EventTarget,
  type: K,
  detail: Detail<K>,
  init: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, ...init }));
}
