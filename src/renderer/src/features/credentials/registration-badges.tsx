import { Badge } from '../../components/badge';
import type { CredentialView } from '../../lib/domain';

/** What the authorization server says now of a DCR client, as badges beside its name. */
export function RegistrationBadges({ credential }: { credential: CredentialView }) {
  const registration = credential.registration;
  if (registration === undefined) return null;
  return (
    <>
      {registration.state === 'unreadable' && (
        <Badge tone="warning" title={registration.detail}>
          not read now
        </Badge>
      )}
      {registration.changes.length > 0 && (
        <Badge tone="warning" title={registration.changes.join('; ')}>
          changed at the server
        </Badge>
      )}
    </>
  );
}

/** The status of a row: a DCR client the server no longer knows says so. */
export function StatusBadge({ credential }: { credential: CredentialView }) {
  if (credential.registration?.state === 'gone') {
    return (
      <Badge tone="danger" title={credential.registration.detail}>
        no longer registered
      </Badge>
    );
  }
  return (
    <Badge tone={credential.status === 'revoked' ? 'neutral' : 'ok'}>{credential.status}</Badge>
  );
}
