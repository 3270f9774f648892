import type { AppError, KeychainReason } from '@shared/errors';

/** A person-facing reading of an AppError: a heading, what happened and what to do. */
export interface ErrorDescription {
  readonly heading: string;
  readonly message: string;
  readonly advice?: string;
  /** Whether trying again could help (network blips, timeouts, rate limits, a locked keychain). */
  readonly retryable: boolean;
}

const KEYCHAIN_ADVICE: Record<KeychainReason, string> = {
  locked: 'Unlock your OS keychain (log in to the keyring or unlock Keychain Access), then retry.',
  denied:
    'Keysmith was refused access. Allow it in the keychain prompt (choose "Always Allow" on macOS), then retry.',
  unavailable:
    'No OS keychain is running. On Linux install and start a Secret Service (gnome-keyring or KWallet); Keysmith never stores secrets in plain files.',
  'not-found':
    'The secret is not in the keychain (it may have been deleted outside Keysmith). Store it again from the environment settings.',
  unknown: 'Check that your OS keychain is running and unlocked, then retry.',
};

/** Describes an AppError for the error view. */
export function describeError(error: AppError): ErrorDescription {
  switch (error.kind) {
    case 'problem': {
      const problem = error.problem;
      return {
        heading: problem.title || 'The API refused the request',
        message: problem.detail ?? error.message,
        retryable: problem.status >= 500,
        ...(problem.param === 'initialAccessToken'
          ? {
              advice:
                'The registration endpoint wants a valid initial access token (this one is missing, wrong or expired): enter it in the environment’s form.',
            }
          : problem.status === 401
            ? {
                advice:
                  'The credential was not accepted: check the client_id and secret, or that it has not been revoked.',
              }
            : problem.status === 403
              ? { advice: 'The credential lacks the permission for this action.' }
              : {}),
      };
    }
    case 'network':
      return {
        heading: 'Cannot reach the API',
        message: error.message,
        advice: 'Check the base URL, your connection, VPN or proxy, then retry.',
        retryable: true,
      };
    case 'timeout':
      return {
        heading: 'The API did not answer in time',
        message: `${error.message} (waited ${Math.round(error.timeoutMs / 1000)} s)`,
        advice: 'The server may be slow or unreachable. Retry in a moment.',
        retryable: true,
      };
    case 'rate-limited':
      return {
        heading: 'Too many requests',
        message: error.problem?.detail ?? error.message,
        advice: 'The API asked Keysmith to slow down.',
        retryable: true,
      };
    case 'keychain':
      return {
        heading:
          error.reason === 'locked'
            ? 'The OS keychain is locked'
            : error.reason === 'denied'
              ? 'Keychain access was denied'
              : error.reason === 'unavailable'
                ? 'No OS keychain available'
                : error.reason === 'not-found'
                  ? 'Secret not found in the keychain'
                  : 'The OS keychain failed',
        message: error.message,
        advice: KEYCHAIN_ADVICE[error.reason],
        retryable: error.reason !== 'not-found',
      };
    case 'validation':
      return {
        heading: 'Some values are not valid',
        message: error.message,
        advice: 'Fix the fields marked below and submit again.',
        retryable: false,
      };
    case 'forbidden':
      return {
        heading: 'Not allowed',
        message: error.message,
        advice: 'Keysmith refused this request for safety; this is not something a retry fixes.',
        retryable: false,
      };
    case 'cancelled':
      return {
        heading: 'Not confirmed',
        message: error.message,
        advice: 'Nothing was changed. Start the action again to be asked once more.',
        retryable: false,
      };
    case 'not-found':
      return { heading: 'Not found', message: error.message, retryable: false };
    case 'conflict':
      return { heading: 'Conflict', message: error.message, retryable: true };
    case 'internal':
      return {
        heading: 'Something went wrong inside Keysmith',
        message: error.message,
        retryable: true,
      };
  }
}
