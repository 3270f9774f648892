import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvironmentFields } from '../../src/shared/domain';
import { AppFailure, type AppError, type FieldError } from '../../src/shared/errors';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { EnvironmentFieldsSchema } from '../../src/main/core/environments/environment-schema';
import {
  createEnvironmentStore,
  type NewStoredEnvironment,
  type EnvironmentStore,
} from '../../src/main/core/environments/environment-store';

let dir: string;
let clock: number;
let ids: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keysmith-profiles-'));
  clock = Date.parse('2026-01-02T03:04:05.000Z');
  ids = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const profilesPath = () => join(dir, 'profiles.json');

async function openStore(): Promise<EnvironmentStore> {
  const store = createEnvironmentStore(dir, {
    now: () => (clock += 1000),
    newId: () => `env-${(ids += 1)}`,
  });
  await store.load();
  return store;
}

function fields(overrides: Partial<EnvironmentFields> = {}): NewStoredEnvironment {
  return {
    ...STAGING_FIELDS,
    activeClientId: 'dinie_ci_staging',
    verification: 'verified',
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.appError;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

async function fieldErrors(promise: Promise<unknown>): Promise<readonly FieldError[]> {
  const error = await failureOf(promise);
  if (error.kind !== 'validation') throw new Error(`expected validation, got ${error.kind}`);
  return error.errors;
}

describe('environments persist', () => {
  it('starts empty on first run without writing anything', async () => {
    const store = await openStore();
    expect(store.list()).toEqual([]);
    expect(store.selectedId()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps added, edited, removed and selected environments across a restart', async () => {
    const store = await openStore();
    const staging = await store.add(fields());
    const prod = await store.add(
      fields({ name: 'Production', kind: 'production', baseUrl: 'https://api.example.com' }),
    );
    const dev = await store.add(fields({ name: 'Dev', kind: 'development' }));
    await store.update(staging.id, { name: 'Staging EU', extraHeaders: { 'X-Tenant': 'eu' } });
    await store.update(prod.id, { verification: 'not-verified', autoRenew: false });
    await store.remove(dev.id);
    await store.select(prod.id);

    const reopened = await openStore();
    expect(reopened.list().map((env) => env.name)).toEqual(['Staging EU', 'Production']);
    expect(reopened.get(staging.id).extraHeaders).toEqual({ 'X-Tenant': 'eu' });
    expect(reopened.get(prod.id)).toMatchObject({ verification: 'not-verified', autoRenew: false });
    expect(reopened.selectedId()).toBe(prod.id);
    expect(() => reopened.get(dev.id)).toThrow(AppFailure);
  });

  it('stamps created and updated times, and auto-renews new environments by default', async () => {
    const store = await openStore();
    const added = await store.add(fields());
    expect(added).toMatchObject({ autoRenew: true, createdAt: added.updatedAt });
    const edited = await store.update(added.id, { colour: '#ABCDEF' });
    expect(edited.colour).toBe('#abcdef');
    expect(edited.createdAt).toBe(added.createdAt);
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(added.updatedAt));
  });

  it('selects another environment when the selected one is removed', async () => {
    const store = await openStore();
    const a = await store.add(fields({ name: 'A' }));
    const b = await store.add(fields({ name: 'B' }));
    await store.select(b.id);
    await store.remove(b.id);
    expect(store.selectedId()).toBe(a.id);
    await store.remove(a.id);
    expect(store.selectedId()).toBeNull();
  });

  it('reports an unknown environment as not found', async () => {
    const store = await openStore();
    expect(() => store.get('nope')).toThrow(expect.objectContaining({ name: 'AppFailure' }));
    expect((await failureOf(store.update('nope', { name: 'x' }))).kind).toBe('not-found');
    expect((await failureOf(store.remove('nope'))).kind).toBe('not-found');
    expect((await failureOf(store.select('nope'))).kind).toBe('not-found');
  });

  it('loses no change when 50 adds and then 50 edits run at once', async () => {
    const store = await openStore();
    const added = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.add(fields({ name: `Env ${i}` }))),
    );
    await Promise.all(added.map((env, i) => store.update(env.id, { name: `Renamed ${i}` })));
    const reopened = await openStore();
    expect(reopened.list()).toHaveLength(50);
    expect(new Set(reopened.list().map((env) => env.name))).toEqual(
      new Set(added.map((_, i) => `Renamed ${i}`)),
    );
  });
});

describe('invalid fields are refused, naming the field', () => {
  const cases: readonly [string, Partial<EnvironmentFields>, string][] = [
    ['an empty name', { name: '   ' }, 'name'],
    ['a name over 80 characters', { name: 'x'.repeat(81) }, 'name'],
    ['a base URL that is not a URL', { baseUrl: 'staging.example.com' }, 'baseUrl'],
    ['a base URL that is not http(s)', { baseUrl: 'ftp://example.com' }, 'baseUrl'],
    ['credentials in the base URL', { baseUrl: 'https://u:p@example.com' }, 'baseUrl'],
    ['a query string in the base URL', { baseUrl: 'https://example.com/?k=1' }, 'baseUrl'],
    ['a token URL with credentials', { tokenUrl: 'https://id:pw@example.com/t' }, 'tokenUrl'],
    ['an Authorization extra header', { extraHeaders: { Authorization: 'x' } }, 'extraHeaders'],
    ['a Host extra header', { extraHeaders: { host: 'x' } }, 'extraHeaders'],
    ['a Content-Length extra header', { extraHeaders: { 'Content-Length': '1' } }, 'extraHeaders'],
    ['an invalid header name', { extraHeaders: { 'Bad Name': 'x' } }, 'extraHeaders'],
    ['a header value with a line break', { extraHeaders: { 'X-A': 'a\r\nB: c' } }, 'extraHeaders'],
    ['a colour that is not #rrggbb', { colour: 'red' }, 'colour'],
    [
      'plain http for production',
      { kind: 'production', baseUrl: 'http://api.example.com' },
      'baseUrl',
    ],
    [
      'a plain http token URL for production',
      { kind: 'production', tokenUrl: 'http://auth.example.com/token' },
      'tokenUrl',
    ],
  ];

  for (const [what, patch, param] of cases) {
    it(`refuses ${what} (on ${param}) and saves nothing`, async () => {
      const store = await openStore();
      const errors = await fieldErrors(store.add(fields(patch)));
      expect(errors.map((error) => error.param)).toEqual([param]);
      expect(errors[0]?.detail).toBeTruthy();
      expect(store.list()).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    });
  }

  it('lists every wrong field at once', async () => {
    const store = await openStore();
    const errors = await fieldErrors(store.add(fields({ name: '', colour: 'blue', baseUrl: '' })));
    expect(errors.map((error) => error.param).sort()).toEqual(['baseUrl', 'colour', 'name']);
  });

  it('refuses a second environment with the same name, whatever its case', async () => {
    const store = await openStore();
    const first = await store.add(fields({ name: 'Staging' }));
    const other = await store.add(fields({ name: 'Other' }));
    expect(await fieldErrors(store.add(fields({ name: ' staging ' })))).toEqual([
      { param: 'name', detail: expect.stringContaining('Staging') },
    ]);
    expect((await fieldErrors(store.update(other.id, { name: 'STAGING' })))[0]?.param).toBe('name');
    await expect(store.update(first.id, { name: 'STAGING' })).resolves.toMatchObject({
      name: 'STAGING',
    });
  });

  it('allows http for production only on this machine, and for other kinds anywhere', async () => {
    const store = await openStore();
    await store.add(fields({ name: 'P', kind: 'production', baseUrl: 'http://127.0.0.1:4510' }));
    await store.add(fields({ name: 'Q', kind: 'production', baseUrl: 'http://localhost:8080' }));
    await store.add(fields({ name: 'S', kind: 'staging', baseUrl: 'http://staging.internal' }));
    expect(store.list()).toHaveLength(3);
  });

  it('checks an edit against the whole environment (switching to production keeps https)', async () => {
    const store = await openStore();
    const env = await store.add(fields({ baseUrl: 'http://staging.internal' }));
    expect((await fieldErrors(store.update(env.id, { kind: 'production' })))[0]?.param).toBe(
      'baseUrl',
    );
    expect(store.get(env.id).kind).toBe('staging');
  });

  it('offers its field schema as a plain object the IPC contract can extend', () => {
    expect(Object.keys(EnvironmentFieldsSchema.shape).sort()).toEqual(
      [
        'baseUrl',
        'colour',
        'extraHeaders',
        'kind',
        'name',
        'secretHeaders',
        'tokenUrl',
        'issuer',
        'jwksUrl',
        'registrationUrl',
        'credentialBackend',
        'clientAuth',
        'scope',
        'audience',
        'resources',
        'tokenParams',
      ].sort(),
    );
    const input = EnvironmentFieldsSchema.extend({ clientId: EnvironmentFieldsSchema.shape.name });
    expect(input.partial().safeParse({}).success).toBe(true);
    expect(
      EnvironmentFieldsSchema.parse({ ...fields(), extraHeaders: undefined }).extraHeaders,
    ).toEqual({});
  });
});

describe('no secret ever reaches profiles.json', () => {
  const secret = 'dinie_cs_test_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd';
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

  async function assertNoSecretOnDisk(): Promise<void> {
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(text).not.toContain('dinie_cs_');
      expect(text).not.toContain('eyJ');
    }
  }

  it('drops a secret passed along with the fields: profiles have no secret property', async () => {
    const store = await openStore();
    const input = { ...fields(), clientSecret: secret, accessToken: jwt } as NewStoredEnvironment;
    const added = await store.add(input);
    expect(Object.keys(added).sort()).toEqual(
      [
        'activeClientId',
        'autoRenew',
        'baseUrl',
        'colour',
        'createdAt',
        'extraHeaders',
        'id',
        'kind',
        'name',
        'secretHeaders',
        'tokenUrl',
        'issuer',
        'jwksUrl',
        'registrationUrl',
        'credentialBackend',
        'clientAuth',
        'scope',
        'audience',
        'resources',
        'tokenParams',
        'updatedAt',
        'verification',
      ].sort(),
    );
    await assertNoSecretOnDisk();
  });

  it('refuses secret- or token-shaped values in any field', async () => {
    const store = await openStore();
    const attempts: readonly [Partial<NewStoredEnvironment>, string][] = [
      [{ extraHeaders: { 'X-Api-Key': secret } }, 'extraHeaders'],
      [{ extraHeaders: { 'X-Forwarded-Token': `Bearer ${jwt}` } }, 'extraHeaders'],
      [{ activeClientId: secret }, 'activeClientId'],
      [{ name: jwt }, 'name'],
      [{ baseUrl: `https://example.com/${secret}` }, 'baseUrl'],
    ];
    for (const [patch, param] of attempts) {
      const errors = await fieldErrors(store.add({ ...fields(), ...patch }));
      expect(errors.map((error) => error.param)).toContain(param);
      expect(JSON.stringify(errors)).not.toContain(secret);
    }
    const env = await store.add(fields());
    await fieldErrors(store.update(env.id, { extraHeaders: { 'X-Key': secret } }));
    await assertNoSecretOnDisk();
  });
});

describe('a damaged profiles.json is reported and recovered, never silently emptied', () => {
  async function twoSaves(): Promise<{ first: string; second: string }> {
    const store = await openStore();
    const first = await store.add(fields({ name: 'First' }));
    const second = await store.add(fields({ name: 'Second' })); // profiles.json.bak now holds "First"
    return { first: first.id, second: second.id };
  }

  for (const [what, damage] of [
    ['truncated JSON', (text: string) => text.slice(0, text.length / 2)],
    ['JSON of the wrong shape', () => JSON.stringify({ schemaVersion: 1, environments: 'oops' })],
    ['an empty file', () => ''],
  ] as const) {
    it(`moves ${what} aside and restores the previous good copy`, async () => {
      const { first } = await twoSaves();
      const damaged = damage(await readFile(profilesPath(), 'utf8'));
      await writeFile(profilesPath(), damaged);

      const store = createEnvironmentStore(dir, { now: () => clock });
      const report = await store.load();
      expect(report.recovered).toMatchObject({ from: 'backup', reason: expect.any(String) });
      expect(report.recovered?.corruptCopy).toMatch(/profiles\.json\.corrupt-2026-01-02T/);
      expect(await readFile(report.recovered?.corruptCopy ?? '', 'utf8')).toBe(damaged);
      expect(store.list().map((env) => env.id)).toEqual([first]);

      const reopened = await openStore();
      expect(reopened.list().map((env) => env.name)).toEqual(['First']);
    });
  }

  it('keeps the damaged file and says so when there is no good copy to restore', async () => {
    await writeFile(profilesPath(), '{"schemaVersion": 1, "environments": [');
    const store = createEnvironmentStore(dir);
    const report = await store.load();
    expect(report.recovered).toMatchObject({ from: 'none' });
    expect(report.recovered?.reason).toMatch(/no valid backup/);
    expect(store.list()).toEqual([]);
    const files = await readdir(dir);
    expect(files.filter((name) => name.startsWith('profiles.json.corrupt-'))).toHaveLength(1);

    await store.add(fields());
    const after = await readdir(dir);
    expect(after.filter((name) => name.startsWith('profiles.json.corrupt-'))).toHaveLength(1);
  });

  it('restores the backup when profiles.json has gone missing', async () => {
    await twoSaves();
    await rm(profilesPath());
    const store = createEnvironmentStore(dir);
    const report = await store.load();
    expect(report.recovered).toMatchObject({ from: 'backup', corruptCopy: null });
    expect(store.list().map((env) => env.name)).toEqual(['First']);
    expect(await readFile(profilesPath(), 'utf8')).toContain('"First"');
  });

  it('leaves a file from a newer Keysmith untouched and refuses to change it', async () => {
    const newer = JSON.stringify({ schemaVersion: 2, environments: [{ anything: true }] });
    await writeFile(profilesPath(), newer);
    const store = createEnvironmentStore(dir);
    const report = await store.load();
    expect(report.recovered).toBeNull();
    expect(report.refused).toMatchObject({
      schemaVersion: 2,
      reason: expect.stringMatching(/newer/),
    });
    expect(store.list()).toEqual([]);
    expect((await failureOf(store.add(fields()))).kind).toBe('conflict');
    expect(await readFile(profilesPath(), 'utf8')).toBe(newer);
    expect(await readdir(dir)).toEqual(['profiles.json']);
  });

  it('refuses to be used before it has loaded', () => {
    const store = createEnvironmentStore(dir);
    expect(() => store.list()).toThrow(/before load/);
  });
});
