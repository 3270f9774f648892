import { KeyIcon } from '../../components/icons';

/** Whether Keysmith holds a credential's client_secret in the OS keychain: a key, or a dash. */
export function KeychainMark({ held }: { held: boolean }) {
  return held ? (
    <span className="secret-mark" title="Its client_secret is in the OS keychain">
      <KeyIcon />
      <span className="visually-hidden">client_secret in the keychain</span>
    </span>
  ) : (
    <span className="muted" title="Keysmith does not hold its client_secret">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">not held</span>
    </span>
  );
}
