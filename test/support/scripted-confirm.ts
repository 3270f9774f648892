import type { ConfirmPort, ConfirmRequest } from '../../src/main/core/confirm/confirm-port';

/**
 * STAND-IN for the person at the trusted confirmation window, for tests in plain Node: answers
 * each request as scripted and records every request main made.
 */
export interface ScriptedConfirm extends ConfirmPort {
  /** Every request main asked, in order. */
  readonly requests: ConfirmRequest[];
  /** Sets the answer to every later request (default: decline). */
  answer(confirmed: boolean | ((request: ConfirmRequest) => boolean)): void;
}

/** A ConfirmPort whose answers a test scripts. */
export function createScriptedConfirm(
  initial: boolean | ((request: ConfirmRequest) => boolean) = false,
): ScriptedConfirm {
  let decide = typeof initial === 'function' ? initial : () => initial;
  const requests: ConfirmRequest[] = [];
  return {
    requests,
    answer(confirmed) {
      decide = typeof confirmed === 'function' ? confirmed : () => confirmed;
    },
    confirm(request) {
      requests.push(request);
      return Promise.resolve(decide(request));
    },
  };
}
