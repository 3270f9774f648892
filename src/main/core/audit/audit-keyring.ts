import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';
import { AuditAnchorSchema, type AuditAnchor } from './audit-lines';

/**
 * The keychain account of the audit log's HMAC key. Reserved: it has no `/`, and every credential
 * account is `<environmentId>/<clientId>`, so no credential can ever take this name.
 */
export const AUDIT_KEY_ACCOUNT = '.keysmith-audit-key';

/** The keychain account of the audit anchor (last keyed entry's number and MAC); reserved likewise. */
export const AUDIT_ANCHOR_ACCOUNT = '.keysmith-audit-anchor';

/** The audit key's length: 256 bits. */
const KEY_BYTES = 32;

/** The audit key and anchor as the keychain holds them now. */
export interface AuditKeys {
  readonly key: Buffer | null;
  readonly anchor: AuditAnchor | null;
}

/** The audit log's key and anchor in the OS keychain, through the SecretStore port. */
export interface AuditKeyring {
  /** Reads the key and the anchor (null for either when absent or unreadable); throws when the keychain is unavailable. */
  read(): Promise<AuditKeys>;
  /** Makes a random 256-bit key and stores it; throws when the keychain refuses it. */
  createKey(): Promise<Buffer>;
  /** Stores the anchor: one keychain write. */
  writeAnchor(anchor: AuditAnchor): Promise<void>;
}

function decodeKey(stored: string | null): Buffer | null {
  if (stored === null) return null;
  const key = Buffer.from(stored, 'base64');
  return key.length === KEY_BYTES && key.toString('base64') === stored ? key : null;
}

function decodeAnchor(stored: string | null): AuditAnchor | null {
  if (stored === null) return null;
  try {
    const parsed = AuditAnchorSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Builds the keyring over a SecretStore (the OS keychain in the app, a test service in tests). */
export function createAuditKeyring(secrets: SecretStore): AuditKeyring {
  return {
    async read() {
      const key = decodeKey(await secrets.get(AUDIT_KEY_ACCOUNT));
      const anchor = decodeAnchor(await secrets.get(AUDIT_ANCHOR_ACCOUNT));
      return { key, anchor };
    },
    async createKey() {
      const key = randomBytes(KEY_BYTES);
      await secrets.set(AUDIT_KEY_ACCOUNT, key.toString('base64'));
      return key;
    },
    writeAnchor: (anchor) =>
      secrets.set(AUDIT_ANCHOR_ACCOUNT, JSON.stringify({ seq: anchor.seq, mac: anchor.mac })),
  };
}
