import type { ConfirmRequest } from '../../../shared/confirm';
import { AppFailure } from '../../../shared/errors';

// The request's shape is shared with the trusted confirmation page, which shows it.
export type { ConfirmAction, ConfirmEnvironment, ConfirmRequest } from '../../../shared/confirm';

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
