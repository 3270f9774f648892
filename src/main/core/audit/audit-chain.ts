import type { AuditRange, AuditVerification } from '../../../shared/domain';
import {
  GENESIS_HASH,
  RECOVER_ACTION,
  SEAL_ACTION,
  chainValueOf,
  hashOfLine,
  macOfLine,
  parseAuditLine,
  readLine,
  splitLines,
  type AuditAnchor,
  type AuditLine,
  type LegacyHead,
} from './audit-lines';

/** What the keychain held when the log was checked. */
export interface ChainKeys {
  /** False when the keychain could not be read: then nothing can be proven. */
  readonly keychainAvailable: boolean;
  /** The audit key, or null when the keychain has none. */
  readonly key: Buffer | null;
  /** The last keyed entry appended, or null when the keychain has none. */
  readonly anchor: AuditAnchor | null;
}

/** Unkeyed lines since the last keyed one: their first entry, its line, and every hash. */
interface UnkeyedRun {
  readonly from: number;
  readonly line: number;
  readonly hashes: string[];
}

const sameNumbers = (a: readonly number[] | undefined, b: readonly number[]): boolean =>
  a !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;

/** Why a seal does not hold, or null when it seals exactly the run before it. */
function sealProblem(seal: AuditLine, run: UnkeyedRun | null, lastSeq: number): string | null {
  if (run === null || seal.sealedFrom !== run.from || seal.sealedTo !== lastSeq) {
    return 'It claims to seal entries that are not the unkeyed ones right before it: lines were removed, inserted or moved.';
  }
  const head: LegacyHead | undefined = seal.legacyHead;
  if (head === undefined) return null;
  if (head.seq > lastSeq) {
    const missing = head.seq - lastSeq;
    return `The log an older Keysmith wrote had ${plural(missing, 'entry', 'entries')} more at its end (up to ${head.seq}) when it was sealed: they had been cut off.`;
  }
  if (run.hashes[head.seq - run.from] !== head.hash) {
    return `Entry ${head.seq} of the log an older Keysmith wrote is not the one it last appended: that log was rewritten.`;
  }
  return null;
}

/**
 * Checks an audit log's text against the audit key and anchor. Every keyed line's MAC must match,
 * every line must follow the one before it (number and `prev`), a run of unkeyed lines must be
 * sealed by the keyed line after it, and the log must reach the anchor. Lines that are not JSON
 * are accepted only when the entry right after them is an `audit.recover` line naming them (what
 * an append writes after a crash left a torn line). The first line that fails is reported
 * (`broken`); a log with nothing wrong is `intact` only when the keychain proves it.
 */
export function verifyAuditChain(text: string, keys: ChainKeys): AuditVerification {
  const { lines, endsCleanly } = splitLines(text);
  const { key, anchor } = keys;
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let entries = 0;
  let unreadable: number[] = [];
  let keyedSeen = false;
  let run: UnkeyedRun | null = null;
  const hashOnly: AuditRange[] = [];
  const broken = (line: number, reason: string, entry = lastSeq + 1): AuditVerification => ({
    state: 'broken',
    entries,
    brokenAt: { entry, line, reason },
  });
  /** A run of unkeyed lines where keyed ones stood: reported at its first entry. */
  const rewrittenRun = (open: UnkeyedRun, proof: string): AuditVerification => ({
    state: 'broken',
    entries: entries - (lastSeq + 1 - open.from),
    brokenAt: {
      entry: open.from,
      line: open.line,
      reason: `Entries from ${open.from} on carry no MAC, yet ${proof}: they were rewritten without the audit key.`,
    },
  });

  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    const read = readLine(raw);
    if (read === null) {
      unreadable.push(lineNumber);
      continue;
    }
    const parsed = parseAuditLine(read.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue !== undefined && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return broken(lineNumber, `It is not an audit entry (${where}${issue?.message ?? '?'}).`);
    }
    const line = parsed.data;
    const keyed = line.mac !== undefined;
    if (!keyed && hashOfLine(line) !== line.hash) {
      return broken(
        lineNumber,
        'Its content was changed after it was written: its hash does not match.',
      );
    }
    if (keyed && key !== null && macOfLine(key, line) !== line.mac) {
      return broken(
        lineNumber,
        'Its content was changed after it was written, or it was not written by Keysmith: its MAC does not match the audit key.',
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
    if (line.action === SEAL_ACTION && !keyed) {
      return broken(lineNumber, 'It is a seal without a MAC: only the audit key can seal entries.');
    }
    if (keyed && line.action === SEAL_ACTION) {
      const problem = sealProblem(line, run, lastSeq);
      if (problem !== null) return broken(lineNumber, problem);
    } else if (keyed && run !== null) {
      return rewrittenRun(run, `entry ${line.seq} after them does and nothing seals them`);
    }
    if (line.prev !== prev) {
      return broken(
        lineNumber,
        'It does not follow the line before it: a line was removed, inserted or replaced.',
      );
    }
    if (!keyed) run ??= { from: line.seq, line: lineNumber, hashes: [] };
    if (anchor !== null && line.seq === anchor.seq && line.mac !== anchor.mac) {
      if (run !== null && !keyed) {
        return rewrittenRun(run, `the keychain's anchor says entry ${anchor.seq} was keyed`);
      }
      return broken(
        lineNumber,
        'It is not the entry that was appended with this number: the log was rewritten.',
      );
    }
    if (!keyed) {
      run?.hashes.push(line.hash ?? '');
    } else {
      if (run !== null) hashOnly.push({ from: run.from, to: lastSeq });
      run = null;
      keyedSeen = true;
    }
    prev = chainValueOf(line);
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
  if (anchor !== null && anchor.seq > lastSeq) {
    const missing = anchor.seq - lastSeq;
    return broken(
      lines.length + 1,
      `The log ends at entry ${lastSeq} but the keychain's anchor says entry ${anchor.seq} was appended: ${plural(missing, 'line was', 'lines were')} removed from the end.`,
    );
  }
  const unverifiable = (reason: string): AuditVerification => ({
    state: 'unverifiable',
    entries,
    reason,
  });
  if (!keys.keychainAvailable) {
    return unverifiable(
      'The OS keychain is unavailable, so the audit key and anchor cannot be read: edits and removed entries cannot be ruled out.',
    );
  }
  if (keyedSeen && key === null) {
    return unverifiable(
      'The audit key is missing from the keychain: no entry’s MAC can be checked. New entries are kept by hash only.',
    );
  }
  if (keyedSeen && anchor === null) {
    return unverifiable(
      'The anchor is missing from the keychain: entries cut off the end of the log would go unnoticed.',
    );
  }
  if (run !== null) {
    return unverifiable(
      `Entries ${run.from}–${lastSeq} were written without the audit key (by an older Keysmith, or while the keychain was unavailable) and are not sealed yet: the next entry seals them.`,
    );
  }
  return { state: 'intact', entries, hashOnly };
}
