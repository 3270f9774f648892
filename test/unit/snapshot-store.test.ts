import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Credential } from '../../src/shared/domain';
import { MAX_SNAPSHOT_CREDENTIALS } from '../../src/main/core/snapshots/credentials-part';
import { publicJwk, publicKeysOf } from '../../src/main/core/snapshots/public-jwk';
import { nextJwks } from '../../src/main/core/snapshots/snapshot-changes';
import {
  emptySnapshot,
  serializeSnapshot,
  type StoredSnapshot,
} from '../../src/main/core/snapshots/snapshot-file';
import {
  createSnapshotStore,
  SNAPSHOTS_FOLDER,
} from '../../src/main/core/snapshots/snapshot-store';
import { unpackCredentials } from '../../src/shared/fleet/snapshot-types';
import { packCredentials } from '../../src/shared/ipc/channels/snapshots';
import { SECRET_SHAPED_VALUE } from '../fixtures/fake-secrets';
import { fakeJwt } from '../fixtures/fleet-samples';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keysmith-snapshots-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ENV = '3f0c1a2b-0000-4000-8000-000000000001';
const SOURCE = 'https://api.example.com';

function credentialNo(n: number, fields: Partial<Credential> = {}): Credential {
  return {
    id: `cred_${n}`,
    clientId: `ci_${n}`,
    name: `Worker ${n}`,
    status: 'active',
    expiresAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    ...fields,
  };
}

const list = (items: readonly Credential[]) => ({
  source: SOURCE,
  fetchedAt: 1000,
  truncated: false,
  items,
});
const RSA_PUBLIC = { kty: 'RSA', kid: 'k1', use: 'sig', alg: 'RS256', n: 'sXch', e: 'AQAB' };

describe('the snapshot store', () => {
  it('keeps a list and its head, and reads them back after a restart', async () => {
    const store = createSnapshotStore(dir);
    await store.setCredentials(
      ENV,
      list([credentialNo(1), credentialNo(2, { status: 'revoked' })]),
    );
    const again = createSnapshotStore(dir);
    expect((await again.credentials(ENV))?.items.map((item) => item.clientId)).toEqual([
      'ci_1',
      'ci_2',
    ]);
    expect((await again.get(ENV))?.credentials).toEqual({
      source: SOURCE,
      fetchedAt: 1000,
      truncated: false,
      count: 2,
      active: 1,
    });
  });

  it('writes atomically: no temp file is left, and concurrent writes end with the last one whole', async () => {
    const store = createSnapshotStore(dir);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.setCredentials(ENV, list([credentialNo(i)]))),
    );
    const names = (await readdir(join(dir, SNAPSHOTS_FOLDER))).sort();
    expect(names).toEqual([`${ENV}.credentials.json`, `${ENV}.json`]);
    const again = createSnapshotStore(dir);
    expect((await again.credentials(ENV))?.items.map((item) => item.clientId)).toEqual(['ci_9']);
  });

  it('treats a damaged file as no snapshot, and the next write replaces it', async () => {
    const store = createSnapshotStore(dir);
    await store.setCredentials(ENV, list([credentialNo(1)]));
    await writeFile(store.filesOf(ENV).credentials, '{"schemaVersion":1,"environmentId":');
    const again = createSnapshotStore(dir);
    expect(await again.credentials(ENV)).toBeNull();
    await again.setCredentials(ENV, list([credentialNo(3)]));
    expect((await createSnapshotStore(dir).credentials(ENV))?.items).toHaveLength(1);
  });

  it('never names a file after an id that is not a plain UUID-like string', () => {
    const store = createSnapshotStore(dir);
    const { snapshot } = store.filesOf('../../etc/passwd');
    expect(snapshot.startsWith(join(dir, SNAPSHOTS_FOLDER))).toBe(true);
    expect(snapshot).toMatch(/[0-9a-f]{64}\.json$/);
  });

  it('is bounded: at most 25,000 credentials, marked truncated', async () => {
    const store = createSnapshotStore(dir);
    const many = Array.from({ length: MAX_SNAPSHOT_CREDENTIALS + 5 }, (_, i) => credentialNo(i));
    await store.setCredentials(ENV, list(many));
    const kept = await createSnapshotStore(dir).credentials(ENV);
    expect(kept?.items).toHaveLength(MAX_SNAPSHOT_CREDENTIALS);
    expect(kept?.truncated).toBe(true);
  });

  it('removes both files of an environment', async () => {
    const store = createSnapshotStore(dir);
    await store.setCredentials(ENV, list([credentialNo(1)]));
    expect(await store.storedIds()).toEqual([ENV]);
    await store.remove(ENV);
    expect(await readdir(join(dir, SNAPSHOTS_FOLDER))).toEqual([]);
    expect(await store.get(ENV)).toBeNull();
  });
});

describe('no secret is ever in a snapshot', () => {
  it('drops credentials whose identifiers look like a secret and hides names that do', async () => {
    const store = createSnapshotStore(dir);
    const token = fakeJwt({}, { sub: 'x' });
    await store.setCredentials(
      ENV,
      list([
        credentialNo(1, { clientId: SECRET_SHAPED_VALUE }),
        credentialNo(2, { name: `leaked ${token}` }),
        { ...credentialNo(3), clientSecret: SECRET_SHAPED_VALUE } as Credential,
      ]),
    );
    const files = await readdir(join(dir, SNAPSHOTS_FOLDER));
    for (const name of files) {
      const text = await readFile(join(dir, SNAPSHOTS_FOLDER, name), 'utf8');
      expect(text).not.toContain(SECRET_SHAPED_VALUE);
      expect(text).not.toContain(token);
      expect(text).not.toContain('clientSecret');
    }
    expect((await store.credentials(ENV))?.items.map((item) => [item.clientId, item.name])).toEqual(
      [
        ['ci_2', '(name hidden: it looks like a secret)'],
        ['ci_3', 'Worker 3'],
      ],
    );
  });

  it('keeps only the public members of public keys: private and symmetric keys are dropped', () => {
    expect(publicJwk({ ...RSA_PUBLIC, x5c: ['MII…'], extra: 'x' })).toEqual(RSA_PUBLIC);
    expect(publicJwk({ ...RSA_PUBLIC, d: 'private', p: 'p' })).toBeNull();
    expect(publicJwk({ kty: 'oct', k: 'c2VjcmV0' })).toBeNull();
    expect(publicJwk({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' })).toBeNull();
    expect(publicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'x' })).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'x',
    });
    const text = JSON.stringify({
      keys: [RSA_PUBLIC, { kty: 'oct', k: 'AAAA' }, { ...RSA_PUBLIC, kid: 'k2', d: 'dd' }],
    });
    expect(publicKeysOf(text, 10)).toEqual([RSA_PUBLIC]);
    expect(publicKeysOf('not json', 10)).toEqual([]);
  });

  it('strips private members even when a caller hands them to the store', async () => {
    const store = createSnapshotStore(dir);
    const jwks = {
      fetchedAt: 1,
      url: `${SOURCE}/.well-known/jwks.json`,
      keys: [{ ...RSA_PUBLIC, d: 'PRIVATE-D' }, RSA_PUBLIC],
      kids: ['k1'],
      previous: null,
      rotation: null,
    };
    await store.update(ENV, () => ({ ...emptySnapshot(ENV), jwks }));
    const text = await readFile(store.filesOf(ENV).snapshot, 'utf8');
    expect(text).not.toContain('PRIVATE-D');
    expect((await createSnapshotStore(dir).get(ENV))?.jwks?.keys).toEqual([RSA_PUBLIC]);
  });

  it('refuses to serialize anything shaped like a secret, as a last line of defence', () => {
    const snapshot: StoredSnapshot = {
      ...emptySnapshot(ENV),
      environmentId: `x${SECRET_SHAPED_VALUE}`,
    };
    expect(() => serializeSnapshot(snapshot)).toThrow(/looks like a client secret/);
  });
});

describe('a kept list as it crosses IPC', () => {
  it('is packed field by field: a member the view does not name never reaches the page', () => {
    const view = { ...credentialNo(1), inUse: true, secretStored: false };
    const packed = packCredentials({
      environmentId: ENV,
      fetchedAt: 5,
      truncated: false,
      credentials: [{ ...view, clientSecret: SECRET_SHAPED_VALUE } as typeof view],
    });
    expect(packed.json).not.toContain(SECRET_SHAPED_VALUE);
    expect(unpackCredentials(packed)).toEqual({
      environmentId: ENV,
      fetchedAt: 5,
      truncated: false,
      credentials: [view],
    });
    expect(packed.count).toBe(1);
  });
});

describe('a key rotation between two key sets', () => {
  const url = `${SOURCE}/.well-known/jwks.json`;
  const keys = (...kids: string[]) => kids.map((kid) => ({ ...RSA_PUBLIC, kid }));

  it('is the kids gained and lost, with the previous set kept', () => {
    const first = nextJwks(null, { url, fetchedAt: 1, keys: keys('a', 'b') });
    expect(first.rotation).toBeNull();
    const same = nextJwks(first, { url, fetchedAt: 2, keys: keys('b', 'a') });
    expect(same).toMatchObject({ fetchedAt: 2, rotation: null, previous: null });
    const rotated = nextJwks(same, { url, fetchedAt: 3, keys: keys('b', 'c') });
    expect(rotated.rotation).toEqual({ at: 3, previousFetchedAt: 2, gained: ['c'], lost: ['a'] });
    expect(rotated.previous).toEqual({ fetchedAt: 2, kids: ['b', 'a'] });
    // Fetching the same set again keeps showing the last rotation.
    expect(nextJwks(rotated, { url, fetchedAt: 4, keys: keys('c', 'b') }).rotation).toEqual(
      rotated.rotation,
    );
    // A set from another URL starts afresh.
    expect(
      nextJwks(rotated, { url: `${url}?v=2`, fetchedAt: 5, keys: keys('z') }).rotation,
    ).toBeNull();
  });
});
