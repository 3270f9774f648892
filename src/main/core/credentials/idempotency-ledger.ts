import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { NewCredential } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-file';
import { parseJsonFile } from '../files/json-file';
import { createSerialQueue } from '../files/serial-queue';

/** How long an unfinished create keeps its key: the API remembers keys 24 h, this leaves 1 h spare. */
export const LEDGER_REUSE_WINDOW_MS = 23 * 60 * 60_000;

/** After this an entry is dropped: the API has forgotten its key, so it can no longer replay it. */
export const LEDGER_RETENTION_MS = 24 * 60 * 60_000;

/** One create that was started but not yet known to have finished. Never holds a secret. */
export interface PendingCreate {
  readonly key: string;
  /** Where it was sent (the environment id). */
  readonly scope: string;
  readonly body: NewCredential;
  /** Epoch ms when it was begun. */
  readonly startedAt: number;
}

/** Persisted Idempotency-Keys of creates in progress, so a crash or a lost response never makes a second credential. */
export interface IdempotencyLedger {
  /**
   * The key for this create: the unfinished one for the same scope and body when it is less
   * than 23 h old, else a new UUID v4; it is on disk before this resolves.
   */
  begin(scope: string, body: NewCredential): Promise<string>;
  /** Forgets a key once its create is known to have finished (unknown keys are ignored). */
  complete(key: string): Promise<void>;
  /** The unfinished creates, of one scope or of all, oldest first. */
  pending(scope?: string): Promise<readonly PendingCreate[]>;
}

const EntrySchema = z.strictObject({
  key: z.string().min(1).max(255),
  scope: z.string().min(1),
  body: z.strictObject({ name: z.string(), expiresAt: z.string().nullable() }),
  startedAt: z.number().int().nonnegative(),
});

const LedgerFileSchema = z.strictObject({
  version: z.literal(1),
  entries: z.array(EntrySchema),
});

type LedgerFile = z.infer<typeof LedgerFileSchema>;

function corrupt(filePath: string, reason: string): AppFailure {
  return new AppFailure({
    kind: 'internal',
    message:
      `The file of unfinished credential creates (${filePath}) is unreadable: ${reason}. ` +
      'Keysmith left it untouched so that no pending create is forgotten; move it aside ' +
      '(check the credential list for a credential you were creating) and try again.',
  });
}

/** Only the two fields a create sends: whatever else the caller's object held is never written. */
function bodyOf(input: NewCredential): NewCredential {
  return { name: input.name, expiresAt: input.expiresAt };
}

/** Builds the ledger over one JSON file; operations are serialised, writes are atomic. */
export function createIdempotencyLedger(
  filePath: string,
  options: { readonly now?: () => number; readonly newKey?: () => string } = {},
): IdempotencyLedger {
  const now = options.now ?? Date.now;
  const newKey = options.newKey ?? randomUUID;
  /** Runs operations one after another, so two begins never race on the file. */
  const serial = createSerialQueue();

  const read = async (): Promise<LedgerFile> => {
    const text = await readTextIfExists(filePath);
    if (text === null) return { version: 1, entries: [] };
    return parseJsonFile(text, LedgerFileSchema, (reason) => corrupt(filePath, reason));
  };

  const write = async (file: LedgerFile): Promise<void> => {
    await mkdir(dirname(filePath), { recursive: true });
    await writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`);
  };

  const live = (file: LedgerFile): LedgerFile['entries'] =>
    file.entries.filter((entry) => now() - entry.startedAt < LEDGER_RETENTION_MS);

  return {
    begin(scope, input) {
      return serial(async () => {
        const body = bodyOf(input);
        const entries = live(await read());
        const reusable = entries.find(
          (entry) =>
            entry.scope === scope &&
            entry.body.name === body.name &&
            entry.body.expiresAt === body.expiresAt &&
            now() - entry.startedAt < LEDGER_REUSE_WINDOW_MS,
        );
        if (reusable !== undefined) return reusable.key;
        const key = newKey();
        await write({ version: 1, entries: [...entries, { key, scope, body, startedAt: now() }] });
        return key;
      });
    },
    complete(key) {
      return serial(async () => {
        const file = await read();
        const entries = live(file).filter((entry) => entry.key !== key);
        if (entries.length !== file.entries.length) await write({ version: 1, entries });
      });
    },
    pending(scope) {
      return serial(async () =>
        live(await read())
          .filter((entry) => scope === undefined || entry.scope === scope)
          .sort((a, b) => a.startedAt - b.startedAt),
      );
    },
  };
}
