import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Core } from '../../src/main/core/create-core';
import { SNAPSHOTS_FOLDER } from '../../src/main/core/snapshots/snapshot-store';
import type { EnvironmentKind } from '../../src/shared/domain';
import { buildFinder } from '../../src/shared/fleet/matcher';
import { readTokenFacts } from '../../src/shared/fleet/token-facts';
import type { SandboxHandle, SandboxOptions } from '../../src/sandbox';
import { coreForTest } from '../fixtures/core-fixture';
import { sandbox } from '../fixtures/sandbox-client';
import { filesUnder } from '../support/files-under';

const JWKS_ROUTE = 'GET /.well-known/jwks.json';
const FIVE_MINUTES = 5 * 60_000;

/** A sandbox whose request log the test reads. */
async function loggedSandbox(options: SandboxOptions = {}) {
  const log: string[] = [];
  const api = await sandbox({ rateLimit: false, log: (line) => log.push(line), ...options });
  return { api, log };
}

async function addEnvironment(
  core: Core,
  api: SandboxHandle,
  kind: EnvironmentKind,
  name = `${kind} env`,
) {
  const { environment } = await core.environments.add({
    name,
    kind,
    baseUrl: api.url,
    tokenUrl: null,
    extraHeaders: {},
    colour: '#2f6fdd',
    clientId: api.bootstrap.clientId,
    clientSecret: api.bootstrap.clientSecret!,
    saveUnverified: false,
  });
  return environment;
}

describe('snapshots, refreshed on use', () => {
  it('a credentials list is kept, and a restarted app paints from it with what it knows of each credential', async () => {
    const { api } = await loggedSandbox();
    const world = await coreForTest();
    const env = await addEnvironment(world.core, api, 'staging');
    const listed = await world.core.credentials.list(env.id);
    await world.core.snapshots.settled();
    const restarted = await world.restart();
    const kept = await restarted.snapshots.credentials(env.id);
    expect(kept?.credentials).toEqual(listed);
    expect(
      kept?.credentials.find((item) => item.clientId === api.bootstrap.clientId),
    ).toMatchObject({ inUse: true, secretStored: true });
    const [summary] = await restarted.snapshots.summaries();
    expect(summary?.credentials).toMatchObject({
      count: listed.length,
      active: listed.length,
      truncated: false,
    });
  });

  it('a create and a revoke update the kept list without listing again', async () => {
    const { api } = await loggedSandbox();
    const { core } = await coreForTest();
    const env = await addEnvironment(core, api, 'development');
    await core.credentials.list(env.id);
    const created = await core.credentials.create(env.id, {
      name: 'Snapshot probe',
      expiresAt: null,
    });
    await core.credentials.revoke(env.id, created.credential.clientId);
    await core.snapshots.settled();
    const kept = await core.snapshots.credentials(env.id);
    expect(
      kept?.credentials.find((item) => item.clientId === created.credential.clientId),
    ).toMatchObject({ name: 'Snapshot probe', status: 'revoked' });
  });

  it('a server whose clock runs 5 minutes ahead is measured from its Date headers; one in step is not skewed', async () => {
    const ahead = await loggedSandbox({ clockOffsetMs: FIVE_MINUTES });
    const inStep = await loggedSandbox();
    const { core } = await coreForTest();
    const skewed = await addEnvironment(core, ahead.api, 'staging', 'Ahead');
    const fine = await addEnvironment(core, inStep.api, 'staging', 'In step');
    await core.snapshots.settled();
    const summaries = await core.snapshots.summaries();
    const clockOf = (id: string) =>
      summaries.find((summary) => summary.environmentId === id)?.clock;
    expect(Math.abs(clockOf(skewed.id)!.offsetMs - FIVE_MINUTES)).toBeLessThanOrEqual(
      clockOf(skewed.id)!.uncertaintyMs,
    );
    expect(Math.abs(clockOf(fine.id)!.offsetMs)).toBeLessThanOrEqual(
      clockOf(fine.id)!.uncertaintyMs,
    );
    expect(Math.abs((await core.snapshots.skewOf(skewed.id)) - FIVE_MINUTES)).toBeLessThan(2000);
    expect(await core.snapshots.skewOf(fine.id)).toBe(0);
  });

  it('tokens teach the snapshot their issuer, audience and kid, and the index finds the environment from a pasted token', async () => {
    const { api } = await loggedSandbox();
    const { core } = await coreForTest();
    const env = await addEnvironment(core, api, 'staging');
    await core.tokens.state(env.id);
    const { accessToken } = await core.tokens.current(env.id);
    await core.snapshots.settled();
    const [summary] = await core.snapshots.summaries();
    expect(summary?.seen.issuers).toEqual([api.url]);
    expect(summary?.seen.audiences.length).toBeGreaterThan(0);
    const finder = buildFinder(await core.snapshots.index());
    const matches = finder.matchToken(readTokenFacts(accessToken)!);
    expect(matches).toEqual([
      {
        environmentId: env.id,
        reasons: expect.arrayContaining(['client_id', 'kid', 'issuer', 'audience']),
      },
    ]);
    expect(finder.find(api.bootstrap.clientId)[0]).toMatchObject({
      environmentId: env.id,
      exact: true,
    });
  });
});

describe('the sandbox with a shifted clock', () => {
  it('sends its Date header and issues tokens (iat, exp) on its own clock', async () => {
    const { api } = await loggedSandbox({ clockOffsetMs: FIVE_MINUTES });
    const sentAt = Date.now();
    const response = await fetch(`${api.url}/auth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${api.bootstrap.clientId}:${api.bootstrap.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(
      Math.abs(Date.parse(response.headers.get('date')!) - (sentAt + FIVE_MINUTES)),
    ).toBeLessThan(3000);
    expect(Math.abs(payload.iat * 1000 - (sentAt + FIVE_MINUTES))).toBeLessThan(3000);
    expect(payload.exp - payload.iat).toBe(3600);
  });
});

describe('key sets: refreshed on request, rotations seen', () => {
  it('a refresh keeps the public keys; keys changed on the server show as a rotation', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'keysmith-rotating-'));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const dataFile = join(folder, 'sandbox.json');
    const first = await sandbox({ dataFile, rateLimit: false });
    const { core } = await coreForTest();
    const env = await addEnvironment(core, first, 'staging');
    const refreshed = await core.snapshots.refresh(env.id);
    expect(refreshed.credentialsError).toBeUndefined();
    expect(refreshed.jwksError).toBeUndefined();
    const before = refreshed.summary.jwks!.kids;
    expect(before.length).toBeGreaterThan(0);
    // The same server restarted with fresh signing keys, on the same port.
    const port = first.port;
    await first.close();
    await sandbox({
      dataFile,
      rateLimit: false,
      port,
      bootstrap: { clientId: first.bootstrap.clientId, clientSecret: first.bootstrap.clientSecret },
    });
    const after = await core.snapshots.refresh(env.id);
    expect(after.summary.jwks?.rotation).toMatchObject({
      gained: after.summary.jwks!.kids,
      lost: before,
    });
    const jwks = await core.snapshots.jwks(env.id);
    expect(jwks?.previousKids).toEqual(before);
    for (const key of JSON.parse(jwks!.text).keys as Record<string, unknown>[]) {
      expect(Object.keys(key).sort()).toEqual(
        ['alg', 'e', 'kid', 'kty', 'n', 'use'].filter((member) => member in key).sort(),
      );
      expect(key).not.toHaveProperty('d');
    }
  });

  it('a refresh whose key download fails keeps the list and says why', async () => {
    const { api } = await loggedSandbox({ faults: true });
    const { core } = await coreForTest();
    const env = await addEnvironment(core, api, 'staging');
    api.faults.inject(JWKS_ROUTE, { kind: 'status', status: 503 });
    const refreshed = await core.snapshots.refresh(env.id);
    expect(refreshed.jwksError?.kind).toBe('problem');
    expect(refreshed.summary.credentials?.count).toBeGreaterThan(0);
  });

  it('a token with a kid the snapshot lacks fetches the keys again for staging, never in the background for production', async () => {
    const staging = await loggedSandbox();
    const production = await loggedSandbox();
    const { core } = await coreForTest();
    const stagingEnv = await addEnvironment(core, staging.api, 'staging');
    const productionEnv = await addEnvironment(core, production.api, 'production');
    await core.tokens.current(stagingEnv.id);
    await core.tokens.current(productionEnv.id);
    // settled() waits for the key download the unknown kid started, and for what it records.
    await core.snapshots.settled();
    expect(staging.log.filter((line) => line.startsWith(JWKS_ROUTE))).toHaveLength(1);
    expect(production.log.filter((line) => line.startsWith(JWKS_ROUTE))).toEqual([]);
    expect(
      (await core.snapshots.summaries()).find((s) => s.environmentId === stagingEnv.id)?.jwks?.kids
        .length,
    ).toBeGreaterThan(0);
  });

  it('removing an environment removes its snapshot files', async () => {
    const { api } = await loggedSandbox();
    const world = await coreForTest();
    const env = await addEnvironment(world.core, api, 'staging');
    await world.core.credentials.list(env.id);
    await world.core.snapshots.settled();
    const folder = join(world.dataDir, SNAPSHOTS_FOLDER);
    expect((await filesUnder(folder)).length).toBe(2);
    await world.core.environments.remove(env.id);
    await world.core.snapshots.settled();
    expect(await filesUnder(folder)).toEqual([]);
  });
});

describe('expiry reminders', () => {
  it('notify once ahead of a credential’s expiry, with the lead time a setting', async () => {
    const { api } = await loggedSandbox();
    const notes: string[] = [];
    const { core } = await coreForTest({
      notify: (title, body) => notes.push(`${title} | ${body}`),
    });
    const env = await addEnvironment(core, api, 'development', 'Reminded');
    const inFiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const created = await core.credentials.create(env.id, {
      name: 'Expiring worker',
      expiresAt: inFiveDays,
    });
    await core.credentials.list(env.id);
    await core.snapshots.settled();
    await core.reminders.setSettings({ reminderDays: 3 });
    await core.reminders.tick();
    expect(notes).toEqual([]);
    expect(await core.reminders.setSettings({ reminderDays: 7 })).toEqual({
      reminderDays: 7,
      activeThreshold: 10,
    });
    await core.reminders.tick();
    await core.reminders.tick();
    expect(notes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Credential expiring: Expiring worker \\| Reminded: ${created.credential.clientId} expires in 5 days`,
        ),
      ),
    ]);
  });
});

describe('pinned tokens judged on their issuer’s clock', () => {
  it('a token from a server 5 minutes ahead is reminded when its exp nears on that server’s clock', async () => {
    const { api } = await loggedSandbox({ clockOffsetMs: FIVE_MINUTES });
    const notes: string[] = [];
    const { core } = await coreForTest({ notify: (title) => notes.push(title) });
    const env = await addEnvironment(core, api, 'staging');
    await core.tokens.current(env.id);
    await core.snapshots.settled();
    // exp is 12 min after the server's now: within a 15-min reminder there, 17 min away here.
    const expiresAt = Date.now() + FIVE_MINUTES + 12 * 60_000;
    await core.watchList.add({
      label: 'Skewed',
      expiresAt,
      issuer: api.url,
      subject: null,
      warnMinutes: 15,
    });
    await core.watchList.add({
      label: 'Elsewhere',
      expiresAt,
      issuer: 'https://other.example',
      subject: null,
      warnMinutes: 15,
    });
    await core.watchList.tick();
    expect(notes).toEqual(['Token expiring: Skewed']);
  });
});

describe('the secret canary over snapshot files', () => {
  it('after list, create, refresh and token use, no secret or token is in any snapshot file', async () => {
    const { api } = await loggedSandbox();
    const world = await coreForTest();
    const env = await addEnvironment(world.core, api, 'staging');
    const created = await world.core.credentials.create(env.id, {
      name: 'Canary',
      expiresAt: null,
    });
    const { accessToken } = await world.core.tokens.current(env.id);
    await world.core.tokens.state(env.id);
    await world.core.snapshots.refresh(env.id);
    await world.core.snapshots.settled();
    const canaries = [api.bootstrap.clientSecret!, created.clientSecret!, accessToken];
    const files = await filesUnder(join(world.dataDir, SNAPSHOTS_FOLDER));
    expect(files.map((file) => file.path.endsWith('.credentials.json')).sort()).toEqual([
      false,
      true,
    ]);
    expect(files).toHaveLength(2);
    for (const file of files)
      for (const canary of canaries) expect(file.text.includes(canary), file.path).toBe(false);
    expect(files.some((file) => file.text.includes(created.credential.clientId))).toBe(true);
  });
});
