import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical-json';
import type { AuditEntry, AuditVerification } from '../../../shared/domain';

/** The `prev` of the first line: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The action of the line an append writes after finding lines an interrupted write left
 * unreadable; its `skippedLines` names them, so verification can tell a crash from tampering.
 */
export const RECOVER_ACTION = 'audit.recover';

/** The last entry the log knows it appended (kept in `audit.head`), to detect a cut-off tail. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One line of audit.log (loose: fields a later version adds are kept, and hashed). */
const AuditLineSchema = z.looseObject({
  seq: z.number().int().min(1),
  at: z.string(),
  environmentId: z.string().nullable(),
  action: z.string().min(1),
  clientId: z.string().optional(),
  idempotencyKey: z.string().optional(),
  instance: z.string().optional(),
  outcome: z.string().optional(),
  skippedLines: z.array(z.number().int().min(1)).optional(),
  prev: Hex64,
  hash: Hex64,
});

/** A parsed audit line: the entry plus its chain fields. */
export type AuditLine = z.infer<typeof AuditLineSchema>;

/** The anchor file's content. */
export const AuditAnchorSchema = z.object({ seq: z.number().int().min(0), hash: Hex64 });

/** The sha256 (hex) of a line's canonical JSON without its `hash` field. */
export function hashOfLine(line: Readonly<Record<string, unknown>>): string {
  const { hash: _hash, ...rest } = line;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** The AuditEntry part of a line (drops the chain fields). */
export function entryOfLine(line: AuditLine): AuditEntry {
  return {
    seq: line.seq,
    at: line.at,
    environmentId: line.environmentId,
    action: line.action,
    ...(line.clientId !== undefined ? { clientId: line.clientId } : {}),
    ...(line.idempotencyKey !== undefined ? { idempotencyKey: line.idempotencyKey } : {}),
    ...(line.instance !== undefined ? { instance: line.instance } : {}),
    ...(line.outcome !== undefined ? { outcome: line.outcome } : {}),
  };
}

/** Splits log text into its lines, and says whether it ends cleanly (empty, or with a newline). */
function splitLines(text: string): { readonly lines: string[]; readonly endsCleanly: boolean } {
  const endsCleanly = text === '' || text.endsWith('\n');
  const lines = text.split('\n');
  if (endsCleanly) lines.pop();
  return { lines, endsCleanly };
}

/** Reads a line: null when it is not JSON at all (what an interrupted write leaves). */
function readLine(raw: string): { readonly json: unknown } | null {
  try {
    return { json: JSON.parse(raw) as unknown };
  } catch {
    return null;
  }
}

/** Every readable entry of the log, oldest first, skipping lines that are not entries. */
export function parseAuditLines(text: string): AuditLine[] {
  const result: AuditLine[] = [];
  for (const raw of splitLines(text).lines) {
    const parsed = AuditLineSchema.safeParse(readLine(raw)?.json);
    if (parsed.success) result.push(parsed.data);
  }
  return result;
}

/** Where the next append continues the chain, and what it must repair first. */
export interface AuditTail {
  readonly seq: number;
  readonly hash: string;
  /** Lines after the last entry that are not JSON: the next append records them as skipped. */
  readonly unreadable: readonly number[];
  readonly lineCount: number;
  /** False when the last line has no newline yet (an interrupted write): the next append adds one. */
  readonly endsCleanly: boolean;
}

/** Finds where the chain ends in a log's text. */
export function auditTailOf(text: string): AuditTail {
  const { lines, endsCleanly } = splitLines(text);
  let seq = 0;
  let hash = GENESIS_HASH;
  let unreadable: number[] = [];
  lines.forEach((raw, index) => {
    const read = readLine(raw);
    if (read === null) {
      unreadable.push(index + 1);
      return;
    }
    unreadable = [];
    const parsed = AuditLineSchema.safeParse(read.json);
    if (parsed.success) ({ seq, hash } = parsed.data);
  });
  return { seq, hash, unreadable, lineCount: lines.length, endsCleanly };
}

/** True when the log still holds the anchored entry (or the anchor is the empty log's). */
export function anchorHolds(text: string, anchor: AuditAnchor): boolean {
  if (anchor.seq === 0) return true;
  return parseAuditLines(text).some((line) => line.seq === anchor.seq && line.hash === anchor.hash);
}

const sameNumbers = (a: readonly number[] | undefined, b: readonly number[]): boolean =>
  a !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Checks the hash chain of an audit log's text; `anchor` (from `audit.head`) also catches lines
 * cut off the end. Reports the first broken line (1-based) and why. Lines that are not JSON are
 * accepted only when the entry right after them is an `audit.recover` line naming them, which is
 * what an append writes after a crash left a torn line behind.
 */
export function verifyAuditLines(text: string, anchor?: AuditAnchor): AuditVerification {
  const { lines, endsCleanly } = splitLines(text);
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let entries = 0;
  let unreadable: number[] = [];
  const broken = (line: number, reason: string): AuditVerification => ({
    valid: false,
    entries,
    brokenAt: { line, reason },
  });

  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    const read = readLine(raw);
    if (read === null) {
      unreadable.push(lineNumber);
      continue;
    }
    const parsed = AuditLineSchema.safeParse(read.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue !== undefined && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return broken(lineNumber, `It is not an audit entry (${where}${issue?.message ?? '?'}).`);
    }
    const line = parsed.data;
    if (hashOfLine(line) !== line.hash) {
      return broken(
        lineNumber,
        'Its content was changed after it was written: its hash does not match.',
      );
    }
    if (unreadable.length > 0) {
      const first = unreadable[0] ?? lineNumber;
      if (line.action !== RECOVER_ACTION || !sameNumbers(line.skippedLines, unreadable)) {
        return broken(first, 'It is not a valid audit entry (not JSON).');
      }
      unreadable = [];
    } else if (line.skippedLines !== undefined) {
      return broken(lineNumber, 'It claims to skip unreadable lines that are not there.');
    }
    const expected = lastSeq + 1;
    if (line.seq > expected) {
      return broken(
        lineNumber,
        `Entry ${expected} is missing here (found ${line.seq}): a line was removed or moved.`,
      );
    }
    if (line.seq < expected) {
      return broken(
        lineNumber,
        `Entry ${line.seq} is out of place (expected ${expected}): a line was inserted or moved.`,
      );
    }
    if (line.prev !== prev) {
      return broken(
        lineNumber,
        'It does not follow the line before it: a line was removed, inserted or replaced.',
      );
    }
    if (anchor !== undefined && line.seq === anchor.seq && line.hash !== anchor.hash) {
      return broken(
        lineNumber,
        'It is not the entry that was appended with this number: the log was rewritten.',
      );
    }
    prev = line.hash;
    lastSeq = line.seq;
    entries += 1;
  }
  const first = unreadable[0];
  if (first !== undefined) {
    const torn = !endsCleanly && unreadable.length === 1;
    return broken(
      first,
      torn
        ? 'The last line is incomplete: an append was interrupted (the next append records it as skipped).'
        : 'It is not a valid audit entry (not JSON).',
    );
  }
  if (anchor !== undefined && anchor.seq > lastSeq) {
    const missing = anchor.seq - lastSeq;
    return broken(
      lines.length + 1,
      `The log ends at entry ${lastSeq} but entry ${anchor.seq} was appended: ${missing} line${missing === 1 ? ' was' : 's were'} removed from the end.`,
    );
  }
  return { valid: true, entries };
}
