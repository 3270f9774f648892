import { CreateCredentialFlow } from '../features/credentials/create-credential-flow';
import { EnvironmentForm } from '../features/environments/environment-form';
import { useEnvironments } from '../features/environments/environments-store';
import { RemoveEnvironmentDialog } from '../features/environments/remove-environment-dialog';
import { useShell } from './shell-store';

/**
 * Renders the one flow the shell has open; each keeps its form (and any secret) in local state
 * only. A flow is bound to the environment it opened for, so switching meanwhile never drops it.
 */
export function ShellDialogs() {
  const dialog = useShell((state) => state.dialog);
  const close = useShell((state) => state.closeDialog);
  const env = useEnvironments(
    (state) => state.environments.find((item) => item.id === dialog?.environmentId) ?? null,
  );
  if (!dialog) return null;
  if (dialog.kind === 'add-environment')
    return <EnvironmentForm environment={null} onClose={close} />;
  if (!env) return null;
  switch (dialog.kind) {
    case 'edit-environment':
      return <EnvironmentForm key={env.id} environment={env} onClose={close} />;
    case 'remove-environment':
      return <RemoveEnvironmentDialog environment={env} onClose={close} />;
    case 'create-credential':
      return <CreateCredentialFlow environment={env} onClose={close} />;
  }
}
