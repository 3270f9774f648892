import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { PendingRegistration } from '../../../shared/domain';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../../../shared/environment';
import { AppFailure } from '../../../shared/errors';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-file';
import { parseJsonFile } from '../files/json-file';
import { createSerialQueue } from '../files/serial-queue';

/** A client this app registered through DCR: where to manage it, never a secret or a token. */
export interface RegisteredClient {
  readonly environmentId: string;
  readonly clientId: string;
  /** The client_name sent at registration. */
  readonly name: string;
  /** RFC 7592 client configuration endpoint (not a secret: the token to use it is in the keychain). */
  readonly clientUri: string;
  /** The token_endpoint_auth_method sent at registration. */
  readonly authMethod: ClientAuthMethod;
  /** The key of the create that made it (the rotation wizard's Idempotency-Key, or a fresh one). */
  readonly key: string;
  /** Epoch ms when the answer arrived. */
  readonly registeredAt: number;
}

/** A registration sent whose outcome is not known; never holds a secret. */
export interface PendingEntry extends PendingRegistration {
  readonly environmentId: string;
}

const ClientSchema = z.strictObject({
  environmentId: z.string().min(1).max(100),
  clientId: z.string().min(1).max(200),
  name: z.string().max(1000),
  clientUri: z.string().min(1).max(2048),
  authMethod: z.enum(CLIENT_AUTH_METHODS),
  key: z.string().min(1).max(255),
  registeredAt: z.number().int().nonnegative(),
});

const PendingSchema = z.strictObject({
  id: z.string().min(1).max(255),
  environmentId: z.string().min(1).max(100),
  name: z.string().max(1000),
  startedAt: z.number().int().nonnegative(),
  clientId: z.string().min(1).max(200).nullable(),
  reason: z.string().max(2000),
});

const RegistryFileSchema = z.strictObject({
  version: z.literal(1),
  clients: z.array(ClientSchema),
  pending: z.array(PendingSchema),
});

type RegistryFile = z.infer<typeof RegistryFileSchema>;

/**
 * The clients this app registered through Dynamic Client Registration, per environment (DCR has
 * no list endpoint), and the registrations whose answer never arrived. One JSON file, written
 * atomically; operations run one at a time.
 */
export interface DcrRegistry {
  clients(environmentId: string): Promise<readonly RegisteredClient[]>;
  client(environmentId: string, clientId: string): Promise<RegisteredClient | null>;
  /** The client a create with this key registered, or null. */
  byKey(environmentId: string, key: string): Promise<RegisteredClient | null>;
  pending(environmentId: string): Promise<readonly PendingEntry[]>;
  /** Records a registration about to be sent; on disk before this resolves. */
  beginPending(entry: PendingEntry): Promise<void>;
  /** Says what became of a pending registration (answer lost, keychain refused…). */
  updatePending(id: string, update: Pick<PendingEntry, 'reason' | 'clientId'>): Promise<void>;
  /** Forgets a pending registration (the server refused it, or the person dismissed it). */
  dropPending(environmentId: string, id: string): Promise<boolean>;
  /** Records a registered client and forgets its pending entry, in one write. */
  register(client: RegisteredClient): Promise<void>;
  /** Forgets a client (deleted, or no longer registered at the server). */
  remove(environmentId: string, clientId: string): Promise<void>;
}

function corrupt(filePath: string, reason: string): AppFailure {
  return new AppFailure({
    kind: 'internal',
    message:
      `The file of clients registered through DCR (${filePath}) is unreadable: ${reason}. ` +
      'Keysmith left it untouched so that no registered client is forgotten; move it aside ' +
      '(the clients stay registered at the server: find them in its console) and try again.',
  });
}

/** Builds the registry over one JSON file. */
export function createDcrRegistry(filePath: string): DcrRegistry {
  const serial = createSerialQueue();

  const read = async (): Promise<RegistryFile> => {
    const text = await readTextIfExists(filePath);
    if (text === null) return { version: 1, clients: [], pending: [] };
    return parseJsonFile(text, RegistryFileSchema, (reason) => corrupt(filePath, reason));
  };

  const write = async (file: RegistryFile): Promise<void> => {
    await mkdir(dirname(filePath), { recursive: true });
    await writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`);
  };

  /** Reads, changes and writes the file in one serial step. */
  const change = (edit: (file: RegistryFile) => RegistryFile) =>
    serial(async () => write(edit(await read())));

  const find = <T>(pick: (file: RegistryFile) => T) => serial(async () => pick(await read()));

  return {
    clients: (environmentId) =>
      find((file) => file.clients.filter((client) => client.environmentId === environmentId)),
    client: (environmentId, clientId) =>
      find(
        (file) =>
          file.clients.find(
            (client) => client.environmentId === environmentId && client.clientId === clientId,
          ) ?? null,
      ),
    byKey: (environmentId, key) =>
      find(
        (file) =>
          file.clients.find(
            (client) => client.environmentId === environmentId && client.key === key,
          ) ?? null,
      ),
    pending: (environmentId) =>
      find((file) =>
        file.pending
          .filter((entry) => entry.environmentId === environmentId)
          .sort((a, b) => a.startedAt - b.startedAt),
      ),
    beginPending: (entry) =>
      change((file) => ({
        ...file,
        pending: [...file.pending.filter((each) => each.id !== entry.id), { ...entry }],
      })),
    updatePending: (id, update) =>
      change((file) => ({
        ...file,
        pending: file.pending.map((entry) =>
          entry.id === id ? { ...entry, reason: update.reason, clientId: update.clientId } : entry,
        ),
      })),
    dropPending: (environmentId, id) =>
      serial(async () => {
        const file = await read();
        const pending = file.pending.filter(
          (entry) => !(entry.id === id && entry.environmentId === environmentId),
        );
        if (pending.length === file.pending.length) return false;
        await write({ ...file, pending });
        return true;
      }),
    register: (client) =>
      change((file) => ({
        ...file,
        clients: [
          ...file.clients.filter(
            (each) =>
              !(each.environmentId === client.environmentId && each.clientId === client.clientId),
          ),
          { ...client },
        ],
        pending: file.pending.filter((entry) => entry.id !== client.key),
      })),
    remove: (environmentId, clientId) =>
      change((file) => ({
        ...file,
        clients: file.clients.filter(
          (client) => !(client.environmentId === environmentId && client.clientId === clientId),
        ),
      })),
  };
}
