import { WarningIcon } from '../components/icons';
import { KIND_LABELS } from '../features/environments/env-colour';
import { EnvironmentMarks } from '../features/environments/environment-list';
import { useSelectedEnvironment } from '../features/environments/environments-store';
import { useShell } from './shell-store';

/** The active environment, always visible in its colour; production is loud and cannot be mistaken. */
export function EnvBanner() {
  const env = useSelectedEnvironment();
  const openDialog = useShell((state) => state.openDialog);
  if (!env) {
    return (
      <div className="env-banner env-banner-none">
        <div role="status" aria-label="Active environment">
          No environment selected
        </div>
      </div>
    );
  }
  const production = env.kind === 'production';
  return (
    <div className={`env-banner ${production ? 'env-banner-production' : ''}`} data-kind={env.kind}>
      <div role="status" aria-label="Active environment" className="env-banner-main">
        {production && <WarningIcon />}
        {production ? (
          <span className="env-banner-kind">PRODUCTION</span>
        ) : (
          <span className="env-banner-kind-quiet">{KIND_LABELS[env.kind]}</span>
        )}
        <span className="env-banner-name">{env.name}</span>
        <span className="env-banner-url">{env.baseUrl}</span>
      </div>
      <div className="env-banner-marks">
        <EnvironmentMarks env={env} />
      </div>
      <div className="env-banner-actions">
        {(env.secretState === 'needs-proof' || env.secretHeadersToPaste.length > 0) && (
          <button
            type="button"
            className="banner-button"
            onClick={() => openDialog('edit-environment', env.id)}
          >
            Paste secret again
          </button>
        )}
        <button
          type="button"
          className="banner-button"
          onClick={() => openDialog('edit-environment', env.id)}
        >
          Edit environment
        </button>
        <button
          type="button"
          className="banner-button"
          onClick={() => openDialog('remove-environment', env.id)}
        >
          Remove environment
        </button>
      </div>
    </div>
  );
}
