import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AuditEntry, AuditVerification } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { readTextIfExists, syncFolder, writeFileAtomic } from '../files/atomic-file';
import {
  AuditAnchorSchema,
  RECOVER_ACTION,
  anchorHolds,
  auditTailOf,
  entryOfLine,
  hashOfLine,
  parseAuditLines,
  verifyAuditLines,
  type AuditAnchor,
  type AuditLine,
  type AuditTail,
} from './audit-chain';
import { secretShapeOf } from '../secrets/secret-shape';
import { createSerialQueue } from '../files/serial-queue';

/** The audit log's file name, inside the data folder. */
export const AUDIT_FILE = 'audit.log';
/** The file holding the last appended entry's number and hash, to detect a cut-off tail. */
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

/** The append-only, hash-chained record of every action; never holds a secret or a token. */
export interface AuditLog {
  /** Appends one entry (queued: appends never interleave) and returns it as written. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Readable entries, newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Checks the chain of the whole file against the last known append. */
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

/**
 * Builds the audit log over `<dataDir>/audit.log`. Each append is one write of whole lines and
 * an fsync. A crash mid-append can leave a torn last line: `verify` reports it, and the next
 * append starts on a new line with an `audit.recover` entry naming the lines it skips, so the
 * chain continues verifiably and the incident stays on record. `<dataDir>/audit.head` keeps the
 * last entry's number and hash so that lines cut off the end are noticed too.
 */
export function createAuditLog(
  dataDir: string,
  options: { readonly now?: () => number } = {},
): AuditLog {
  const now = options.now ?? Date.now;
  const path = join(dataDir, AUDIT_FILE);
  const headPath = join(dataDir, AUDIT_HEAD_FILE);
  let tail: AuditTail | null = null;
  let headTrusted = true;

  const enqueue = createSerialQueue();

  const readLog = async (): Promise<string> => (await readTextIfExists(path)) ?? '';

  const readAnchor = async (): Promise<AuditAnchor | undefined> => {
    const text = await readTextIfExists(headPath).catch(() => null);
    if (text === null) return undefined;
    try {
      const parsed = AuditAnchorSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };

  /** Reads where the chain ends, and whether `audit.head` agrees with the log (else it stays frozen). */
  const scan = async (): Promise<{ readonly start: AuditTail; readonly created: boolean }> => {
    const existing = await readTextIfExists(path);
    const anchor = await readAnchor();
    headTrusted = anchor === undefined || anchorHolds(existing ?? '', anchor);
    return { start: auditTailOf(existing ?? ''), created: existing === null };
  };

  const append = async (entry: NewAuditEntry): Promise<AuditEntry> => {
    const checked = checkEntry(entry);
    await mkdir(dataDir, { recursive: true });
    const { start, created } = tail === null ? await scan() : { start: tail, created: false };
    const at = new Date(now()).toISOString();
    const lines: Record<string, unknown>[] = [];
    let { seq, hash } = start;
    const push = (fields: Record<string, unknown>): void => {
      const line = { seq: seq + 1, at, ...fields, prev: hash };
      ({ seq, hash } = { seq: seq + 1, hash: hashOfLine(line) });
      lines.push({ ...line, hash });
    };
    if (start.unreadable.length > 0) {
      const count = start.unreadable.length;
      push({
        environmentId: null,
        action: RECOVER_ACTION,
        outcome: `Skipped ${count} unreadable line${count === 1 ? '' : 's'} (${start.unreadable.join(', ')}) left by an interrupted write.`,
        skippedLines: start.unreadable,
      });
    }
    push(checked);
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
      hash,
      unreadable: [],
      lineCount: start.lineCount + lines.length,
      endsCleanly: true,
    };
    // The head only moves while it agrees with the log, so lines cut off the end stay detected
    // after later appends. The entry is already durable: a failed head write is not the caller's
    // failure (verify then checks against an older head).
    if (headTrusted) {
      await writeFileAtomic(headPath, `${JSON.stringify({ seq, hash })}\n`).catch(() => undefined);
    }
    return entryOfLine(lines[lines.length - 1] as AuditLine);
  };

  return {
    append: (entry) => enqueue(() => append(entry)),
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
    verify: () => enqueue(async () => verifyAuditLines(await readLog(), await readAnchor())),
    export: () => enqueue(readLog),
  };
}
