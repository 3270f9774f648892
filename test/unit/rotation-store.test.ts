import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startRotation } from '../../src/main/core/rotation/rotation-state';
import { createRotationStore } from '../../src/main/core/rotation/rotation-store';
import { AppFailure } from '../../src/shared/errors';

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keysmith-rotation-store-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'rotations.json');
}

const rotation = (environmentId = 'env-1') =>
  startRotation({
    id: `r-${environmentId}`,
    environmentId,
    old: { clientId: 'old', name: 'Old', expiresAt: null },
    replacement: { name: 'New', expiresAt: null, idempotencyKey: 'key-1' },
    at: Date.UTC(2026, 2, 1),
  });

describe('rotations.json', () => {
  it('keeps one rotation per environment across a reload', async () => {
    const file = await tempFile();
    const store = createRotationStore(file);
    await store.load();
    await store.save(rotation('env-1'));
    await store.save(rotation('env-2'));
    const again = createRotationStore(file);
    await again.load();
    expect(again.get('env-1')).toEqual(rotation('env-1'));
    expect(again.pending('env-2')).toBe(true);
    expect(again.pending('env-3')).toBe(false);
    await again.remove('env-1');
    const third = createRotationStore(file);
    await third.load();
    expect(third.get('env-1')).toBeNull();
  });

  it('a corrupt file is reported and left untouched, never replaced by an empty one', async () => {
    const file = await tempFile();
    await writeFile(file, '{"version":1,"rotations":[{"id":');
    const store = createRotationStore(file);
    await store.load();
    expect(store.loadError()?.message).toContain('is unreadable: it is not valid JSON');
    expect(() => store.get('env-1')).toThrow(AppFailure);
    expect(store.pending('env-1')).toBe(false);
    await expect(store.save(rotation())).rejects.toThrow(/unreadable/);
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"rotations":[{"id":');
  });

  it('refuses a file with a field it does not know (a secret cannot ride along)', async () => {
    const file = await tempFile();
    const tampered = { ...rotation(), clientSecret: 'nope' };
    await writeFile(file, JSON.stringify({ version: 1, rotations: [tampered] }));
    const store = createRotationStore(file);
    await store.load();
    expect(store.loadError()?.message).toContain('does not have the expected shape');
    await expect(store.save({ ...rotation(), ...{ clientSecret: 'x' } })).rejects.toThrow();
  });

  it('keeps the previous good copy as rotations.json.bak', async () => {
    const file = await tempFile();
    const store = createRotationStore(file);
    await store.load();
    await store.save(rotation());
    await store.save({ ...rotation(), createAttempts: 1 });
    const backup = JSON.parse(await readFile(`${file}.bak`, 'utf8')) as {
      rotations: { createAttempts: number }[];
    };
    expect(backup.rotations[0]?.createAttempts).toBe(0);
  });
});
