import { Badge } from '../../components/badge';
import type { EnvironmentView } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';
import { SafeText } from '../../components/safe-text';
import { KindBadge } from './kind-badge';
import { environmentColour } from './env-colour';
import { useEnvironments } from './environments-store';
import './environments.css';

/** The marks shown next to an environment's name: verification, missing or unbound secret, rotation. */
export function EnvironmentMarks({ env }: { env: EnvironmentView }) {
  return (
    <>
      {env.verification === 'not-verified' && (
        <Badge tone="warning" title="The credential was saved without a successful token exchange">
          not verified
        </Badge>
      )}
      {(env.secretState === 'needs-proof' || env.secretHeadersToPaste.length > 0) && (
        <Badge
          tone="danger"
          title="The endpoint or kind changed since the secret was proven: Keysmith sends it nowhere until it is pasted again"
        >
          secret must be pasted again
        </Badge>
      )}
      {!env.hasSecret && (
        <Badge tone="danger" title="No client secret for this environment in the OS keychain">
          no secret
        </Badge>
      )}
      {env.pendingRotation && (
        <Badge tone="info" title="A credential rotation is in progress">
          rotation pending
        </Badge>
      )}
    </>
  );
}

/** The sidebar list of environments; a click switches to one. */
export function EnvironmentList({ onAdd }: { onAdd: () => void }) {
  const { environments, selectedId, loading, loaded, error, selectError, select, load } =
    useEnvironments();
  return (
    <nav className="env-nav" aria-label="Environments">
      <div className="env-nav-header">
        <h2 className="section-label">Environments</h2>
        <span className="kbd-hint" aria-hidden="true">
          Ctrl K
        </span>
      </div>
      {error && <ErrorView error={error} compact onRetry={() => void load()} />}
      {loading && !loaded && <p className="muted">Loading environments…</p>}
      {loaded && environments.length === 0 && (
        <p className="muted">
          No environments yet. Add one with the API base URL and a credential.
        </p>
      )}
      <ul className="env-list">
        {environments.map((env) => (
          <li key={env.id}>
            <button
              type="button"
              className="env-item"
              aria-current={env.id === selectedId ? 'true' : undefined}
              style={{ ['--item-colour' as string]: environmentColour(env) }}
              onClick={() => void select(env.id)}
            >
              <SafeText text={env.name} className="env-item-name" withTitle />
              <span className="env-item-meta">
                <KindBadge kind={env.kind} />
                <EnvironmentMarks env={env} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selectError && <ErrorView error={selectError} compact />}
      <button type="button" className="button button-block" onClick={onAdd}>
        <span aria-hidden="true">+</span> Add environment
      </button>
    </nav>
  );
}
