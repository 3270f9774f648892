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

/** What one Idempotency-Key created: recorded when the create's answer arrives, before its secret is stored. */
export interface CreatedByKey {
  readonly key: string;
  readonly scope: string;
  readonly clientId: string;
  /** Epoch ms when the answer arrived. */
  readonly at: number;
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
  /**
   * Records that the create sent with this key (the ledger's own, or a caller's such as the
   * rotation wizard's) made this client_id. Kept 24 h, past `complete`, like the API's replays.
   */
  recordCreated(scope: string, key: string, clientId: string): Promise<void>;
  /** The client_id recorded for this key in this scope, or null: only then may a replay read its secret back. */
  createdClientId(scope: string, key: string): Promise<string | null>;
}

const EntrySchema = z.strictObject({
  key: z.string().min(1).max(255),
  scope: z.string().min(1),
  body: z.strictObject({ name: z.string(), expiresAt: z.string().nullable() }),
  startedAt: z.number().int().nonnegative(),
});

const CreatedSchema = z.strictObject({
  key: z.string().min(1).max(255),
  scope: z.string().min(1),
  clientId: z.string().min(1).max(200),
  at: z.number().int().nonnegative(),
});

/** The file; `created` is written only when it holds something, so older files read the same. */
const LedgerFileSchema = z.strictObject({
  version: z.literal(1),
  entries: z.array(EntrySchema),
  created: z.array(CreatedSchema).optional(),
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

  const write = async ({ entries, created = [] }: LedgerFile): Promise<void> => {
    await mkdir(dirname(filePath), { recursive: true });
    const file: LedgerFile = { version: 1, entries, ...(created.length > 0 ? { created } : {}) };
    await writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`);
  };

  const live = (file: LedgerFile): LedgerFile['entries'] =>
    file.entries.filter((entry) => now() - entry.startedAt < LEDGER_RETENTION_MS);

  const liveCreated = (file: LedgerFile): CreatedByKey[] =>
    (file.created ?? []).filter((record) => now() - record.at < LEDGER_RETENTION_MS);

  return {
    begin(scope, input) {
      return serial(async () => {
        const body = bodyOf(input);
        const file = await read();
        const entries = live(file);
        const reusable = entries.find(
          (entry) =>
            entry.scope === scope &&
            entry.body.name === body.name &&
            entry.body.expiresAt === body.expiresAt &&
            now() - entry.startedAt < LEDGER_REUSE_WINDOW_MS,
        );
        if (reusable !== undefined) return reusable.key;
        const key = newKey();
        const created = liveCreated(file);
        await write({
          version: 1,
          entries: [...entries, { key, scope, body, startedAt: now() }],
          created,
        });
        return key;
      });
    },
    complete(key) {
      return serial(async () => {
        const file = await read();
        const entries = live(file).filter((entry) => entry.key !== key);
        if (entries.length !== file.entries.length) {
          await write({ version: 1, entries, created: liveCreated(file) });
        }
      });
    },
    pending(scope) {
      return serial(async () =>
        live(await read())
          .filter((entry) => scope === undefined || entry.scope === scope)
          .sort((a, b) => a.startedAt - b.startedAt),
      );
    },
    recordCreated(scope, key, clientId) {
      return serial(async () => {
        const file = await read();
        const others = liveCreated(file).filter((record) => record.key !== key);
        const created = [...others, { key, scope, clientId, at: now() }];
        await write({ version: 1, entries: live(file), created });
      });
    },
    createdClientId(scope, key) {
      return serial(async () => {
        const found = liveCreated(await read()).find(
          (record) => record.key === key && record.scope === scope,
        );
        return found?.clientId ?? null;
      });
    },
  };
}
