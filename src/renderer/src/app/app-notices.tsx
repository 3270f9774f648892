import { useSyncExternalStore } from 'react';
import { describeError } from '../lib/errors/describe-error';
import { useAppInfo } from './app-info-store';

/** Follows the OS's connectivity as the window sees it (`online` / `offline` events). */
function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the computer has a network connection now. */
function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/**
 * The window-wide states that block work before any action fails: the OS keychain locked or
 * missing (no secret can be read or stored; "Check again" probes it anew) and no network (remote
 * APIs are out of reach; the JWT debugger and a local sandbox still work).
 */
export function AppNotices() {
  const { info, loading, load } = useAppInfo();
  const online = useOnline();
  const keychain = info?.keychain;
  const locked = keychain && !keychain.available ? keychain : null;
  const description =
    locked && describeError({ kind: 'keychain', reason: locked.reason, message: locked.message });
  if (!description && online) return null;
  return (
    <div className="app-notices">
      {description && (
        <div className="app-notice app-notice-danger" role="alert" data-testid="keychain-notice">
          <p>
            <strong>{description.heading}.</strong> Keysmith can neither read nor store secrets
            until it can use the keychain: tokens, creates, rotations and copies of secrets fail.
          </p>
          <p className="muted">{description.advice}</p>
          <button
            type="button"
            className="button button-compact"
            disabled={loading}
            aria-busy={loading}
            onClick={() => void load()}
          >
            {loading ? 'Checking…' : 'Check again'}
          </button>
        </div>
      )}
      {!online && (
        <div className="app-notice app-notice-warning" role="status" data-testid="offline-notice">
          <p>
            <strong>You are offline.</strong> Remote APIs cannot be reached until the connection is
            back; the JWT debugger and a local sandbox keep working.
          </p>
        </div>
      )}
    </div>
  );
}
