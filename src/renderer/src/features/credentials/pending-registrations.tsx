import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { ErrorView } from '../../components/error-view';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime } from '../../lib/format';
import { useCredentials } from './credentials-store';

/**
 * Registrations whose answer never arrived (DCR has no idempotency key, so Keysmith never sends
 * them again): each may exist at the server. The person checks its console for the client name,
 * then dismisses the entry (in production main asks first).
 */
export function PendingRegistrations({ environment }: { environment: EnvironmentView }) {
  const pending = useCredentials((state) => state.pending);
  const shownFor = useCredentials((state) => state.environmentId);
  const dismissPending = useCredentials((state) => state.dismissPending);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (shownFor !== environment.id || pending.length === 0) return null;

  const dismiss = async (id: string) => {
    setBusy(id);
    setError(null);
    const result = await dismissPending(environment.id, id);
    setBusy(null);
    if (!result.ok && result.error.kind !== 'cancelled') setError(result.error);
  };

  return (
    <section className="callout callout-warning" aria-label="Pending registrations">
      <p>
        <strong>
          {pending.length === 1
            ? 'A registration may have been made at the server'
            : `${pending.length} registrations may have been made at the server`}
        </strong>
        : Keysmith sent {pending.length === 1 ? 'it' : 'them'} but never got the answer, and does
        not send a registration again by itself (that could make a second client).
      </p>
      <ul>
        {pending.map((entry) => (
          <li key={entry.id} data-pending-id={entry.id}>
            “{entry.name}”, sent {formatDateTime(entry.startedAt)}
            {entry.clientId !== null && (
              <>
                {' '}
                as <code>{entry.clientId}</code>
              </>
            )}
            : check the server’s console for a client named “{entry.name}” and delete it there if
            you do not want it. <span className="muted small">{entry.reason}</span>{' '}
            <button
              type="button"
              className="button button-compact"
              aria-label={`Dismiss the pending registration of ${entry.name}`}
              disabled={busy !== null}
              aria-busy={busy === entry.id}
              onClick={() => void dismiss(entry.id)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
      {error && <ErrorView error={error} compact />}
    </section>
  );
}
