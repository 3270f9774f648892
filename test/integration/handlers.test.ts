import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/create-core';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import type { CopyOutcome, FetchedJwks } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { sandbox } from '../fixtures/sandbox-client';
import { createScriptedConfirm } from '../support/scripted-confirm';

const OWN_PAGE = { url: 'app://keysmith/index.html', isMainFrame: true };

/** Calls a channel through the real router, as page script would, and unwraps the value. */
function pageOf(core: Core) {
  const router = createRouter({
    handlers: createHandlers(core),
    checkSender: createSenderCheck(['app://keysmith']),
  });
  return async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = (await router.dispatch(channel, input, OWN_PAGE)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
    return result.value;
  };
}

describe('what the handlers moved into core still reaches the page through the router', () => {
  it('downloads a JWKS with the fetch createCore was given, not the global one', async () => {
    const api = await sandbox();
    const fetched: string[] = [];
    const person = createScriptedConfirm(true);
    const { core } = await coreForTest({
      confirm: person,
      fetch: (input, init) => {
        fetched.push(String(input));
        return fetch(input, init);
      },
    });
    const url = `${api.url}/.well-known/jwks.json`;
    const jwks = await pageOf(core)<FetchedJwks>('jwt:fetch-jwks', { url });
    expect(fetched).toEqual([url]);
    expect(jwks).toMatchObject({ url, keyCount: 1 });
    // A typed URL is fetched only once the person confirmed that exact URL.
    expect(person.requests.map((request) => request.subject)).toEqual([url]);
  });

  it('copies the token as a curl command and a credential secret, both cleared later', async () => {
    const api = await sandbox();
    const { core, clipboard } = await coreForTest();
    const invoke = pageOf(core);
    const { environment } = await invoke<{ environment: { id: string } }>('environments:add', {
      ...STAGING_FIELDS,
      baseUrl: api.url,
      clientId: api.bootstrap.clientId,
      clientSecret: api.bootstrap.clientSecret,
    });
    const token = await core.tokens.current(environment.id);

    const copied = await invoke<CopyOutcome>('clipboard:copy-token', {
      environmentId: environment.id,
      format: 'curl',
    });
    expect(clipboard.readText()).toBe(
      `curl -H 'Authorization: Bearer ${token.accessToken}' '${api.url}/auth/credentials'`,
    );
    expect(copied.clearsAt).not.toBeNull();

    const secret = await invoke<CopyOutcome>('credentials:copy-secret', {
      environmentId: environment.id,
      clientId: api.bootstrap.clientId,
    });
    expect(clipboard.readText()).toBe(api.bootstrap.clientSecret);
    expect(secret.clearsAt).not.toBeNull();
  });
});
