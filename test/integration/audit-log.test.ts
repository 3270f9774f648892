import { createHash, createHmac } from 'node:crypto';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../src/shared/domain';
import { AppFailure } from '../../src/shared/errors';
import { verifyAuditChain } from '../../src/main/core/audit/audit-chain';
import { GENESIS_HASH } from '../../src/main/core/audit/audit-lines';
import { createAuditLog, type NewAuditEntry } from '../../src/main/core/audit/audit-log';
import { canonicalJson } from '../../src/shared/canonical-json';
import { auditWorld, sampleAction as action, type AuditWorld } from '../fixtures/audit-world';
import { SECRET_SHAPED_VALUE } from '../fixtures/fake-secrets';

// The audit log over the real keychain: run with `node scripts/with-keychain.mjs npx vitest run`.

let world: AuditWorld;

beforeEach(async () => {
  world = await auditWorld();
});

const logPath = () => world.logPath;
const openLog = () => world.open();
const logWith = (count: number) => world.logWith(count);
const editLines = (change: (lines: string[]) => string[]) => world.editLines(change);
const intact = (entries: number) => ({ state: 'intact', entries, hashOnly: [] });
/** The line a verification reports broken, or null when it is not broken. */
const brokenLine = (verification: AuditVerification): number | null =>
  verification.state === 'broken' ? verification.brokenAt.line : null;

describe('the audit log records every action', () => {
  it('numbers, timestamps and returns each entry, newest first in the list', async () => {
    const log = openLog();
    const first = await log.append({ environmentId: 'env-1', action: 'environment.add' });
    const second = await log.append({ environmentId: null, action: 'app.start', outcome: 'ok' });
    expect(first).toEqual({
      seq: 1,
      at: '2026-03-04T05:06:08.000Z',
      environmentId: 'env-1',
      action: 'environment.add',
    });
    expect(second.seq).toBe(2);
    expect(await log.list()).toEqual([second, first]);
  });

  it('filters by environment and limits the count', async () => {
    const log = await logWith(10);
    const odd = await log.list({ environmentId: 'env-odd' });
    expect(odd.map((entry) => entry.seq)).toEqual([9, 7, 5, 3, 1]);
    expect((await log.list({ limit: 3 })).map((entry) => entry.seq)).toEqual([10, 9, 8]);
  });

  it('chains each line to the previous one by an HMAC-SHA-256 of its canonical JSON, under the key in the keychain', async () => {
    await logWith(3);
    const key = await world.storedKey();
    expect(key).toHaveLength(32);
    const lines = (await readFile(logPath(), 'utf8')).trimEnd().split('\n');
    let prev = GENESIS_HASH;
    for (const raw of lines) {
      const { mac, ...rest } = JSON.parse(raw) as Record<string, unknown>;
      expect(rest.prev).toBe(prev);
      expect(rest).not.toHaveProperty('hash');
      expect(mac).toBe(createHmac('sha256', key!).update(canonicalJson(rest)).digest('hex'));
      prev = mac as string;
    }
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    // The anchor in the keychain: the last entry's number and MAC.
    expect(await world.storedAnchor()).toEqual({ seq: 3, mac: prev });
  });

  it('stays valid after 100 appends, and continues the chain after a restart', async () => {
    await logWith(100);
    expect(await openLog().verify()).toEqual(intact(100));
    const restarted = openLog();
    expect((await restarted.append(action(101))).seq).toBe(101);
    expect(await restarted.verify()).toEqual(intact(101));
  });

  it('keeps 50 simultaneous appends in one unbroken chain', async () => {
    const log = openLog();
    const written = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(action(i))));
    expect(written.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await log.verify()).toEqual(intact(50));
  });

  it('exports exactly the bytes on disk', async () => {
    const log = await logWith(5);
    expect(await log.export()).toBe(await readFile(logPath(), 'utf8'));
    const elsewhere = createAuditLog(join(world.dir, 'elsewhere'), { secrets: world.secrets });
    expect(await elsewhere.export()).toBe('');
  });

  it('reports an empty log as intact while the keychain is reachable', async () => {
    expect(await openLog().verify()).toEqual(intact(0));
    const keys = { keychainAvailable: true, key: null, anchor: null };
    expect(verifyAuditChain('', keys)).toEqual(intact(0));
  });
});

describe('verification points at the line that was tampered with', () => {
  it('detects an edited field', async () => {
    const log = await logWith(100);
    await editLines((lines) =>
      lines.map((line, i) => (i === 36 ? line.replace('dinie_ci_37', 'dinie_ci_99') : line)),
    );
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      entries: 36,
      brokenAt: { line: 37, reason: expect.stringMatching(/changed/) },
    });
  });

  /** Rewrites the outcome of line `index` and seals the forgery as `seal` says, dropping the MAC. */
  const forge = (index: number, seal: (forged: Record<string, unknown>) => object) =>
    editLines((lines) =>
      lines.map((line, i) => {
        if (i !== index) return line;
        const { mac: _old, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const forged = { ...rest, outcome: 'nothing happened' };
        return JSON.stringify({ ...forged, ...seal(forged) });
      }),
    );

  it('detects an edited line whose hash was recomputed as an older Keysmith chained it, at that line', async () => {
    const log = await logWith(10);
    await forge(4, (forged) => ({
      hash: createHash('sha256').update(canonicalJson(forged)).digest('hex'),
    }));
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      entries: 4,
      brokenAt: { entry: 5, line: 5, reason: expect.stringMatching(/without the audit key/) },
    });
  });

  it('detects an edited line whose MAC was recomputed under another key, at that line', async () => {
    const log = await logWith(10);
    await forge(6, (forged) => ({
      mac: createHmac('sha256', Buffer.alloc(32, 7)).update(canonicalJson(forged)).digest('hex'),
    }));
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      entries: 6,
      brokenAt: { entry: 7, line: 7, reason: expect.stringMatching(/MAC does not match/) },
    });
  });

  it('detects a deleted line', async () => {
    const log = await logWith(100);
    await editLines((lines) => lines.filter((_, i) => i !== 49));
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      brokenAt: { line: 50, reason: expect.stringMatching(/Entry 50 is missing/) },
    });
  });

  it('detects two swapped lines', async () => {
    const log = await logWith(20);
    await editLines((lines) => {
      const copy = [...lines];
      [copy[9], copy[10]] = [copy[10] ?? '', copy[9] ?? ''];
      return copy;
    });
    expect(brokenLine(await log.verify())).toBe(10);
  });

  it('detects an inserted copy of an earlier line', async () => {
    const log = await logWith(10);
    await editLines((lines) => [...lines.slice(0, 5), lines[2] ?? '', ...lines.slice(5)]);
    expect(await log.verify()).toMatchObject({
      brokenAt: { line: 6, reason: expect.stringMatching(/inserted or moved/) },
    });
  });

  it('detects lines cut off the end, which the chain alone cannot see', async () => {
    const log = await logWith(100);
    await editLines((lines) => lines.slice(0, 98));
    const withoutAnchor = { keychainAvailable: true, key: await world.storedKey(), anchor: null };
    expect(verifyAuditChain(await readFile(logPath(), 'utf8'), withoutAnchor).state).toBe(
      'unverifiable',
    );
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      entries: 98,
      brokenAt: { line: 99, reason: expect.stringMatching(/2 lines were removed from the end/) },
    });
  });

  it('detects a deleted log file', async () => {
    const log = await logWith(3);
    await rm(logPath());
    expect(brokenLine(await log.verify())).toBe(1);
  });

  it('detects a line that is not an entry at all', async () => {
    const log = await logWith(5);
    await editLines((lines) => [...lines.slice(0, 2), '{"hello":"world"}', ...lines.slice(2)]);
    expect(brokenLine(await log.verify())).toBe(3);
  });
});

describe('a crash in the middle of an append', () => {
  it('is reported on the torn last line, and the next append recovers on a new line', async () => {
    await logWith(10);
    // What a crash leaves: part of entry 11, no newline; the append never finished.
    await appendFile(logPath(), '{"seq":11,"at":"2026-03-04T05:06:');

    const afterCrash = openLog();
    expect(await afterCrash.verify()).toMatchObject({
      state: 'broken',
      entries: 10,
      brokenAt: { line: 11, reason: expect.stringMatching(/incomplete/) },
    });

    const next = await afterCrash.append(action(11));
    expect(next.seq).toBe(12);
    const lines = (await readFile(logPath(), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    expect(JSON.parse(lines[11] ?? '')).toMatchObject({
      seq: 11,
      action: 'audit.recover',
      skippedLines: [11],
    });
    expect(await afterCrash.verify()).toEqual(intact(12));
    expect((await openLog().verify()).state).toBe('intact');
    expect((await afterCrash.list({ limit: 2 })).map((entry) => entry.action)).toEqual([
      'credential.create',
      'audit.recover',
    ]);
  });

  it('does not mistake a complete entry cut partway for a crash, even after more appends', async () => {
    await logWith(10);
    const text = await readFile(logPath(), 'utf8');
    await writeFile(logPath(), text.slice(0, text.length - 40));
    const log = openLog();
    await log.append(action(11));
    await log.append(action(12));
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      brokenAt: { line: 11, reason: expect.stringMatching(/rewritten/) },
    });
  });

  it('keeps reporting lines cut off the end after later appends', async () => {
    await logWith(10);
    await editLines((lines) => lines.slice(0, 7));
    const log = openLog();
    await log.append(action(11));
    expect(await log.verify()).toMatchObject({ state: 'broken', brokenAt: { line: 9 } });
    for (let i = 12; i <= 14; i += 1) await log.append(action(i));
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      brokenAt: { line: 10, reason: expect.stringMatching(/rewritten/) },
    });
  });

  it('does not let garbage pass for a torn line in the middle of the log', async () => {
    const log = await logWith(5);
    await editLines((lines) => [...lines.slice(0, 2), '{"seq":3,"at":', ...lines.slice(2)]);
    expect(brokenLine(await log.verify())).toBe(3);
  });
});

describe('no secret or token ever reaches the audit log', () => {
  const secret = SECRET_SHAPED_VALUE;
  const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJkaW5pZV9jaV8xIn0.c2lnbmF0dXJl';

  const attempts: readonly [string, NewAuditEntry][] = [
    ['a client secret in the outcome', { environmentId: 'e', action: 'x', outcome: secret }],
    ['a JWT in the client_id', { environmentId: 'e', action: 'x', clientId: jwt }],
    [
      'a bearer token in the instance',
      { environmentId: 'e', action: 'x', instance: `Bearer ${jwt}` },
    ],
    ['a secret as the action', { environmentId: 'e', action: `revoke ${secret}` }],
    ['a secret as the environment id', { environmentId: secret, action: 'x' }],
  ];

  for (const [what, entry] of attempts) {
    it(`refuses ${what} without writing or echoing it`, async () => {
      const log = await logWith(2);
      const before = await readFile(logPath(), 'utf8');
      const failure = await log.append(entry).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).appError.kind).toBe('internal');
      expect((failure as AppFailure).message).not.toContain(secret);
      expect((failure as AppFailure).message).not.toContain(jwt);
      expect(await readFile(logPath(), 'utf8')).toBe(before);
      expect(await log.verify()).toEqual(intact(2));
    });
  }

  it('writes only the fields of an audit entry, dropping anything else passed along', async () => {
    const log = openLog();
    const sneaky = { environmentId: 'e', action: 'x', clientSecret: 'hunter2', token: 't' };
    const written = await log.append(sneaky as NewAuditEntry);
    expect(written).toEqual({ seq: 1, at: expect.any(String), environmentId: 'e', action: 'x' });
    const text = await readFile(logPath(), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('clientSecret');
  });

  it('keeps a long outcome, cut to a bounded length', async () => {
    const log = openLog();
    const written = await log.append({
      environmentId: null,
      action: 'x',
      outcome: 'a'.repeat(5000),
    });
    expect(written.outcome).toHaveLength(2000);
    expect(await log.verify()).toEqual(intact(1));
  });

  it('appends to a log whose folder does not exist yet', async () => {
    const log = createAuditLog(join(world.dir, 'nested', 'data'), { secrets: world.secrets });
    await log.append({ environmentId: null, action: 'x' });
    expect(await log.verify()).toEqual(intact(1));
  });
});
