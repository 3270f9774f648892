import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createIdempotencyLedger } from '../../src/main/core/credentials/idempotency-ledger';
import type { NewCredential } from '../../src/shared/domain';
import { AppFailure } from '../../src/shared/errors';
import { manualClock } from '../fixtures/sandbox-client';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HOUR = 3600_000;
const BODY: NewCredential = { name: 'CI key', expiresAt: '2027-03-04T00:00:00.000Z' };

/** A fresh folder for one test, removed afterwards. */
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keysmith-ledger-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function ledgerInTemp(clock = manualClock()) {
  const dir = await tempDir();
  const file = join(dir, 'state', 'pending-creates.json');
  return { dir, file, clock, ledger: createIdempotencyLedger(file, { now: clock.now }) };
}

describe('idempotency ledger (pending creates)', () => {
  it('writes a new UUID v4 key to disk before handing it out', async () => {
    const { file, ledger, clock } = await ledgerInTemp();
    const key = await ledger.begin('env-prod', BODY);
    expect(key).toMatch(UUID_V4);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      entries: [{ key, scope: 'env-prod', body: BODY, startedAt: clock.now() }],
    });
  });

  it('pressing Create again for the same unfinished create reuses its key', async () => {
    const { ledger } = await ledgerInTemp();
    const key = await ledger.begin('env-prod', BODY);
    expect(await ledger.begin('env-prod', { ...BODY })).toBe(key);
    expect(await ledger.pending()).toHaveLength(1);
  });

  it('a different name, expiry or environment gets its own key', async () => {
    const { ledger } = await ledgerInTemp();
    const key = await ledger.begin('env-prod', BODY);
    const keys = new Set([
      key,
      await ledger.begin('env-prod', { ...BODY, name: 'Other' }),
      await ledger.begin('env-prod', { ...BODY, expiresAt: null }),
      await ledger.begin('env-staging', BODY),
    ]);
    expect(keys.size).toBe(4);
    expect(await ledger.pending('env-prod')).toHaveLength(3);
    expect(await ledger.pending('env-staging')).toHaveLength(1);
  });

  it('the key survives a restart of the app', async () => {
    const { file, ledger, clock } = await ledgerInTemp();
    const key = await ledger.begin('env-prod', BODY);
    const restarted = createIdempotencyLedger(file, { now: clock.now });
    expect(await restarted.begin('env-prod', BODY)).toBe(key);
  });

  it('a completed create frees its key: the next create gets a new one', async () => {
    const { ledger } = await ledgerInTemp();
    const first = await ledger.begin('env-prod', BODY);
    await ledger.complete(first);
    expect(await ledger.pending()).toEqual([]);
    const second = await ledger.begin('env-prod', BODY);
    expect(second).not.toBe(first);
    await ledger.complete('unknown-key');
    expect(await ledger.pending()).toHaveLength(1);
  });

  it('a key older than 23 hours is not reused, and after 24 hours it is forgotten', async () => {
    const { ledger, clock } = await ledgerInTemp();
    const old = await ledger.begin('env-prod', BODY);
    clock.advance(23 * HOUR);
    const fresh = await ledger.begin('env-prod', BODY);
    expect(fresh).not.toBe(old);
    expect((await ledger.pending()).map((entry) => entry.key)).toEqual([old, fresh]);
    clock.advance(HOUR);
    expect((await ledger.pending()).map((entry) => entry.key)).toEqual([fresh]);
  });

  it('two creates started at once for the same body share one key', async () => {
    const { ledger } = await ledgerInTemp();
    const keys = await Promise.all([1, 2, 3].map(() => ledger.begin('env-prod', BODY)));
    expect(new Set(keys).size).toBe(1);
    expect(await ledger.pending()).toHaveLength(1);
  });

  it('stores only the name and expiry, never a secret passed along by mistake', async () => {
    const { file, ledger } = await ledgerInTemp();
    const withSecret = { ...BODY, clientSecret: 'cs_live_never_on_disk' } as NewCredential;
    await ledger.begin('env-prod', withSecret);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('cs_live_never_on_disk');
    expect((await ledger.pending())[0]?.body).toEqual(BODY);
  });

  it('leaves no temporary files behind', async () => {
    const { file, ledger } = await ledgerInTemp();
    const key = await ledger.begin('env-prod', BODY);
    await ledger.begin('env-dev', BODY);
    await ledger.complete(key);
    expect(await readdir(join(file, '..'))).toEqual(['pending-creates.json']);
  });

  it('records which client_id a key created, past complete and a restart, per environment', async () => {
    const { file, ledger, clock } = await ledgerInTemp();
    const key = await ledger.begin('env-prod', BODY);
    expect(await ledger.createdClientId('env-prod', key)).toBeNull();
    await ledger.recordCreated('env-prod', key, 'client-a');
    await ledger.complete(key);
    const restarted = createIdempotencyLedger(file, { now: clock.now });
    expect(await restarted.createdClientId('env-prod', key)).toBe('client-a');
    expect(await restarted.createdClientId('env-staging', key)).toBeNull();
    expect(await restarted.createdClientId('env-prod', 'another-key')).toBeNull();
    // A caller's own key (the rotation wizard's) is recorded the same way, without begin.
    await restarted.recordCreated('env-prod', 'rotation-key', 'client-b');
    expect(await restarted.createdClientId('env-prod', 'rotation-key')).toBe('client-b');
    expect(await restarted.pending()).toEqual([]);
    clock.advance(24 * HOUR);
    expect(await restarted.createdClientId('env-prod', key)).toBeNull();
  });

  it.each([
    ['not JSON', '{"version":1,"entries":[{"key":', /is not valid JSON/],
    [
      'of the wrong shape',
      '{"version":1,"entries":[{"key":"k"}]}',
      /expected shape \(entries\.0\.scope/,
    ],
  ])(
    'a corrupt file (%s) is reported and left untouched, never emptied',
    async (_what, text, reason) => {
      const { dir, ledger } = await ledgerInTemp();
      const file = join(dir, 'pending.json');
      await writeFile(file, text);
      const corrupt = createIdempotencyLedger(file);
      const error = await corrupt.begin('env-prod', BODY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).appError).toMatchObject({
        kind: 'internal',
        message: expect.stringMatching(reason),
      });
      expect((error as AppFailure).message).toContain(file);
      await expect(corrupt.pending()).rejects.toBeInstanceOf(AppFailure);
      expect(await readFile(file, 'utf8')).toBe(text);
      expect(await ledger.pending()).toEqual([]);
    },
  );
});
