import { useEffect } from 'react';
import type { EnvironmentView } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';
import { useSelectedEnvironment } from '../environments/environments-store';
import { RotationStartForm } from './rotation-start-form';
import { subscribeRotationEvents, useRotation } from './rotation-store';
import { RotationWizard } from './rotation-wizard';
import './rotation.css';
import { SafeText } from '../../components/safe-text';

/** The wizard or the start form of one environment's rotation. */
function RotationBody({ environment }: { environment: EnvironmentView }) {
  const { rotation, loading, loadError, environmentId, requested, load } = useRotation();
  const current = environmentId === environment.id;
  if (loadError && current) {
    return <ErrorView error={loadError} onRetry={() => void load(environment.id)} />;
  }
  if (!current || (loading && rotation === null)) {
    return <p className="muted">Loading the rotation state…</p>;
  }
  if (rotation === null) return <RotationStartForm environment={environment} />;
  const other =
    requested?.environmentId === environment.id && requested.clientId !== rotation.old.clientId;
  return (
    <>
      {other && rotation.step !== 'done' && rotation.step !== 'cancelled' && (
        <p className="callout callout-warning" role="status">
          A rotation of <SafeText text={rotation.old.name} /> is already in progress in{' '}
          <SafeText text={environment.name} />: finish or cancel it before rotating another
          credential.
        </p>
      )}
      <RotationWizard key={rotation.id} environment={environment} rotation={rotation} />
    </>
  );
}

/** The Rotation tab: create, verify, switch, hand over, watch, revoke, summary; resumable at any step. */
export function RotationPanel() {
  const environment = useSelectedEnvironment();
  const load = useRotation((state) => state.load);
  const environmentId = environment?.id ?? null;
  useEffect(() => {
    if (environmentId) void load(environmentId);
  }, [environmentId, load]);
  useEffect(() => subscribeRotationEvents(), []);

  if (!environment) {
    return (
      <section className="empty-state">
        <h2>No environment</h2>
        <p>Add an environment to rotate its credentials.</p>
      </section>
    );
  }
  return (
    <section className="rotation-panel" aria-labelledby="rotation-heading">
      <div className="panel-toolbar">
        <h2 id="rotation-heading" className="panel-title">
          Rotate a credential
        </h2>
      </div>
      <RotationBody environment={environment} />
    </section>
  );
}
