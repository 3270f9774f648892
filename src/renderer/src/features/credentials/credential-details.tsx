import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { HiddenCharactersWarning, SafeText } from '../../components/safe-text';
import { copyText } from '../../lib/clipboard';
import type { CredentialView } from '../../lib/domain';
import { formatDateTime, formatIso, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ExpiryCell } from './expiry-cell';
import { KeychainMark } from './keychain-mark';

/** An instant as a person reads it, with the exact UTC instant beside it. */
function When({ at, now }: { at: string | null; now: number }) {
  if (at === null) return <span className="muted">never</span>;
  return (
    <>
      <time dateTime={formatIso(at)}>{formatDateTime(at)}</time>{' '}
      <span className="muted">
        ({formatRelative(at, now)}, <span className="mono">{formatIso(at)}</span>)
      </span>
    </>
  );
}

/**
 * Everything about one credential, whole: what a narrow table hides or cuts (a long name, the full
 * client_id, exact times, the keychain) is here, with its actions, one click from its row.
 */
export function CredentialDetails({
  credential,
  onClose,
  onRevoke,
  onRotate,
  onRename,
}: {
  credential: CredentialView;
  onClose: () => void;
  onRevoke: (credential: CredentialView) => void;
  onRotate?: (credential: CredentialView) => void;
  /** Given only where the backend renames at the server (DCR). */
  onRename?: (credential: CredentialView) => void;
}) {
  const now = useNow(60_000);
  const active = credential.status === 'active';
  /** Closes the details first: the action's own dialog or tab takes over. */
  const then = (action: (credential: CredentialView) => void) => () => {
    onClose();
    action(credential);
  };
  return (
    <Dialog
      title="Credential details"
      size="medium"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          {active && onRename && credential.registration?.state === 'registered' && (
            <button type="button" className="button" onClick={then(onRename)}>
              Rename…
            </button>
          )}
          {active && onRotate && (
            <button type="button" className="button" onClick={then(onRotate)}>
              Rotate…
            </button>
          )}
          {active && (
            <button type="button" className="button button-danger" onClick={then(onRevoke)}>
              Revoke…
            </button>
          )}
        </>
      }
    >
      <HiddenCharactersWarning
        names={[
          { what: 'The name', text: credential.name },
          { what: 'The client_id', text: credential.clientId },
        ]}
      />
      <dl className="details-list" aria-label="Credential">
        <dt>Name</dt>
        <dd className="long-value">
          <SafeText text={credential.name} />
        </dd>
        <dt>client_id</dt>
        <dd className="details-copy">
          <code className="long-value" data-testid="details-client-id">
            <SafeText text={credential.clientId} />
          </code>
          <CopyButton compact label="Copy client_id" copy={() => copyText(credential.clientId)} />
        </dd>
        <dt>Status</dt>
        <dd>
          <Badge tone={active ? 'ok' : 'neutral'}>{credential.status}</Badge>{' '}
          {credential.inUse && <Badge tone="info">in use by this environment</Badge>}
        </dd>
        <dt>Created</dt>
        <dd>
          <When at={credential.createdAt} now={now} />
        </dd>
        <dt>Last used</dt>
        <dd>
          <When at={credential.lastUsedAt} now={now} />
        </dd>
        <dt>Expires</dt>
        <dd>
          <ExpiryCell expiresAt={credential.expiresAt} now={now} />
          {credential.expiresAt !== null && (
            <span className="muted mono"> {formatIso(credential.expiresAt)}</span>
          )}
        </dd>
        <dt>client_secret</dt>
        <dd className="details-copy">
          <KeychainMark held={credential.secretStored} />
          <span>
            {credential.secretStored
              ? 'In the OS keychain'
              : 'Not held by Keysmith (shown once, when it was created)'}
          </span>
        </dd>
      </dl>
    </Dialog>
  );
}
