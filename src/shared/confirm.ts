/**
 * The confirmations main asks a person on its own trusted surface (a separate window with its own
 * page and preload), never through the app's page: their shape, the trusted page's bridge and the
 * rule for the typed phrase, shared by main (which re-checks it) and the trusted page.
 */

import type { EnvironmentKind } from './environment';

/** The actions main asks a person to confirm itself, whatever the page asked for. */
export type ConfirmAction =
  | 'credential.create'
  | 'credential.revoke'
  | 'credential.rename'
  | 'credential.dismiss-pending'
  | 'environment.remove'
  | 'environment.rebind'
  | 'rotation.create'
  | 'rotation.revoke-old'
  | 'rotation.cancel-revoke-new'
  | 'token.reveal'
  | 'jwks.fetch'
  | 'client-key.generate'
  | 'client-key.remove';

/** The environment a confirmation is about, as the person knows it. */
export interface ConfirmEnvironment {
  readonly id: string;
  readonly name: string;
  readonly kind: EnvironmentKind;
}

/** One question main asks a person, on a surface that page script can neither read nor answer. */
export interface ConfirmRequest {
  readonly action: ConfirmAction;
  /** One line naming the action and the environment, e.g. "Revoke a credential in Payments". */
  readonly title: string;
  /** What will happen, in plain words. */
  readonly detail: string;
  readonly environment: ConfirmEnvironment | null;
  /** The client_id or URL the action touches, shown verbatim. */
  readonly subject: string | null;
  /** The label of the button that goes ahead ("Revoke", "Reveal token"). */
  readonly confirmLabel: string;
  /** When set, the person types this (e.g. the last 6 characters of a client_id) to go ahead. */
  readonly typeToConfirm: string | null;
  /** A warning that deserves more attention than the detail (an old key still in use, say). */
  readonly warning?: string;
}

/** What the trusted confirmation page gets as `window.keysmithConfirm` from its own preload. */
export interface KeysmithConfirmBridge {
  /** The question this window was opened for (null once it was answered). */
  request(): Promise<ConfirmRequest | null>;
  /** Answers it; main checks the typed phrase again and closes the window. */
  answer(confirmed: boolean, typed: string): Promise<void>;
}

/**
 * The two IPC channels of the trusted confirmation window. They are not in the page contract:
 * the app's page cannot name them, and main accepts them only from that window's own page.
 */
export const CONFIRM_WINDOW_CHANNELS = {
  request: 'keysmith-confirm:request',
  answer: 'keysmith-confirm:answer',
} as const;

/** Tells whether what the person typed is the phrase a request asks for (surrounding spaces aside). */
export function typedPhraseMatches(expected: string | null, typed: unknown): boolean {
  if (expected === null) return true;
  return typeof typed === 'string' && expected !== '' && typed.trim() === expected;
}
