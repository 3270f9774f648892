import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical-json';
import type { AuditEntry } from '../../../shared/domain';

/** The `prev` of the first line: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The action of the line an append writes after finding lines an interrupted write left
 * unreadable; its `skippedLines` names them, so verification can tell a crash from tampering.
 */
export const RECOVER_ACTION = 'audit.recover';

/**
 * The action of the keyed line that seals a run of unkeyed lines (an older Keysmith's log, or
 * appends made while the keychain was unavailable) into the keyed chain. It names the run
 * (`sealedFrom`, `sealedTo`) and, for an older Keysmith's log, the `audit.head` that log had.
 */
export const SEAL_ACTION = 'audit.seal';

/** The last entry appended with the audit key, as the keychain keeps it, to detect a cut-off tail. */
export interface AuditAnchor {
  readonly seq: number;
  readonly mac: string;
}

/** What an older Keysmith kept in `audit.head`: its last entry's number and hash. */
export interface LegacyHead {
  readonly seq: number;
  readonly hash: string;
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Seq = z.number().int().min(1);

/** The anchor as the keychain stores it (JSON). */
export const AuditAnchorSchema = z.strictObject({ seq: Seq, mac: Hex64 });

/** `audit.head` as an older Keysmith wrote it. */
export const LegacyHeadSchema = z.object({ seq: Seq, hash: Hex64 });

/**
 * One line of audit.log (loose: fields a later version adds are kept, and covered). A keyed line
 * carries `mac` (HMAC-SHA-256 under the audit key); an unkeyed one carries `hash` (SHA-256), as
 * every line of an older Keysmith does. Never both.
 */
const AuditLineSchema = z
  .looseObject({
    seq: Seq,
    at: z.string(),
    environmentId: z.string().nullable(),
    action: z.string().min(1),
    clientId: z.string().optional(),
    idempotencyKey: z.string().optional(),
    instance: z.string().optional(),
    outcome: z.string().optional(),
    skippedLines: z.array(Seq).optional(),
    sealedFrom: Seq.optional(),
    sealedTo: Seq.optional(),
    legacyHead: LegacyHeadSchema.optional(),
    prev: Hex64,
    hash: Hex64.optional(),
    mac: Hex64.optional(),
  })
  .refine((line) => (line.hash === undefined) !== (line.mac === undefined), {
    message: 'an entry carries either a hash or a MAC',
  });

/** A parsed audit line: the entry plus its chain fields. */
export type AuditLine = z.infer<typeof AuditLineSchema>;

/** Parses one line's JSON as an audit line. */
export const parseAuditLine = (json: unknown) => AuditLineSchema.safeParse(json);

/** The value the next line's `prev` must hold: the line's MAC, or its hash when it has none. */
export const chainValueOf = (line: AuditLine): string => line.mac ?? line.hash ?? '';

/** The sha256 (hex) of a line's canonical JSON without its `hash` field. */
export function hashOfLine(line: Readonly<Record<string, unknown>>): string {
  const { hash: _hash, ...rest } = line;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** The HMAC-SHA-256 (hex) under `key` of a line's canonical JSON without its `mac` field. */
export function macOfLine(key: Buffer, line: Readonly<Record<string, unknown>>): string {
  const { mac: _mac, ...rest } = line;
  return createHmac('sha256', key).update(canonicalJson(rest), 'utf8').digest('hex');
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
export function splitLines(text: string): {
  readonly lines: string[];
  readonly endsCleanly: boolean;
} {
  const endsCleanly = text === '' || text.endsWith('\n');
  const lines = text.split('\n');
  if (endsCleanly) lines.pop();
  return { lines, endsCleanly };
}

/** Reads a line: null when it is not JSON at all (what an interrupted write leaves). */
export function readLine(raw: string): { readonly json: unknown } | null {
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
    const parsed = parseAuditLine(readLine(raw)?.json);
    if (parsed.success) result.push(parsed.data);
  }
  return result;
}

/** Where the next append continues the chain, and what it must repair or seal first. */
export interface AuditTail {
  readonly seq: number;
  /** The last entry's MAC or hash: the next line's `prev`. */
  readonly last: string;
  /** Lines after the last entry that are not JSON: the next append records them as skipped. */
  readonly unreadable: readonly number[];
  /** False when the last line has no newline yet (an interrupted write): the next append adds one. */
  readonly endsCleanly: boolean;
  /** Whether any entry carries a MAC: then a missing key is lost, never replaced by a new one. */
  readonly hasKeyed: boolean;
  /** The first of the unkeyed entries at the end of the log (none: null): a keyed append seals them. */
  readonly unkeyedFrom: number | null;
}

/** Finds where the chain ends in a log's text. */
export function auditTailOf(text: string): AuditTail {
  const { lines, endsCleanly } = splitLines(text);
  let seq = 0;
  let last = GENESIS_HASH;
  let unreadable: number[] = [];
  let hasKeyed = false;
  let unkeyedFrom: number | null = null;
  lines.forEach((raw, index) => {
    const read = readLine(raw);
    if (read === null) {
      unreadable.push(index + 1);
      return;
    }
    unreadable = [];
    const parsed = parseAuditLine(read.json);
    if (!parsed.success) return;
    const line = parsed.data;
    ({ seq } = line);
    last = chainValueOf(line);
    if (line.mac !== undefined) {
      hasKeyed = true;
      unkeyedFrom = null;
    } else {
      unkeyedFrom ??= line.seq;
    }
  });
  return { seq, last, unreadable, endsCleanly, hasKeyed, unkeyedFrom };
}

/** True when the log holds the anchored keyed entry. */
export function anchorHolds(text: string, anchor: AuditAnchor): boolean {
  return parseAuditLines(text).some((line) => line.seq === anchor.seq && line.mac === anchor.mac);
}
