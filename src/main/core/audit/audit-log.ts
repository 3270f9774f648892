import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AuditEntry, AuditVerification } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { readTextIfExists, syncFolder } from '../files/atomic-file';
import { verifyAuditChain, type ChainKeys } from './audit-chain';
import { createAnchorKeeper, createAuditKeyring } from './audit-keyring';
import {
  LegacyHeadSchema,
  RECOVER_ACTION,
  SEAL_ACTION,
  anchorHolds,
  auditTailOf,
  entryOfLine,
  hashOfLine,
  macOfLine,
  parseAuditLines,
  type AuditLine,
  type AuditTail,
  type LegacyHead,
} from './audit-lines';
import { secretShapeOf } from '../secrets/secret-shape';
import type { SecretStore } from '../secrets/secret-store';
import { createSerialQueue } from '../files/serial-queue';

/** The audit log's file name, inside the data folder. */
export const AUDIT_FILE = 'audit.log';
/**
 * Where an older Keysmith kept its last entry's number and hash. Read once, when that log is
 * sealed into the keyed chain (the seal keeps a copy); never written any more.
 */
export const AUDIT_HEAD_FILE = 'audit.head';

/** Longest `outcome` kept; longer ones are cut with an ellipsis. */
export const MAX_OUTCOME_LENGTH = 2000;

/** What `append` takes: everything but the number and time, which the log assigns. */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'>;

/** Which entries `list` returns. */
export interface AuditQuery {
  readonly environmentId?: string;
  readonly limit?: number;
}

/** The append-only, keyed (HMAC) chain of every action; never holds a secret or a token. */
export interface AuditLog {
  /** Appends one entry (queued: appends never interleave) and returns it as written. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * Seals unkeyed entries at the end of the log (an older Keysmith's log, or appends made while
   * the keychain was unavailable) into the keyed chain, if the keychain can be used now.
   */
  seal(): Promise<void>;
  /** Readable entries, newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Checks the whole file against the audit key and anchor in the keychain. */
  verify(): Promise<AuditVerification>;
  /** The raw file, for the user to export. */
  export(): Promise<string>;
}

const Text = (max: number) => z.string().max(max);
const NewEntrySchema = z.object({
  environmentId: Text(200).nullable(),
  action: Text(100).min(1),
  clientId: Text(500).optional(),
  idempotencyKey: Text(500).optional(),
  instance: Text(2000).optional(),
  outcome: z.string().optional(),
});

const refuse = (message: string): never => {
  throw new AppFailure({ kind: 'internal', message });
};

/** Checks an entry and drops unknown fields; refuses anything shaped like a secret. */
function checkEntry(entry: NewAuditEntry): NewAuditEntry {
  const parsed = NewEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      `Refused an audit entry: ${issue?.path.join('.') ?? '?'} ${issue?.message ?? ''}`,
    );
  }
  const checked = parsed.data;
  for (const [field, value] of Object.entries(checked)) {
    const shape = typeof value === 'string' ? secretShapeOf(value) : null;
    if (shape !== null) refuse(`Refused an audit entry: its ${field} looks like ${shape}.`);
  }
  const { outcome } = checked;
  const kept = {
    ...checked,
    outcome:
      outcome !== undefined && outcome.length > MAX_OUTCOME_LENGTH
        ? `${outcome.slice(0, MAX_OUTCOME_LENGTH - 1)}…`
        : outcome,
  };
  return Object.fromEntries(
    Object.entries(kept).filter(([, value]) => value !== undefined),
  ) as unknown as NewAuditEntry;
}

/** What the audit log needs: the keychain for its key and anchor, and a clock. */
export interface AuditLogOptions {
  readonly secrets: SecretStore;
  readonly now?: () => number;
}

/**
 * Builds the audit log over `<dataDir>/audit.log`. Each line carries an HMAC-SHA-256 (`mac`) under
 * a random 256-bit key kept in the keychain and the previous line's MAC (`prev`); after each
 * append the keychain's anchor holds the last entry's number and MAC, so lines cut off the end
 * are noticed too. Each append is one write of whole lines and an fsync, then one keychain write.
 *
 * Without a usable keychain the log still takes entries, chained by SHA-256 (`hash`) as an older
 * Keysmith wrote them; the first append that has the key again writes an `audit.seal` entry
 * binding them into the keyed chain. A key that is gone while keyed entries exist is never
 * replaced (the old entries could no longer be checked): appends go on unkeyed.
 *
 * A crash mid-append can leave a torn last line: `verify` reports it, and the next append starts on
 * a new line with an `audit.recover` entry naming the lines it skips, so the chain continues
 * verifiably and the incident stays on record.
 */
export function createAuditLog(dataDir: string, options: AuditLogOptions): AuditLog {
  const now = options.now ?? Date.now;
  const path = join(dataDir, AUDIT_FILE);
  const keyring = createAuditKeyring(options.secrets);
  let tail: AuditTail | null = null;
  let key: Buffer | null = null;
  const anchor = createAnchorKeeper(keyring);
  const enqueue = createSerialQueue();

  const readLog = async (): Promise<string> => (await readTextIfExists(path)) ?? '';

  const readLegacyHead = async (): Promise<LegacyHead | undefined> => {
    const text = await readTextIfExists(join(dataDir, AUDIT_HEAD_FILE)).catch(() => null);
    if (text === null) return undefined;
    try {
      const parsed = LegacyHeadSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };

  /** The key to append with, or null to append unkeyed (no keychain, or the key was lost). */
  const keyFor = async (start: AuditTail): Promise<Buffer | null> => {
    if (key !== null) return key;
    try {
      const stored = await keyring.read();
      await anchor.decide(stored.anchor, start.hasKeyed, async (found) =>
        anchorHolds(await readLog(), found),
      );
      key = stored.key ?? (start.hasKeyed ? null : await keyring.createKey());
      return key;
    } catch {
      return null;
    }
  };

  /** Writes `entry` (null: only what sealing needs), after any recover and seal entries. */
  const write = async (entry: NewAuditEntry | null): Promise<AuditEntry | null> => {
    await mkdir(dataDir, { recursive: true });
    const existing = tail === null ? await readTextIfExists(path) : null;
    const start = tail ?? auditTailOf(existing ?? '');
    const created = tail === null && existing === null;
    if (entry === null && start.unkeyedFrom === null) return null;
    const keyNow = await keyFor(start);
    if (entry === null && keyNow === null) return null;
    const sealing = keyNow !== null && start.unkeyedFrom !== null;
    const at = new Date(now()).toISOString();
    const lines: Record<string, unknown>[] = [];
    let { seq, last } = start;
    const push = (fields: Record<string, unknown>, withKey: Buffer | null): void => {
      const line = { seq: seq + 1, at, ...fields, prev: last };
      const value = withKey ? macOfLine(withKey, line) : hashOfLine(line);
      lines.push({ ...line, [withKey ? 'mac' : 'hash']: value });
      seq += 1;
      last = value;
    };
    if (start.unreadable.length > 0) {
      const count = start.unreadable.length;
      push(
        {
          environmentId: null,
          action: RECOVER_ACTION,
          outcome: `Skipped ${count} unreadable line${count === 1 ? '' : 's'} (${start.unreadable.join(', ')}) left by an interrupted write.`,
          skippedLines: start.unreadable,
        },
        sealing ? null : keyNow,
      );
    }
    if (sealing) {
      const from = start.unkeyedFrom ?? 1;
      const legacyHead = from === 1 && !start.hasKeyed ? await readLegacyHead() : undefined;
      push(
        {
          environmentId: null,
          action: SEAL_ACTION,
          outcome: `Sealed entries ${from}–${seq} with the audit key: they were written without it (by an older Keysmith, or while the keychain was unavailable) and are verified by hash only.`,
          sealedFrom: from,
          sealedTo: seq,
          ...(legacyHead !== undefined ? { legacyHead } : {}),
        },
        keyNow,
      );
    }
    if (entry !== null) push({ ...entry }, keyNow);
    const body = lines.map((line) => JSON.stringify(line)).join('\n');
    const chunk = `${start.endsCleanly ? '' : '\n'}${body}\n`;

    tail = null; // Unknown until the write is durable: a failed write is rescanned next time.
    const handle = await open(path, 'a', 0o600);
    try {
      await handle.appendFile(chunk, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncFolder(dataDir);
    tail = {
      seq,
      last,
      unreadable: [],
      endsCleanly: true,
      hasKeyed: start.hasKeyed || keyNow !== null,
      unkeyedFrom: keyNow !== null ? null : (start.unkeyedFrom ?? start.seq + 1),
    };
    // The entry is already durable: a failed anchor write is not the caller's failure (verify
    // then checks against the previous anchor, which the log still holds).
    if (keyNow !== null) await anchor.advance({ seq, mac: last });
    return entry === null ? null : entryOfLine(lines[lines.length - 1] as AuditLine);
  };

  return {
    append: (entry) =>
      enqueue(async () => {
        const written = await write(checkEntry(entry));
        return written as AuditEntry;
      }),
    seal: () => enqueue(async () => void (await write(null))),
    list: (query = {}) =>
      enqueue(async () => {
        const lines = parseAuditLines(await readLog()).map(entryOfLine);
        const mine =
          query.environmentId === undefined
            ? lines
            : lines.filter((entry) => entry.environmentId === query.environmentId);
        const newestFirst = mine.reverse();
        return query.limit === undefined ? newestFirst : newestFirst.slice(0, query.limit);
      }),
    verify: () =>
      enqueue(async () => {
        const text = await readLog();
        const keys: ChainKeys = await keyring.read().then(
          (stored) => ({ keychainAvailable: true, ...stored }),
          () => ({ keychainAvailable: false, key: null, anchor: null }),
        );
        return verifyAuditChain(text, keys);
      }),
    export: () => enqueue(readLog),
  };
}
