import { ClockSkewStatus } from '../features/fleet/clock-skew-status';
import { useAppInfo } from './app-info-store';

/** The bottom line: app version, platform and whether the OS keychain is usable. */
export function StatusBar() {
  const { info, error } = useAppInfo();
  if (error) {
    return (
      <footer className="status-bar" role="contentinfo">
        <span role="alert">Could not read app info: {error.message}</span>
      </footer>
    );
  }
  if (!info) return <footer className="status-bar" role="contentinfo" aria-busy="true" />;
  return (
    <footer className="status-bar" role="contentinfo">
      <span data-testid="app-version">
        {info.name} {info.version}
      </span>
      <span data-testid="app-platform">
        {info.platform} · {info.arch}
      </span>
      {info.keychain.available ? (
        <span data-testid="keychain-status" className="keychain ok">
          Keychain: {info.keychain.backend}
        </span>
      ) : (
        <span data-testid="keychain-status" className="keychain bad" title={info.keychain.message}>
          Keychain unavailable ({info.keychain.reason}): {info.keychain.message}
        </span>
      )}
      <ClockSkewStatus />
    </footer>
  );
}
