import { useState } from 'react';
import { AwaitingConfirmation, type MainConfirmed } from '../components/awaiting-confirmation';
import { WarningIcon } from '../components/icons';
import { SafeText, safeLabel } from '../components/safe-text';
import { KIND_LABELS } from '../features/environments/env-colour';
import { EnvironmentMarks } from '../features/environments/environment-list';
import {
  useEnvironments,
  useSelectedEnvironment,
} from '../features/environments/environments-store';
import type { EnvironmentView } from '../lib/domain';
import { useShell } from './shell-store';

/** The active environment, always visible in its colour; production is loud and cannot be mistaken. */
export function EnvBanner() {
  const env = useSelectedEnvironment();
  const openDialog = useShell((state) => state.openDialog);
  const removeEnvironment = useEnvironments((state) => state.remove);
  const [removing, setRemoving] = useState<MainConfirmed<EnvironmentView> | null>(null);

  /** Production: main asks the person in its own window (typed name); the app asks nothing. */
  const removeInMain = async (environment: EnvironmentView) => {
    setRemoving({ subject: environment, error: null });
    const result = await removeEnvironment(environment.id);
    const failed = !result.ok && result.error.kind !== 'cancelled';
    setRemoving(failed ? { subject: environment, error: result.error } : null);
  };
  const awaiting = removing && (
    <AwaitingConfirmation
      title={`Remove ${removing.subject.name}?`}
      error={removing.error}
      onClose={() => setRemoving(null)}
    />
  );

  if (!env) {
    return (
      <div className="env-banner env-banner-none">
        <div role="status" aria-label="Active environment">
          No environment selected
        </div>
        {awaiting}
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
        <SafeText text={env.name} className="env-banner-name" withTitle />
        <span className="env-banner-url" title={safeLabel(env.baseUrl)}>
          {safeLabel(env.baseUrl)}
        </span>
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
          Edit<span className="banner-button-more"> environment</span>
        </button>
        <button
          type="button"
          className="banner-button"
          onClick={() =>
            production ? void removeInMain(env) : openDialog('remove-environment', env.id)
          }
        >
          Remove<span className="banner-button-more"> environment</span>
        </button>
      </div>
      {awaiting}
    </div>
  );
}
