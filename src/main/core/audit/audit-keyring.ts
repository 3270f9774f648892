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
  /** Reads the anchor alone (null when absent or unreadable); throws when the keychain is unavailable. */
  readAnchor(): Promise<AuditAnchor | null>;
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
    readAnchor: async () => decodeAnchor(await secrets.get(AUDIT_ANCHOR_ACCOUNT)),
    async createKey() {
      const key = randomBytes(KEY_BYTES);
      await secrets.set(AUDIT_KEY_ACCOUNT, key.toString('base64'));
      return key;
    },
    writeAnchor: (anchor) =>
      secrets.set(AUDIT_ANCHOR_ACCOUNT, JSON.stringify({ seq: anchor.seq, mac: anchor.mac })),
  };
}

/**
 * Moves the keychain's anchor along with the log, only while the keychain holds what this process
 * expects there. Once the anchor was found missing while keyed entries exist, or pointing at an
 * entry the log no longer holds, or changed by someone else meanwhile, it is left alone for good:
 * the cut-off tail, rewrite or deleted anchor stays detected after later appends.
 */
export interface AnchorKeeper {
  /** Decides, at the first keyed append, whether appends move the anchor; later calls do nothing. */
  decide(
    found: AuditAnchor | null,
    hasKeyed: boolean,
    logHolds: (anchor: AuditAnchor) => Promise<boolean>,
  ): Promise<void>;
  /** After a keyed append: moves the anchor to `next` if nobody touched it since (never throws). */
  advance(next: AuditAnchor): Promise<void>;
}

/** Builds the anchor keeper over the keyring. */
export function createAnchorKeeper(keyring: AuditKeyring): AnchorKeeper {
  const id = (anchor: AuditAnchor | null): string =>
    anchor === null ? 'none' : `${anchor.seq}:${anchor.mac}`;
  /** What the keychain may hold: undefined until decided, null once the anchor is left alone. */
  let expected: string[] | null | undefined;
  return {
    async decide(found, hasKeyed, logHolds) {
      if (expected !== undefined) return;
      const follows = found === null ? !hasKeyed : await logHolds(found);
      expected = follows ? [id(found)] : null;
    },
    async advance(next) {
      if (expected === undefined || expected === null) return;
      let current: AuditAnchor | null;
      try {
        current = await keyring.readAnchor();
      } catch {
        return; // No keychain now: the anchor lags until the next append that can move it.
      }
      if (!expected.includes(id(current))) {
        expected = null;
        return;
      }
      try {
        await keyring.writeAnchor(next);
        expected = [id(next)];
      } catch {
        // The write may or may not have landed.
        expected = [...expected, id(next)];
      }
    },
  };
}
