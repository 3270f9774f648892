import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox';
import {
  call,
  createCredential,
  expectProblem,
  requestToken,
  sandbox,
  tokenFor,
} from '../fixtures/sandbox-client';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keysmith-sandbox-'));
  return dir;
}

describe('data file', () => {
  it('keeps credentials across a restart with no client secret in the file', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'sandbox.json');
    try {
      const first = await startSandbox({ dataFile });
      const bootstrapSecret = first.bootstrap.clientSecret!;
      const token = await tokenFor(first);
      const created = await createCredential(first.url, token, { name: 'Persisted' });
      await call(`${first.url}/auth/credentials/${created.client_id}`, { method: 'DELETE', token });
      const kept = await createCredential(first.url, token, { name: 'Kept' });
      await first.close();

      const text = await readFile(dataFile, 'utf8');
      for (const secret of [bootstrapSecret, created.client_secret, kept.client_secret]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice('dinie_cs_test_'.length));
      }
      expect(text).not.toContain('client_secret');
      expect(text).toContain(kept.client_id);
      if (process.platform !== 'win32') expect((await stat(dataFile)).mode & 0o777).toBe(0o600);

      const second = await sandbox({ dataFile });
      expect(second.bootstrap.clientId).not.toBe(first.bootstrap.clientId);
      expectProblem(await call(`${second.url}/auth/credentials`, { token }), 401, 'invalid_token');
      const names = (
        (await call(`${second.url}/auth/credentials`, { token: await tokenFor(second) })).json as {
          data: Array<Record<string, unknown>>;
        }
      ).data.map((c) => `${String(c['name'])}:${String(c['status'])}`);
      expect(names).toEqual([
        expect.stringMatching(/^Bootstrap \d{4}-\d\d-\d\dT.*:active$/),
        'Kept:active',
        'Persisted:revoked',
        'Bootstrap:active',
      ]);
      expect((await requestToken(second.url, kept.client_id, kept.client_secret)).status).toBe(200);
      expectProblem(
        await requestToken(second.url, created.client_id, created.client_secret),
        401,
        'invalid_client',
      );
      expect(
        (await requestToken(second.url, first.bootstrap.clientId, bootstrapSecret)).status,
      ).toBe(200);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('upserts the bootstrap credential: new secret replaces the old, a revoked one is usable again', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'sandbox.json');
    try {
      const bootstrap = { clientId: 'keysmith-local', clientSecret: 'first secret' };
      const first = await startSandbox({ dataFile, bootstrap });
      const token = await tokenFor(first);
      expect(
        (await call(`${first.url}/auth/credentials/keysmith-local`, { method: 'DELETE', token }))
          .status,
      ).toBe(204);
      await first.close();
      expect(await readFile(dataFile, 'utf8')).not.toContain('first secret');

      const second = await sandbox({
        dataFile,
        bootstrap: { ...bootstrap, clientSecret: 'second secret', name: 'Local' },
      });
      expect(second.bootstrap).toEqual({
        clientId: 'keysmith-local',
        clientSecret: 'second secret',
      });
      expectProblem(
        await requestToken(second.url, 'keysmith-local', 'first secret'),
        401,
        'invalid_client',
      );
      const list = (await call(`${second.url}/auth/credentials`, { token: await tokenFor(second) }))
        .json as {
        data: Array<Record<string, unknown>>;
      };
      expect(list.data).toEqual([
        expect.objectContaining({ client_id: 'keysmith-local', name: 'Local', status: 'active' }),
      ]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a corrupt data file and leaves it untouched', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'sandbox.json');
    try {
      await writeFile(dataFile, '{"version":1,"credentials":[{"client_id":');
      await expect(startSandbox({ dataFile })).rejects.toThrow(/not valid JSON/);
      await writeFile(
        dataFile,
        '{"version":1,"credentials":[{"client_secret":"plain"}],"idempotency":[]}',
      );
      await expect(startSandbox({ dataFile })).rejects.toThrow(/invalid at credentials\.0/);
      expect(await readFile(dataFile, 'utf8')).toContain('"plain"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 500 internal_error when the state cannot be saved, and keeps serving', async () => {
    const dir = await tempDir();
    const sbx = await startSandbox({ dataFile: join(dir, 'sandbox.json') });
    try {
      const token = await tokenFor(sbx);
      await rm(dir, { recursive: true, force: true });
      const failed = await call(`${sbx.url}/auth/credentials`, {
        method: 'POST',
        token,
        body: { name: 'x' },
      });
      expectProblem(failed, 500, 'internal_error');
      expect(failed.text).not.toContain(dir);
      expect((await call(`${sbx.url}/auth/credentials`, { token })).status).toBe(200);
    } finally {
      await mkdir(dir, { recursive: true });
      await sbx.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
