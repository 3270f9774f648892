import type { Environment } from '../../../shared/domain';
import { requireConfirmation, type ConfirmPort, type ConfirmRequest } from './confirm-port';

/**
 * Asks the person through the port when the environment is production, and throws a `cancelled`
 * AppFailure unless they confirm. Every other kind goes ahead at once: everyday work stays fast.
 * Call it after the checks that need nothing but local state, and before anything is sent or
 * changed, so that a "no" leaves everything as it was.
 */
export async function confirmInProduction(
  port: ConfirmPort,
  environment: Pick<Environment, 'kind'>,
  request: () => ConfirmRequest,
): Promise<void> {
  if (environment.kind !== 'production') return;
  await requireConfirmation(port, request());
}
