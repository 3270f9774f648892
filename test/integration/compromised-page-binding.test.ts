import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, EnvironmentView } from '../../src/shared/domain';
import type { AppError } from '../../src/shared/errors';
import type { Result } from '../../src/shared/result';
import { compromisedPage, type CompromisedPage } from '../fixtures/compromised-page';
import { scriptedServer, sendJson } from '../fixtures/scripted-server';
import { filesUnder } from '../support/files-under';

/** The error a refused call came back with (and fails the test when it succeeded). */
function refusal(result: Result<unknown>): AppError {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  return (result as { ok: false; error: AppError }).error;
}

/** The value a call answered (and fails the test when it was refused). */
function answer<T>(result: Result<unknown>): T {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return (result as { ok: true; value: T }).value;
}

/** The client secret in a Basic Authorization header, if any. */
function basicSecretOf(headers: IncomingHttpHeaders): string | null {
  const value = headers.authorization;
  if (value === undefined || !value.startsWith('Basic ')) return null;
  const pair = Buffer.from(value.slice('Basic '.length), 'base64').toString('utf8');
  return decodeURIComponent(pair.slice(pair.indexOf(':') + 1).replace(/\+/g, ' '));
}

/** Asserts that no request the collector got carried the production secret, in any form. */
function expectNothingCarried(page: CompromisedPage, secret: string): void {
  for (const request of page.collector.requests) {
    expect(basicSecretOf(request.headers), request.url).not.toBe(secret);
    expect(JSON.stringify(request), request.url).not.toContain(secret);
  }
}

/** The newest audit entry of an action. */
async function lastAudit(page: CompromisedPage, action: string): Promise<AuditEntry | undefined> {
  return (await page.core.auditLog.list()).find((entry) => entry.action === action);
}

const originOf = (url: string): string => new URL(url).origin;

describe('compromised page, binding: a secret goes only where it was proven', () => {
  it('attack 1: repointing tokenUrl and baseUrl does not send the production secret to the new host', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const before = await page.snapshot();
    const repoint = {
      id,
      patch: { baseUrl: page.collector.url, tokenUrl: `${page.collector.url}/oauth/token` },
    };

    // Page script alone cannot repoint production: main asks the person, who says no.
    expect(refusal(await page.invoke('environments:update', repoint)).kind).toBe('cancelled');
    expect(page.person.requests.at(-1)).toMatchObject({
      action: 'environment.rebind',
      environment: { id, kind: 'production' },
    });
    expect(page.person.requests.at(-1)?.subject).toContain(page.collector.url);
    expect((await page.core.environments.view(id)).baseUrl).toBe(page.api.url);

    // A person who confirms an edit with a typo in it: the secret still goes nowhere new.
    page.person.answer(true);
    const moved = answer<EnvironmentView>(await page.invoke('environments:update', repoint));
    expect(moved.secretState).toBe('needs-proof');

    const renew = refusal(await page.invoke('token:renew', { environmentId: id }));
    expect(renew.kind).toBe('conflict');
    expect(renew.message).toContain(originOf(page.api.url));
    expect(renew.message).toContain(page.collector.url);
    expect(renew.message).toMatch(/paste it again/);
    expect(refusal(await page.invoke('credentials:list', { environmentId: id })).kind).toBe(
      'conflict',
    );
    expect(
      refusal(await page.invoke('clipboard:copy-token', { environmentId: id, format: 'token' }))
        .kind,
    ).toBe('conflict');
    const state = answer<{ status: string }>(
      await page.invoke('token:state', { environmentId: id }),
    );
    expect(state.status).toBe('error');

    expect(page.collector.requests).toEqual([]);
    expectNothingCarried(page, page.productionSecret);
    await page.expectUnchanged(before);
    const audit = await lastAudit(page, 'environment.update');
    expect(audit?.outcome).toContain(
      `token endpoint ${originOf(page.api.url)} → ${page.collector.url}`,
    );
    expect(audit?.outcome).toContain(`API ${originOf(page.api.url)} → ${page.collector.url}`);
    expect(JSON.stringify(await page.core.auditLog.list())).not.toContain(page.productionSecret);
  });

  it('attack 1: moving production to development leaves the secret unsendable until it is pasted again', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const before = await page.snapshot();

    const demote = { id, patch: { kind: 'development', colour: '#1a7f37' } };
    expect(refusal(await page.invoke('environments:update', demote)).kind).toBe('cancelled');
    expect(page.person.requests.at(-1)).toMatchObject({
      action: 'environment.rebind',
      typeToConfirm: 'Payments prod',
    });
    expect((await page.core.environments.view(id)).kind).toBe('production');

    page.person.answer(true);
    const moved = answer<EnvironmentView>(await page.invoke('environments:update', demote));
    expect(moved).toMatchObject({ kind: 'development', secretState: 'needs-proof' });
    const renew = refusal(await page.invoke('token:renew', { environmentId: id }));
    expect(renew).toMatchObject({ kind: 'conflict' });
    expect(renew.message).toContain('kind production → development');
    // Development would allow plain http anywhere: the next step of the attack, refused as well.
    answer(
      await page.invoke('environments:update', { id, patch: { baseUrl: page.collector.url } }),
    );
    expect(refusal(await page.invoke('token:renew', { environmentId: id })).kind).toBe('conflict');

    expect(page.collector.requests).toEqual([]);
    await page.expectUnchanged(before);
    const updates = (await page.core.auditLog.list()).filter(
      (e) => e.action === 'environment.update',
    );
    expect(updates.map((entry) => entry.outcome).join('\n')).toContain(
      'kind production → development',
    );
  });

  it('attack 1: pasting the secret again proves it against the new endpoint and rebinds it there', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    // A person moves production to another origin of the same API (localhost instead of 127.0.0.1).
    page.person.answer(true);
    const port = new URL(page.api.url).port;
    answer(
      await page.invoke('environments:update', {
        id,
        patch: { baseUrl: `http://localhost:${port}` },
      }),
    );
    expect(refusal(await page.invoke('token:renew', { environmentId: id })).kind).toBe('conflict');

    const wrong = await page.invoke('environments:store-secret', {
      id,
      clientId: page.api.bootstrap.clientId,
      clientSecret: 'not-the-secret',
    });
    expect(refusal(wrong)).toMatchObject({ kind: 'problem', problem: { status: 401 } });
    const rebound = answer<EnvironmentView>(
      await page.invoke('environments:store-secret', {
        id,
        clientId: page.api.bootstrap.clientId,
        clientSecret: page.productionSecret,
      }),
    );
    expect(rebound.secretState).toBe('bound');
    expect(
      answer<{ status: string }>(await page.invoke('token:renew', { environmentId: id })).status,
    ).toBe('valid');
    expect((await lastAudit(page, 'secret.store'))?.outcome).toContain(`http://localhost:${port}`);
  });

  it('attack 3: an API that replays another client_id gets no stored secret out of main', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const victim = page.api.bootstrap.clientId;
    const evil = await scriptedServer((request, response) => {
      if (request.url === '/auth/token') {
        sendJson(response, 200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 });
      } else if (request.method === 'POST' && request.url === '/auth/credentials') {
        const at = new Date().toISOString();
        const credential = {
          id: 'c1',
          client_id: victim,
          name: 'CI',
          status: 'active',
          created_at: at,
          updated_at: at,
        };
        sendJson(response, 201, credential, 'application/json', { 'Idempotent-Replayed': 'true' });
      } else {
        sendJson(response, 404, { title: 'Not Found', status: 404 });
      }
    });
    // The page moves production to its own API (a person confirmed it, to get this far) and
    // "proves" a made-up credential there.
    page.person.answer(true);
    answer(await page.invoke('environments:update', { id, patch: { baseUrl: evil.url } }));
    answer(
      await page.invoke('environments:store-secret', {
        id,
        clientId: 'attacker',
        clientSecret: 'made-up',
      }),
    );
    answer(await page.invoke('environments:set-active-credential', { id, clientId: 'attacker' }));
    page.person.answer(true); // Even a person who confirms the create gets no secret out of it.
    const before = await page.snapshot();

    const created = await page.invoke('credentials:create', {
      environmentId: id,
      name: 'CI',
      expiresAt: null,
    });
    expect(refusal(created).kind).toBe('conflict');
    expect(JSON.stringify(created)).not.toContain(page.productionSecret);
    expect(evil.requests.some((r) => r.method === 'POST' && r.url === '/auth/credentials')).toBe(
      true,
    );
    for (const request of evil.requests) {
      expect(basicSecretOf(request.headers)).not.toBe(page.productionSecret);
      expect(JSON.stringify(request)).not.toContain(page.productionSecret);
    }
    await page.expectUnchanged(before);
    expect((await lastAudit(page, 'credential.create'))?.outcome).toMatch(/^refused/);
  });

  it('attack 8: a secret header lives in the keychain only, never in a file, the list, the audit log or rotations.json', async () => {
    const sent: { url: string; headers: Headers }[] = [];
    const page = await compromisedPage({
      fetch: (input, init) => {
        sent.push({ url: String(input), headers: new Headers(init?.headers) });
        return fetch(input, init);
      },
    });
    const id = page.production.id;
    const gatewayKey = `gw-${randomUUID()}`;

    const updated = answer<EnvironmentView>(
      await page.invoke('environments:update', {
        id,
        patch: { secretHeaders: ['X-Api-Key'] },
        secretHeaderValues: { 'X-Api-Key': gatewayKey },
      }),
    );
    expect(updated).toMatchObject({ secretHeaders: ['X-Api-Key'], secretHeadersToPaste: [] });
    expect(await page.secretStore.list()).toContain(`${id}/header/x-api-key`);

    // Sent like any extra header: on the token request and on API calls.
    answer(await page.invoke('token:renew', { environmentId: id }));
    answer(await page.invoke('credentials:list', { environmentId: id }));
    const carried = sent.filter((request) => request.headers.get('x-api-key') === gatewayKey);
    expect(carried.map((request) => new URL(request.url).pathname)).toEqual(
      expect.arrayContaining(['/auth/token', '/auth/credentials']),
    );

    // A rotation writes rotations.json (with the verification's token URL).
    page.person.answer(true);
    const rotation = answer<{ id: string }>(
      await page.invoke('rotation:start', {
        environmentId: id,
        oldClientId: page.api.bootstrap.clientId,
        name: 'Rotated',
        expiresAt: null,
      }),
    );
    answer(await page.invoke('rotation:create', { environmentId: id, rotationId: rotation.id }));
    answer(await page.invoke('rotation:verify', { environmentId: id, rotationId: rotation.id }));

    // A key in the token URL's query is refused, so it never reaches profiles.json either.
    const query = refusal(
      await page.invoke('environments:update', {
        id,
        patch: { tokenUrl: `${page.api.url}/auth/token?subscription-key=${gatewayKey}` },
      }),
    );
    expect(query).toMatchObject({ kind: 'validation', errors: [{ param: 'tokenUrl' }] });
    expect(query.message).toMatch(/query string/);

    const files = await filesUnder(page.dataDir);
    expect(files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/profiles\.json$/),
        expect.stringMatching(/profiles\.json\.bak$/),
        expect.stringMatching(/rotations\.json$/),
        expect.stringMatching(/audit\.log$/),
      ]),
    );
    for (const file of files) expect(file.text, file.path).not.toContain(gatewayKey);
    expect(JSON.stringify(await page.invoke('environments:list'))).not.toContain(gatewayKey);
    expect(JSON.stringify(await page.invoke('audit:list', { limit: 500 }))).not.toContain(
      gatewayKey,
    );
    expect(JSON.stringify(await page.invoke('rotation:get', { environmentId: id }))).not.toContain(
      gatewayKey,
    );
  });

  it('attack 8: a secret header is bound to its endpoint like the client secret', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const gatewayKey = `gw-${randomUUID()}`;
    answer(
      await page.invoke('environments:update', {
        id,
        patch: { secretHeaders: ['X-Api-Key'] },
        secretHeaderValues: { 'X-Api-Key': gatewayKey },
      }),
    );
    const before = await page.snapshot();
    page.person.answer(true); // A person confirms the repointing (a typo, say).
    const moved = answer<EnvironmentView>(
      await page.invoke('environments:update', { id, patch: { baseUrl: page.collector.url } }),
    );
    expect(moved.secretHeadersToPaste).toEqual(['X-Api-Key']);
    const listed = refusal(await page.invoke('credentials:list', { environmentId: id }));
    expect(listed.message).toContain('X-Api-Key');
    // Pasting a client secret (even one the attacker's server accepts) does not free the header.
    const pasted = refusal(
      await page.invoke('environments:store-secret', {
        id,
        clientId: 'attacker',
        clientSecret: 'made-up',
      }),
    );
    expect(pasted.message).toContain('X-Api-Key');
    expect(page.collector.requests).toEqual([]);
    await page.expectUnchanged(before);
  });

  it('attack 11: *.localhost is not loopback, so production cannot use plain http to it', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const port = new URL(page.collector.url).port;
    const before = await page.snapshot();

    for (const host of ['api.localhost', 'localhost.evil.example', '127.0.0.1.nip.io']) {
      const moved = refusal(
        await page.invoke('environments:update', {
          id,
          patch: { baseUrl: `http://${host}:${port}` },
        }),
      );
      expect(moved, host).toMatchObject({ kind: 'validation', errors: [{ param: 'baseUrl' }] });
      expect(moved.message, host).toMatch(/https/);
    }
    const added = refusal(
      await page.invoke('environments:add', {
        name: 'Prod 2',
        kind: 'production',
        baseUrl: `http://evil.localhost:${port}`,
        tokenUrl: null,
        extraHeaders: {},
        colour: '#d1242f',
        clientId: 'attacker',
        clientSecret: 'made-up',
      }),
    );
    expect(added).toMatchObject({ kind: 'validation', errors: [{ param: 'baseUrl' }] });
    // Literal loopback stays allowed (the production fixture itself runs on http://127.0.0.1),
    // once the person confirms the repointing.
    page.person.answer(true);
    answer(
      await page.invoke('environments:update', { id, patch: { baseUrl: `http://[::1]:${port}` } }),
    );
    await page.expectUnchanged(before);
  });

  it('an unproven secret pasted while the API is down never replaces the stored production one', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const clientId = page.production.activeClientId!;
    const before = await page.snapshot();
    await page.api.close();

    const pasted = refusal(
      await page.invoke('environments:store-secret', { id, clientId, clientSecret: 'made-up' }),
    );
    expect(pasted.kind).toBe('conflict');
    expect(pasted.message).toContain('only with one the API has accepted');
    expect((await page.snapshot()).keychain).toBe(before.keychain);
  });
});
