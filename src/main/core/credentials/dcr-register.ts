import type { Environment, NewCredential } from '../../../shared/domain';
import { AppFailure, toAppError, type AppError } from '../../../shared/errors';
import type { BackendCapture } from './credential-backend';
import {
  deleteClient,
  registerClient,
  type ClientInformation,
  type ClientMetadata,
} from './dcr-client';
import { clientCredential } from './dcr-view';
import type { DcrDeps } from './dcr-deps';
import { instanceOf } from './seed-api-backend';

/** Whether two URLs share an origin (false when either does not parse). */
function sameOrigin(a: string, b: string | null): boolean {
  try {
    return b !== null && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Removes every keychain item of a client (registration access token, secret, private key). */
export async function forgetLocally(
  deps: DcrDeps,
  environment: Environment,
  clientId: string,
  provisional: string | null,
): Promise<void> {
  await deps.registrationTokens.delete(environment.id, clientId).catch(() => undefined);
  await deps.secrets.deleteClientSecret(environment.id, clientId).catch(() => false);
  await deps.clientKeys.remove(environment, clientId).catch(() => undefined);
  if (provisional !== null)
    await deps.clientKeys.remove(environment, provisional).catch(() => undefined);
}

/** The keychain id a private key is generated under before the server assigns the client_id. */
export function provisionalKeyId(key: string): string {
  return `pending-${key}`;
}

/** What to look for, and what not to do, when a registration's outcome is unknown. */
function mayExist(name: string, host: string): string {
  return (
    `The server may have registered it: check ${host}’s console for a client named “${name}”. ` +
    'Keysmith does not send the registration again (that could make a second client); it lists it as a pending registration until you dismiss it.'
  );
}

/** The environment's registration endpoint, or a validation error on that field. */
function registrationUrlOf(environment: Environment): string {
  if (environment.registrationUrl === null) {
    const detail = 'Enter the registration endpoint (RFC 7591) to create clients through DCR.';
    throw new AppFailure({
      kind: 'validation',
      message: `“${environment.name}” has no registration endpoint. ${detail}`,
      errors: [{ param: 'registrationUrl', detail }],
    });
  }
  return environment.registrationUrl;
}

/** Refuses a create whose earlier try (same key, or same name) may have registered a client. */
async function refuseUnknownOutcome(
  deps: DcrDeps,
  environment: Environment,
  key: string,
  name: string,
): Promise<void> {
  const pending = await deps.registry.pending(environment.id);
  const earlier = pending.find((entry) => entry.id === key || entry.name === name);
  if (earlier === undefined) return;
  const host = new URL(registrationUrlOf(environment)).host;
  throw new AppFailure({
    kind: 'conflict',
    message:
      `A registration of “${earlier.name}” sent ${new Date(earlier.startedAt).toISOString()} has no known outcome. ${mayExist(earlier.name, host)} ` +
      'Dismiss it once you have checked, then create again.',
  });
}

/** A create the server already answered (same key): the stored secret, read back, never a new client. */
async function replay(
  deps: DcrDeps,
  environment: Environment,
  key: string,
): Promise<BackendCapture | null> {
  const registered = await deps.registry.byKey(environment.id, key);
  if (registered === null) return null;
  const secret =
    registered.authMethod === 'private_key_jwt'
      ? null
      : await deps.secrets.read(environment, registered.clientId).catch(() => null);
  if (registered.authMethod !== 'private_key_jwt' && secret === null) {
    throw new AppFailure({
      kind: 'conflict',
      message: `${registered.clientId} was registered by this create, but the keychain no longer holds its secret: delete it and create a new one.`,
    });
  }
  const credential = clientCredential(
    registered,
    { state: 'registered', client: { client_id: registered.clientId } },
    deps.now(),
  );
  return { credential, clientSecret: secret, replayed: true };
}

/** The metadata a client-credentials client is registered with (RFC 7591 §2). */
function metadataOf(environment: Environment, name: string, jwk: object | null): ClientMetadata {
  return {
    client_name: name,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: environment.clientAuth,
    ...(jwk === null ? {} : { jwks: { keys: [jwk] } }),
  };
}

/**
 * RFC 7591 create: records the attempt before sending (DCR has no idempotency key), registers
 * once, then keeps the registration access token and the client secret in the keychain (read
 * back) and the client in the registry. An answer that never arrives leaves the pending entry
 * for the person to check and dismiss: the registration is never sent again by itself.
 */
export async function registerDcrClient(
  deps: DcrDeps,
  environment: Environment,
  input: NewCredential,
  options: { readonly idempotencyKey?: string },
): Promise<BackendCapture> {
  const registrationUrl = registrationUrlOf(environment);
  if (input.expiresAt !== null) {
    const detail =
      'The server decides when a registered client’s secret expires: leave the expiry empty.';
    throw new AppFailure({
      kind: 'validation',
      message: detail,
      errors: [{ param: 'expiresAt', detail }],
    });
  }
  const key = options.idempotencyKey ?? deps.newId();
  const replayed = await replay(deps, environment, key);
  if (replayed !== null) return replayed;
  await refuseUnknownOutcome(deps, environment, key, input.name);
  const host = new URL(registrationUrl).host;
  const initialAccessToken = await deps.initialAccessToken(environment);
  const withKey = environment.clientAuth === 'private_key_jwt';
  const provisional = provisionalKeyId(key);
  const publicKey = withKey
    ? await deps.clientKeys.generate(environment, provisional, input.keyAlgorithm ?? 'ES256')
    : null;
  const startedAt = deps.now();
  await deps.registry.beginPending({
    id: key,
    environmentId: environment.id,
    name: input.name,
    startedAt,
    clientId: null,
    reason: 'Sent; Keysmith has no record of an answer (it may have stopped while waiting).',
  });
  const audit = (outcome: string, extra: { clientId?: string; error?: AppError } = {}) =>
    deps.auditRecorder.record({
      environmentId: environment.id,
      action: 'credential.register',
      clientId: extra.clientId,
      idempotencyKey: key,
      instance: extra.error ? instanceOf(extra.error) : undefined,
      outcome,
    });
  let info: ClientInformation;
  try {
    info = await registerClient(
      registrationUrl,
      metadataOf(environment, input.name, publicKey?.jwk ?? null),
      initialAccessToken,
      { fetch: deps.fetch, timeoutMs: deps.timeoutMs, clientAuth: environment.clientAuth },
    );
  } catch (error) {
    const appError = toAppError(error);
    // Only a 4xx answer says no: a 2xx whose body could not be read, a redirect or a 5xx may
    // have registered the client.
    const refused =
      appError.kind === 'problem' &&
      appError.problem.status >= 400 &&
      appError.problem.status < 500;
    if (refused || appError.kind === 'rate-limited') {
      // The server answered no: nothing was registered.
      await deps.registry.dropPending(environment.id, key);
      if (publicKey !== null)
        await deps.clientKeys.remove(environment, provisional).catch(() => undefined);
      await audit(`failed: ${appError.kind}`, { error: appError });
      throw error;
    }
    const message = `The registration of “${input.name}” was sent to ${host}, but ${appError.kind === 'problem' ? 'its answer could not be used' : 'its answer was lost'} (${appError.message}) ${mayExist(input.name, host)}`;
    await deps.registry.updatePending(key, { clientId: null, reason: appError.message });
    await audit(`outcome unknown: ${appError.kind}`, { error: appError });
    throw new AppFailure({ ...appError, message } as AppError);
  }
  return keepRegistered(deps, environment, {
    key,
    name: input.name,
    info,
    provisional: withKey ? provisional : null,
    host,
    audit,
  });
}

/** Keeps what the server answered: tokens and secret in the keychain, the client in the registry. */
async function keepRegistered(
  deps: DcrDeps,
  environment: Environment,
  sent: {
    readonly key: string;
    readonly name: string;
    readonly info: ClientInformation;
    readonly provisional: string | null;
    readonly host: string;
    readonly audit: (outcome: string, extra?: { clientId?: string }) => Promise<unknown>;
  },
): Promise<BackendCapture> {
  const { info, key } = sent;
  const clientId = info.client_id;
  const manageable =
    info.registration_access_token !== undefined &&
    info.registration_client_uri !== undefined &&
    sameOrigin(info.registration_client_uri, environment.registrationUrl);
  /** A client Keysmith cannot keep: deleted again at once when it can be, else left for the person. */
  const unusable = async (why: string): Promise<never> => {
    const undone =
      manageable &&
      (await deleteClient(info.registration_client_uri!, info.registration_access_token!, {
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
      }).then(
        () => true,
        () => false,
      ));
    if (undone) {
      await deps.registry.dropPending(environment.id, key);
      await forgetLocally(deps, environment, clientId, sent.provisional);
      await sent.audit(`registered, then deleted again: ${why}`, { clientId });
      throw new AppFailure({
        kind: 'conflict',
        message: `“${sent.name}” was registered as ${clientId}, but ${why} Keysmith deleted it again at once: nothing is left at the server.`,
      });
    }
    const reason = `Registered as ${clientId}, but ${why} Delete it in ${sent.host}’s console.`;
    await deps.registry.updatePending(key, { clientId, reason });
    await sent.audit(`registered but not kept: ${why}`, { clientId });
    throw new AppFailure({
      kind: 'conflict',
      message: `“${sent.name}” was registered as ${clientId}, but ${why} Delete it in ${sent.host}’s console.`,
    });
  };
  if (info.registration_access_token === undefined || info.registration_client_uri === undefined) {
    return unusable(
      'the server gave no registration access token and configuration URI (RFC 7592), so Keysmith could not list or delete it.',
    );
  }
  if (!manageable) {
    return unusable(
      'its configuration URI is on another origin than the registration endpoint, where Keysmith sends no registration access token.',
    );
  }
  const secret = sent.provisional === null ? (info.client_secret ?? null) : null;
  if (sent.provisional === null && secret === null) {
    return unusable(`the server sent no client_secret for a ${environment.clientAuth} client.`);
  }
  try {
    await deps.registrationTokens.store(environment, clientId, info.registration_access_token);
    if (secret !== null) await deps.secrets.storeClientSecret(environment, clientId, secret, null);
    if (sent.provisional !== null)
      await deps.clientKeys.adopt(environment, sent.provisional, clientId);
  } catch (error) {
    return unusable(`the keychain did not take its secrets: ${toAppError(error).message}`);
  }
  const registered = {
    environmentId: environment.id,
    clientId,
    name: sent.name,
    clientUri: info.registration_client_uri,
    authMethod: environment.clientAuth,
    key,
    registeredAt: deps.now(),
  };
  await deps.registry.register(registered);
  await sent.audit('registered', { clientId });
  return {
    credential: clientCredential(registered, { state: 'registered', client: info }, deps.now()),
    clientSecret: secret,
    replayed: false,
  };
}
