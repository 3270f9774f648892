import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { CREDENTIAL_BACKEND_TRAITS } from '@shared/credential-backends';
import { useShell } from '../../app/shell-store';
import { AwaitingConfirmation, type MainConfirmed } from '../../components/awaiting-confirmation';
import type { CredentialView } from '../../lib/domain';
import { ErrorView } from '../../components/error-view';
import { SafeText, safeLabel } from '../../components/safe-text';
import { Segmented } from '../../components/segmented';
import { useSelectedEnvironment } from '../environments/environments-store';
import { queryCredentials, type StatusFilter } from './credential-query';
import { CredentialDetails } from './credential-details';
import { CredentialsTable } from './credentials-table';
import { ListStatus } from './list-status';
import { useSkewMs } from '../fleet/fleet-store';
import { useCredentials } from './credentials-store';
import { PendingRegistrations } from './pending-registrations';
import { RenameDialog } from './rename-dialog';
import { RevokeDialog, RevokeFailureHint, revokedNotice } from './revoke-dialog';
import './credentials.css';

const FILTERS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'all', label: 'All' },
];

/**
 * The Credentials tab: the active environment's credentials with filter, search, sort, create and
 * revoke. Creating and rotating open flows the shell owns: the panel asks through `onCreate` and
 * `onRotate`.
 */
export function CredentialsPanel({
  onCreate,
  onRotate,
}: {
  onCreate: (environmentId: string) => void;
  onRotate?: (environmentId: string, credential: CredentialView) => void;
}) {
  const environment = useSelectedEnvironment();
  const store = useCredentials();
  const [details, setDetails] = useState<CredentialView | null>(null);
  const [renaming, setRenaming] = useState<CredentialView | null>(null);
  const [revoking, setRevoking] = useState<CredentialView | null>(null);
  const [revokingInMain, setRevokingInMain] = useState<MainConfirmed<CredentialView> | null>(null);
  const [notice, setNotice] = useState<{ environmentId: string; text: string } | null>(null);
  const search = useDeferredValue(store.search);
  const { load } = store;
  const environmentId = environment?.id ?? null;
  const skewMs = useSkewMs(environmentId);

  useEffect(() => {
    if (environmentId) void load(environmentId);
  }, [environmentId, load]);

  // A rotation's switch (or an edit) changes the active credential: the "in use" mark follows it
  // at once rather than after the next list.
  const activeClientId = environment?.activeClientId ?? null;
  const { markInUse } = store;
  useEffect(() => {
    if (activeClientId !== null && useCredentials.getState().environmentId === environmentId)
      markInUse(activeClientId);
  }, [environmentId, activeClientId, markInUse]);

  const rows = useMemo(
    () => queryCredentials(store.items, { status: store.status, search, sort: store.sort }),
    [store.items, store.status, search, store.sort],
  );

  if (!environment) {
    return (
      <section className="empty-state">
        <h2>No environment</h2>
        <p>Add an environment to see and manage its credentials.</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => useShell.getState().openDialog('add-environment')}
        >
          Add your first environment
        </button>
      </section>
    );
  }

  /** Production: main asks the person in its own window (typed client_id tail); the app asks nothing. */
  const revokeInMain = async (credential: CredentialView) => {
    const environmentId = environment.id;
    setRevokingInMain({ subject: credential, error: null });
    const result = await store.revoke(environmentId, credential);
    if (result.ok) {
      setNotice({ environmentId, text: revokedNotice(credential, result.value) });
      void store.refresh();
    }
    // A "no" in main's window needs no word here: nothing was done, and the person knows.
    const failed = !result.ok && result.error.kind !== 'cancelled';
    setRevokingInMain(failed ? { subject: credential, error: result.error } : null);
  };
  const production = environment.kind === 'production';
  const onRevoke = production
    ? (credential: CredentialView) => void revokeInMain(credential)
    : setRevoking;
  const onRotateCredential =
    onRotate && ((credential: CredentialView) => onRotate(environment.id, credential));
  const dcr = environment.credentialBackend === 'dcr';

  const showTable = store.items.length > 0 && store.environmentId === environment.id;
  return (
    <section className="credentials-panel" aria-labelledby="credentials-heading">
      <div className="panel-toolbar">
        <h2 id="credentials-heading" className="panel-title">
          Credentials
        </h2>
        <Segmented
          label="Status filter"
          name="credential-status"
          segments={FILTERS}
          value={store.status}
          onChange={store.setStatus}
        />
        <input
          type="search"
          className="input search"
          aria-label="Search by name or client_id"
          placeholder="Search name or client_id"
          value={store.search}
          onChange={(event) => store.setSearch(event.target.value)}
        />
        <span className="toolbar-spacer" />
        <ListStatus
          shown={rows.length}
          total={store.items.length}
          loading={store.loading}
          loadedAt={store.loadedAt}
          snapshotAt={store.snapshotAt}
        />
        <button
          type="button"
          className="button"
          onClick={() => void store.refresh()}
          disabled={store.loading}
          aria-busy={store.loading}
        >
          Refresh
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => onCreate(environment.id)}
        >
          {dcr ? 'Register client' : 'New credential'}
        </button>
      </div>
      {notice?.environmentId === environment.id && (
        <p className="notice" role="status">
          {notice.text}{' '}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <PendingRegistrations environment={environment} />
      {store.error && <ErrorView error={store.error} onRetry={() => void store.refresh()} />}
      {store.loading && !showTable && (
        <div className="table-placeholder" aria-busy="true">
          {dcr
            ? `Reading the registered clients at ${environment.registrationUrl ?? environment.baseUrl}…`
            : `Loading credentials from ${environment.baseUrl}…`}
        </div>
      )}
      {!store.loading && !store.error && store.loadedAt !== null && store.items.length === 0 && (
        <div className="table-placeholder">
          <p>
            {dcr ? 'No client registered by Keysmith in ' : 'No credentials in '}
            <SafeText text={environment.name} /> yet.
          </p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => onCreate(environment.id)}
          >
            {dcr ? 'Register the first client' : 'Create the first credential'}
          </button>
        </div>
      )}
      {showTable && (
        <>
          <CredentialsTable
            rows={rows}
            total={store.items.length}
            label={`Credentials of ${safeLabel(environment.name)}`}
            sort={store.sort}
            onSort={store.sortBy}
            skewMs={skewMs}
            onDetails={setDetails}
            onRevoke={onRevoke}
            onRotate={onRotateCredential}
          />
          {rows.length === 0 && (
            <p className="table-placeholder">No credential matches this filter and search.</p>
          )}
        </>
      )}
      {details && (
        <CredentialDetails
          credential={details}
          onClose={() => setDetails(null)}
          onRevoke={onRevoke}
          onRotate={onRotateCredential}
          onRename={
            CREDENTIAL_BACKEND_TRAITS[environment.credentialBackend].renames
              ? setRenaming
              : undefined
          }
        />
      )}
      {renaming && (
        <RenameDialog
          environment={environment}
          credential={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={(text) => setNotice({ environmentId: environment.id, text })}
        />
      )}
      {revokingInMain && (
        <AwaitingConfirmation
          title={`${revokingInMain.subject.registration ? 'Delete' : 'Revoke'} ${safeLabel(revokingInMain.subject.name)}?`}
          names={[{ what: 'The credential name', text: revokingInMain.subject.name }]}
          error={revokingInMain.error}
          errorHint={
            revokingInMain.error && (
              <RevokeFailureHint
                error={revokingInMain.error}
                onRefresh={() => void store.refresh().then(() => setRevokingInMain(null))}
              />
            )
          }
          onClose={() => setRevokingInMain(null)}
        />
      )}
      {revoking && (
        <RevokeDialog
          environment={environment}
          credential={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={(text) => setNotice({ environmentId: environment.id, text })}
        />
      )}
    </section>
  );
}
