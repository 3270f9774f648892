import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import type { ChannelOutput } from '@shared/ipc/contract';
import type { EnvironmentView } from '../../lib/domain';
import { invoke } from '../../lib/ipc';
import {
  environmentFields,
  secretHeaderValues,
  type EnvironmentFormValues,
} from './environment-form-model';
import { useEnvironments } from './environments-store';

/** The initial access token change an edit asks for: a new one, deletion, or none. */
function initialAccessTokenChange(values: EnvironmentFormValues): string | null | undefined {
  if (values.forgetInitialAccessToken) return null;
  return values.initialAccessToken === '' ? undefined : values.initialAccessToken;
}

/** Adds the environment the form describes; main proves a pasted secret, or makes a key. */
export function addEnvironment(
  values: EnvironmentFormValues,
  saveUnverified: boolean,
): Promise<Result<ChannelOutput<'environments:add'>>> {
  const usesKey = values.clientAuth === 'private_key_jwt';
  return useEnvironments.getState().add({
    ...environmentFields(values),
    secretHeaderValues: secretHeaderValues(values),
    clientId: values.clientId.trim(),
    ...(usesKey ? { clientKeyAlg: values.clientKeyAlg } : { clientSecret: values.clientSecret }),
    ...(values.initialAccessToken === '' ? {} : { initialAccessToken: values.initialAccessToken }),
    saveUnverified,
  });
}

/**
 * Saves an edit: the settings (with secret header values and the initial access token), then a
 * newly pasted secret, then the switch of credential. A private_key_jwt client_id without a key
 * gets one made first (production asks in main's own window).
 */
export async function saveEdits(
  environment: EnvironmentView,
  values: EnvironmentFormValues,
): Promise<AppError | null> {
  const store = useEnvironments.getState();
  // Secret header values first: a pasted secret is then proven with them, at the new endpoint.
  const updated = await store.update({
    id: environment.id,
    patch: environmentFields(values),
    secretHeaderValues: secretHeaderValues(values),
    initialAccessToken: initialAccessTokenChange(values),
  });
  if (!updated.ok) return updated.error;
  const clientId = values.clientId.trim();
  if (values.clientSecret !== '') {
    const stored = await store.storeSecret({
      id: environment.id,
      clientId,
      clientSecret: values.clientSecret,
    });
    if (!stored.ok) return stored.error;
  }
  if (clientId !== '' && clientId !== environment.activeClientId) {
    if (values.clientAuth === 'private_key_jwt') {
      const target = { environmentId: environment.id, clientId };
      const existing = await invoke('client-keys:get', target);
      if (!existing.ok) return existing.error;
      if (existing.value.key === null) {
        const made = await invoke('client-keys:generate', { ...target, alg: values.clientKeyAlg });
        if (!made.ok) return made.error;
      }
    }
    const switched = await store.setActiveCredential(environment.id, clientId);
    if (!switched.ok) return switched.error;
  }
  return null;
}
