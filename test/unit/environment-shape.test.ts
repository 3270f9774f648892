import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentFieldsSchema } from '../../src/main/core/environments/environment-schema';
import { createEnvironmentStore } from '../../src/main/core/environments/environment-store';
import {
  ENVIRONMENT_FIELD_NAMES,
  ENVIRONMENT_FIELDS,
  RESERVED_HEADER_NAMES,
  isLoopbackHost,
  needsHttps,
  urlProblem,
} from '../../src/shared/environment';
import { looksLikeSecretHeader } from '../../src/shared/secret-header-rules';
import {
  EnvironmentFieldsInput,
  storedEnvironmentFieldsShape,
} from '../../src/shared/environment-schema';
import { channels } from '../../src/shared/ipc/contract';
import { EDITED_FIELDS, STAGING_FIELDS } from '../fixtures/environment-sample';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keysmith-shape-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const before = STAGING_FIELDS;
const after = EDITED_FIELDS;

describe('the environment is declared once and every shape follows it', () => {
  it('gives the contract, core and profiles.json the same fields as the declaration', () => {
    const names = [...ENVIRONMENT_FIELD_NAMES].sort();
    expect(Object.keys(ENVIRONMENT_FIELDS).sort()).toEqual(names);
    expect(Object.keys(EnvironmentFieldsInput.shape).sort()).toEqual(names);
    expect(Object.keys(EnvironmentFieldsSchema.shape).sort()).toEqual(names);
    expect(Object.keys(storedEnvironmentFieldsShape).sort()).toEqual(names);
    const update = channels['environments:update'].input.shape.patch;
    expect(Object.keys(update.shape).sort()).toEqual(names);
  });

  it('applies an edit of every single field: no field is silently dropped from an update', async () => {
    const store = createEnvironmentStore(dir);
    await store.load();
    const env = await store.add({ ...before, activeClientId: null, verification: 'verified' });
    for (const name of ENVIRONMENT_FIELD_NAMES) {
      await store.update(env.id, { [name]: after[name] });
    }
    const reopened = createEnvironmentStore(dir);
    await reopened.load();
    expect(reopened.get(env.id)).toMatchObject(after);
  });

  it('refuses every reserved header name, whatever its case, in main', () => {
    for (const name of RESERVED_HEADER_NAMES) {
      const upper = name.toUpperCase();
      const parsed = EnvironmentFieldsSchema.safeParse({
        ...before,
        extraHeaders: { [upper]: 'x' },
      });
      expect(parsed.success, name).toBe(false);
    }
  });
});

describe('loopback means localhost, 127.0.0.0/8 and ::1 as literals, nothing else', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['127.255.255.255', true],
    ['::1', true],
    ['[::1]', true],
    ['api.localhost', false],
    ['localhost.example.com', false],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['10.0.0.1', false],
    ['::2', false],
    ['example.com', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('lets production use plain http only on loopback, as URLs spell their hosts', () => {
    expect(needsHttps('production', 'http://127.0.0.2:4510')).toBe(false);
    expect(needsHttps('production', 'http://[::1]:8080/x')).toBe(false);
    expect(needsHttps('production', 'http://api.localhost/')).toBe(true);
    expect(needsHttps('production', 'http://api.example.com')).toBe(true);
    expect(needsHttps('production', 'https://api.example.com')).toBe(false);
    expect(needsHttps('staging', 'http://api.example.com')).toBe(false);
  });
});

describe('every secret goes to the keychain', () => {
  it('refuses a query string in any URL field, even an empty one, saying why', () => {
    for (const url of [
      'https://auth.example.com/token?subscription-key=k',
      'https://a.example/t?',
    ]) {
      expect(urlProblem(url, ENVIRONMENT_FIELDS.tokenUrl), url).toMatch(
        /query string.*secret header/,
      );
      expect(urlProblem(url, ENVIRONMENT_FIELDS.baseUrl), url).toMatch(/query string/);
    }
    expect(urlProblem('https://auth.example.com/token', ENVIRONMENT_FIELDS.tokenUrl)).toBeNull();
  });

  it('proposes to keep headers named like a key, secret, token or authorization in the keychain', () => {
    for (const name of [
      'X-Api-Key',
      'Ocp-Apim-Subscription-Key',
      'X-Auth-Token',
      'X-Client-Secret',
      'X-Authorization',
    ]) {
      expect(looksLikeSecretHeader(name), name).toBe(true);
    }
    for (const name of ['X-Tenant', 'X-Api-Version', 'Accept-Language']) {
      expect(looksLikeSecretHeader(name), name).toBe(false);
    }
  });

  it('refuses a reserved name (Authorization) as a secret header too, in main', () => {
    const reserved = EnvironmentFieldsSchema.safeParse({
      ...before,
      secretHeaders: ['Authorization'],
    });
    expect(reserved.success).toBe(false);
    const fine = EnvironmentFieldsSchema.safeParse({ ...before, secretHeaders: ['X-Api-Key'] });
    expect(fine.success).toBe(true);
  });
});
