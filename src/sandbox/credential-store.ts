import { z } from 'zod';
import { SecretHashSchema } from './secrets';
import type { CredentialJson } from './types';

const isoTimestamp = z.iso.datetime({ offset: true });

/** A credential as the data file holds it: the API fields plus the secret's hash. */
export const StoredCredentialSchema = z.strictObject({
  id: z.string().regex(/^cred_[0-9a-f]{24}$/),
  client_id: z.string().min(1).max(255),
  name: z.string().min(1).max(400),
  status: z.enum(['active', 'revoked']),
  expires_at: isoTimestamp.nullable(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  last_used_at: isoTimestamp.nullable(),
  secret_hash: SecretHashSchema,
});

/** A stored credential (plain data, serialisable as is). */
export type StoredCredential = z.infer<typeof StoredCredentialSchema>;

/** The API view of a stored credential: everything but the hash. */
export function toCredentialJson(record: StoredCredential): CredentialJson {
  return {
    id: record.id,
    client_id: record.client_id,
    name: record.name,
    status: record.status,
    expires_at: record.expires_at,
    created_at: record.created_at,
    updated_at: record.updated_at,
    last_used_at: record.last_used_at,
  };
}

/** Why a credential cannot mint a token right now, or null when it can. */
export function unusableReason(record: StoredCredential, nowMs: number): string | null {
  if (record.status === 'revoked') return 'The credential has been revoked.';
  if (record.expires_at !== null && Date.parse(record.expires_at) <= nowMs) {
    return 'The credential has expired.';
  }
  return null;
}

/** All credentials of the sandbox's one partner, in creation order, indexed by client_id. */
export class CredentialStore {
  readonly #byClientId = new Map<string, StoredCredential>();
  readonly #ordered: StoredCredential[] = [];

  /** Builds a store from loaded records (oldest first); throws on a duplicate client_id. */
  constructor(records: readonly StoredCredential[] = []) {
    for (const record of records) this.add(record);
  }

  /** Number of credentials. */
  get size(): number {
    return this.#ordered.length;
  }

  /** Adds a new credential; throws if its client_id exists. */
  add(record: StoredCredential): void {
    if (this.#byClientId.has(record.client_id)) {
      throw new Error(`Duplicate client_id ${record.client_id}`);
    }
    const copy = { ...record };
    this.#byClientId.set(copy.client_id, copy);
    this.#ordered.push(copy);
  }

  /** The credential with this client_id, if any (a copy; change it through the methods). */
  get(clientId: string): StoredCredential | undefined {
    const record = this.#byClientId.get(clientId);
    return record === undefined ? undefined : { ...record };
  }

  /** Every credential without its hash, newest first. */
  listNewestFirst(): CredentialJson[] {
    const out: CredentialJson[] = new Array<CredentialJson>(this.#ordered.length);
    const last = this.#ordered.length - 1;
    for (let i = last; i >= 0; i--) out[last - i] = toCredentialJson(this.#ordered[i]!);
    return out;
  }

  /** Applies a change to one credential; returns the updated copy, or undefined if unknown. */
  update(
    clientId: string,
    change: Partial<Omit<StoredCredential, 'id' | 'client_id'>>,
  ): StoredCredential | undefined {
    const record = this.#byClientId.get(clientId);
    if (record === undefined) return undefined;
    Object.assign(record, change);
    return { ...record };
  }

  /** Every stored credential, oldest first, for persistence. */
  snapshot(): readonly StoredCredential[] {
    return this.#ordered.map((record) => ({ ...record }));
  }
}
