import type { RegistrationState } from '../../../shared/domain';
import type { BackendCredential } from './credential-backend';
import type { ClientInformation } from './dcr-client';
import type { RegisteredClient } from './dcr-registry';

/** An epoch-seconds member as ISO 8601, or null (absent, 0 = never, or not a sane time). */
function secondsToIso(seconds: number | undefined): string | null {
  if (seconds === undefined || seconds <= 0 || !Number.isFinite(seconds)) return null;
  const ms = seconds * 1000;
  return ms > 8.64e15 ? null : new Date(ms).toISOString();
}

/** What the server changed of a client's metadata since Keysmith registered it, in words. */
export function metadataChanges(registered: RegisteredClient, now: ClientInformation): string[] {
  const changes: string[] = [];
  if (now.client_name !== undefined && now.client_name !== registered.name) {
    changes.push(`its name is now “${now.client_name}” (registered as “${registered.name}”)`);
  }
  const method = now.token_endpoint_auth_method;
  if (method !== undefined && method !== registered.authMethod) {
    changes.push(
      `it now authenticates with ${method} (registered with ${registered.authMethod}): token requests from this environment may fail`,
    );
  }
  if (now.grant_types !== undefined && !now.grant_types.includes('client_credentials')) {
    changes.push('its grant_types no longer include client_credentials: it can get no token');
  }
  return changes;
}

/** A registered client as the list shows it, from what the server said now (or could not say). */
export function clientCredential(
  registered: RegisteredClient,
  found:
    | { readonly state: 'registered'; readonly client: ClientInformation }
    | { readonly state: 'gone'; readonly status: number }
    | { readonly state: 'unreadable'; readonly detail: string },
  at: number,
): BackendCredential {
  const createdAt = new Date(registered.registeredAt).toISOString();
  const base = {
    id: registered.clientId,
    clientId: registered.clientId,
    name: registered.name,
    createdAt,
    updatedAt: new Date(at).toISOString(),
    // DCR reports no use of a client: there is no last_used_at to show.
    lastUsedAt: null,
  };
  let registration: RegistrationState;
  if (found.state === 'registered') {
    const { client } = found;
    registration = {
      state: 'registered',
      changes: metadataChanges(registered, client),
      authMethod: client.token_endpoint_auth_method ?? registered.authMethod,
    };
    return {
      ...base,
      name: client.client_name ?? registered.name,
      createdAt: secondsToIso(client.client_id_issued_at) ?? createdAt,
      status: 'active',
      expiresAt: secondsToIso(client.client_secret_expires_at),
      registration,
    };
  }
  if (found.state === 'gone') {
    registration = {
      state: 'gone',
      changes: [],
      authMethod: registered.authMethod,
      detail: `The server answered HTTP ${found.status} to a read of this client: it is no longer registered (deleted at the server, or its registration access token was revoked).`,
    };
    return { ...base, status: 'revoked', expiresAt: null, registration };
  }
  registration = {
    state: 'unreadable',
    changes: [],
    authMethod: registered.authMethod,
    detail: found.detail,
  };
  return { ...base, status: 'active', expiresAt: null, registration };
}

/** Runs `work` over the items with at most `limit` at a time, keeping their order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
