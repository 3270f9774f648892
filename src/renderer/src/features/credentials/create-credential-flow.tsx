import { useState } from 'react';
import type { AppError } from '@shared/errors';
import type { CredentialView, EnvironmentView } from '../../lib/domain';
import { invoke } from '../../lib/ipc';
import { useEnvironments } from '../environments/environments-store';
import { CaptureDialog } from './capture-dialog';
import { CreateCredentialForm } from './create-credential-form';
import { useCredentials } from './credentials-store';
import './credentials.css';

/** The one place a new secret exists in the renderer: this component's state, until capture is confirmed. */
type Step =
  | { readonly kind: 'form'; readonly busy: boolean; readonly error: AppError | null }
  | {
      readonly kind: 'capture';
      readonly credential: CredentialView;
      readonly secret: string | null;
      readonly replayed: boolean;
    };

/** Create a credential, then capture its secret once; the capture opens only after main stored it. */
export function CreateCredentialFlow({
  environment,
  onClose,
}: {
  environment: EnvironmentView;
  onClose: () => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'form', busy: false, error: null });
  const upsert = useCredentials((state) => state.upsert);
  const markInUse = useCredentials((state) => state.markInUse);
  const refresh = useCredentials((state) => state.refresh);
  const loadPending = useCredentials((state) => state.loadPending);
  const reloadEnvironments = useEnvironments((state) => state.load);

  const create = async (
    name: string,
    expiresAt: string | null,
    keyAlgorithm?: 'ES256' | 'RS256',
  ) => {
    setStep({ kind: 'form', busy: true, error: null });
    const result = await invoke('credentials:create', {
      environmentId: environment.id,
      name,
      expiresAt,
      ...(keyAlgorithm === undefined ? {} : { keyAlgorithm }),
    });
    // A lost registration answer (DCR) is listed as pending: show it at once.
    if (!result.ok) void loadPending(environment.id);
    if (!result.ok) {
      setStep({ kind: 'form', busy: false, error: result.error });
      return;
    }
    const { credential, clientSecret, replayed } = result.value;
    if (useCredentials.getState().environmentId === environment.id) upsert(credential);
    setStep({ kind: 'capture', credential, secret: clientSecret ?? null, replayed });
  };

  const done = (madeActive: boolean) => {
    // Drop the secret before anything else happens.
    setStep({ kind: 'form', busy: false, error: null });
    if (step.kind === 'capture' && madeActive) markInUse(step.credential.clientId);
    void refresh();
    if (madeActive) void reloadEnvironments();
    onClose();
  };

  if (step.kind === 'capture') {
    return (
      <CaptureDialog
        environment={environment}
        credential={step.credential}
        secret={step.secret}
        replayed={step.replayed}
        onDone={done}
      />
    );
  }
  return (
    <CreateCredentialForm
      environment={environment}
      busy={step.busy}
      error={step.error}
      onSubmit={(name, expiresAt, keyAlgorithm) => void create(name, expiresAt, keyAlgorithm)}
      onCancel={onClose}
    />
  );
}
