import type { EnvironmentKind } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';

/** The actions main asks a person to confirm itself, whatever the page asked for. */
export type ConfirmAction =
  | 'credential.create'
  | 'credential.revoke'
  | 'environment.remove'
  | 'rotation.revoke-old'
  | 'rotation.cancel-revoke-new'
  | 'token.reveal'
  | 'jwks.fetch';

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

/** The port through which core asks a person; the Electron adapter is a trusted window. */
export interface ConfirmPort {
  /** Resolves true only when the person confirmed this exact request. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** The port a host gets when it wired none: it refuses everything, so no guard is ever skipped. */
export const refuseEveryConfirmation: ConfirmPort = {
  confirm: () => Promise.resolve(false),
};

/** Asks the person; throws a `cancelled` AppFailure unless they confirmed. */
export async function requireConfirmation(
  port: ConfirmPort,
  request: ConfirmRequest,
): Promise<void> {
  // A port that fails (a window that could not open) counts as a "no", never as a "yes".
  const confirmed = await port.confirm(request).catch(() => false);
  if (confirmed !== true) {
    throw new AppFailure({
      kind: 'cancelled',
      message: `Not confirmed: ${request.title}. Nothing was done.`,
    });
  }
}
