import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_ACCOUNT, AUDIT_KEY_ACCOUNT } from '../../src/main/core/audit/audit-keyring';
import { AUDIT_FILE, AUDIT_HEAD_FILE } from '../../src/main/core/audit/audit-log';
import { isCredentialAccount, secretAccount } from '../../src/main/core/secrets/secret-store';
import { canonicalJson } from '../../src/shared/canonical-json';
import { AUDIT_HEAD_WRITTEN_BEFORE, AUDIT_LOG_WRITTEN_BEFORE } from '../fixtures/audit-log-v1';
import { auditWorld, sampleAction as action, type AuditWorld } from '../fixtures/audit-world';
import { coreForTest } from '../fixtures/core-fixture';

// The audit key and anchor in the real keychain: run with `node scripts/with-keychain.mjs`.

let world: AuditWorld;

beforeEach(async () => {
  world = await auditWorld();
});

const lineAt = async (index: number): Promise<Record<string, unknown>> =>
  JSON.parse((await readFile(world.logPath, 'utf8')).split('\n')[index] ?? '') as Record<
    string,
    unknown
  >;

describe('the audit key and anchor live in the keychain', () => {
  it('under reserved accounts no credential account can take, the anchor moving with each append', async () => {
    const log = world.open();
    for (let i = 1; i <= 4; i += 1) {
      const written = await log.append(action(i));
      expect((await world.storedAnchor())?.seq).toBe(written.seq);
    }
    expect((await world.storedAnchor())?.mac).toBe((await lineAt(3))['mac']);
    const accounts = await world.keychain.list();
    expect([...accounts].sort()).toEqual([AUDIT_ANCHOR_ACCOUNT, AUDIT_KEY_ACCOUNT].sort());
    for (const account of accounts) expect(isCredentialAccount(account)).toBe(false);
    expect(isCredentialAccount(secretAccount('.keysmith-audit', 'key'))).toBe(true);
    // The key: 256 random bits, never in the data folder.
    const key = await world.storedKey();
    expect(key).toHaveLength(32);
    const onDisk = await readFile(world.logPath, 'utf8');
    expect(onDisk).not.toContain(key!.toString('base64'));
    expect(onDisk).not.toContain(key!.toString('hex'));
  });

  it('reads a deleted anchor as unverifiable, cut lines or not, and never re-anchors after it', async () => {
    await world.logWith(5);
    await world.keychain.delete(AUDIT_ANCHOR_ACCOUNT);
    expect(await world.open().verify()).toEqual({
      state: 'unverifiable',
      entries: 5,
      reason: expect.stringMatching(/anchor is missing/),
    });
    await world.editLines((lines) => lines.slice(0, 3));
    const restarted = world.open();
    await restarted.append(action(6));
    expect(await world.storedAnchor()).toBeNull();
    expect(await restarted.verify()).toMatchObject({ state: 'unverifiable', entries: 4 });
  });

  it('leaves an anchor someone else changed or deleted while the app ran where it is', async () => {
    const log = await world.logWith(3);
    const forged = { seq: 2, mac: 'e'.repeat(64) };
    await world.keychain.set(AUDIT_ANCHOR_ACCOUNT, JSON.stringify(forged));
    await log.append(action(4));
    expect(await world.storedAnchor()).toEqual(forged);
    expect(await log.verify()).toMatchObject({ state: 'broken', brokenAt: { entry: 2 } });

    const other = await auditWorld();
    const running = await other.logWith(2);
    await other.keychain.delete(AUDIT_ANCHOR_ACCOUNT);
    await running.append(action(3));
    expect(await other.storedAnchor()).toBeNull();
    expect(await running.verify()).toMatchObject({ state: 'unverifiable', entries: 3 });
  });

  it('reads a deleted key as unverifiable, never makes a new one over keyed entries, and appends by hash', async () => {
    await world.logWith(3);
    await world.keychain.delete(AUDIT_KEY_ACCOUNT);
    const restarted = world.open();
    await restarted.append(action(4));
    expect(await world.storedKey()).toBeNull();
    expect(await lineAt(3)).toMatchObject({ seq: 4, hash: expect.any(String) });
    expect(await lineAt(3)).not.toHaveProperty('mac');
    expect(await restarted.verify()).toEqual({
      state: 'unverifiable',
      entries: 4,
      reason: expect.stringMatching(/key is missing/),
    });
  });
});

describe('without a keychain', () => {
  it('appends go on by hash and the log reads unverifiable, never intact; the keychain back, a seal binds them', async () => {
    world.offline(true);
    const log = world.open();
    expect(await log.verify()).toMatchObject({ state: 'unverifiable', entries: 0 });
    for (let i = 1; i <= 3; i += 1) await log.append(action(i));
    expect(await lineAt(0)).toHaveProperty('hash');
    expect(await log.verify()).toEqual({
      state: 'unverifiable',
      entries: 3,
      reason: expect.stringMatching(/keychain is unavailable/),
    });

    world.offline(false);
    expect(await world.keychain.list()).toEqual([]);
    expect(await log.verify()).toMatchObject({
      state: 'unverifiable',
      reason: expect.stringMatching(/Entries 1–3 .* not sealed yet/),
    });
    await log.append(action(4));
    expect(await lineAt(3)).toMatchObject({ seq: 4, action: 'audit.seal', sealedFrom: 1 });
    expect(await log.verify()).toEqual({
      state: 'intact',
      entries: 5,
      hashOnly: [{ from: 1, to: 3 }],
    });
    expect(await world.storedAnchor()).toMatchObject({ seq: 5 });
  });

  it('for a while in the middle: keyed, hashed after a restart, then sealed, the anchor left where it was', async () => {
    const running = await world.logWith(2);
    world.offline(true);
    // A running log keeps the key it read: its entries stay keyed, only the anchor lags.
    await running.append(action(3));
    expect(await lineAt(2)).toHaveProperty('mac');
    const restarted = world.open();
    await restarted.append(action(4));
    await restarted.append(action(5));
    expect(await lineAt(3)).toHaveProperty('hash');
    world.offline(false);
    expect(await world.storedAnchor()).toMatchObject({ seq: 2 });
    expect(await restarted.verify()).toMatchObject({ state: 'unverifiable', entries: 5 });
    await restarted.append(action(6));
    expect(await restarted.verify()).toEqual({
      state: 'intact',
      entries: 7,
      hashOnly: [{ from: 4, to: 5 }],
    });
    expect(await world.storedAnchor()).toMatchObject({ seq: 7 });
  });
});

describe('a log an older Keysmith wrote (unkeyed, with audit.head)', () => {
  const writeOldLog = async (log = AUDIT_LOG_WRITTEN_BEFORE) => {
    await writeFile(join(world.dir, AUDIT_FILE), log);
    await writeFile(join(world.dir, AUDIT_HEAD_FILE), AUDIT_HEAD_WRITTEN_BEFORE);
  };

  it('is not reported as tampered, and is sealed into the keyed chain, verified by hash only', async () => {
    await writeOldLog();
    const log = world.open();
    expect(await log.verify()).toMatchObject({ state: 'unverifiable', entries: 4 });
    await log.seal();
    expect(await lineAt(5)).toMatchObject({
      seq: 5,
      action: 'audit.seal',
      sealedFrom: 1,
      sealedTo: 4,
      legacyHead: JSON.parse(AUDIT_HEAD_WRITTEN_BEFORE),
      mac: expect.any(String),
    });
    expect(await log.verify()).toEqual({
      state: 'intact',
      entries: 5,
      hashOnly: [{ from: 1, to: 4 }],
    });
    await log.append({ environmentId: 'env-1', action: 'environment.update' });
    expect(await world.open().verify()).toMatchObject({ state: 'intact', entries: 6 });
    await log.seal(); // Nothing left to seal: nothing written.
    expect((await log.list()).length).toBe(6);
  });

  it('is broken once sealed if it had lines cut off its end before the upgrade', async () => {
    const cut = AUDIT_LOG_WRITTEN_BEFORE.split('\n').slice(0, 2).join('\n');
    await writeOldLog(`${cut}\n`);
    const log = world.open();
    await log.seal();
    expect(await log.verify()).toMatchObject({
      state: 'broken',
      brokenAt: { line: 3, reason: expect.stringMatching(/2 entries more at its end/) },
    });
  });

  it('is broken once sealed if one of its entries is rewritten and the old hashes recomputed', async () => {
    await writeOldLog();
    const log = world.open();
    await log.seal();
    // Rewrite entry 2 (line 2) and recompute the sha256 chain from there, as the old code would.
    await world.editLines((lines) => {
      let prev = '';
      return lines.map((raw, index) => {
        if (index < 1 || index > 4 || index === 2) return raw;
        const { hash: _old, ...rest } = JSON.parse(raw) as Record<string, unknown>;
        const line = index === 1 ? { ...rest, outcome: 'nothing' } : { ...rest, prev };
        prev = createHash('sha256').update(canonicalJson(line)).digest('hex');
        return JSON.stringify({ ...line, hash: prev });
      });
    });
    expect(await log.verify()).toMatchObject({ state: 'broken', brokenAt: { line: 6 } });
  });

  it('is sealed when the core starts, before any action', async () => {
    const { dataDir, restart } = await coreForTest();
    await writeFile(join(dataDir, AUDIT_FILE), AUDIT_LOG_WRITTEN_BEFORE);
    await writeFile(join(dataDir, AUDIT_HEAD_FILE), AUDIT_HEAD_WRITTEN_BEFORE);
    const core = await restart();
    expect(await core.auditLog.verify()).toEqual({
      state: 'intact',
      entries: 5,
      hashOnly: [{ from: 1, to: 4 }],
    });
  });
});
