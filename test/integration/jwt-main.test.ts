import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEventBus } from '../../src/main/core/event-bus';
import { fetchJwks } from '../../src/main/core/jwks/jwks-fetch';
import { createWatchList } from '../../src/main/core/watch-list/watch-list';
import { AppFailure } from '../../src/shared/errors';
import { manualClock, sandbox } from '../fixtures/sandbox-client';
import { scriptedServer } from '../fixtures/scripted-server';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keysmith-watch-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

describe('what main does for the JWT debugger', () => {
  it('fetches a JWKS by URL only on request, and refuses non-JWKS answers and private keys', async () => {
    const api = await sandbox();
    const jwks = await fetchJwks(`${api.url}/.well-known/jwks.json`);
    expect(jwks.keyCount).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(jwks.text).keys[0].kty).toBe('RSA');

    const answers = [
      { type: 'text/html', body: '<html>login</html>' },
      { type: 'application/json', body: '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}' },
      { type: 'application/json', body: '{"issuer":"x"}' },
    ];
    const server = await scriptedServer((request, response) => {
      const answer = answers[server.requests.length - 1]!;
      response.writeHead(200, { 'Content-Type': answer.type });
      response.end(answer.body);
    });
    expect((await failureOf(fetchJwks(server.url))).message).toMatch(/did not answer with JSON/);
    expect((await failureOf(fetchJwks(server.url))).message).toMatch(/private or symmetric key/);
    expect((await failureOf(fetchJwks(server.url))).message).toMatch(/without a non-empty "keys"/);
    expect((await failureOf(fetchJwks('http://example.com/jwks.json'))).kind).toBe('validation');
  });

  it('reminds once, some minutes before a pinned token expires, and never stores the token', async () => {
    const dataDir = await tempDir();
    const clock = manualClock();
    const shown: string[] = [];
    const watch = createWatchList({
      dataDir,
      events: createEventBus(),
      notify: (title, body) => shown.push(`${title} | ${body}`),
      now: clock.now,
      tickMs: 0,
    });
    await watch.add({
      label: 'partner token',
      expiresAt: clock.now() + 20 * 60_000,
      issuer: 'https://issuer.example',
      subject: 'client-1',
      warnMinutes: 5,
    });
    await watch.tick();
    expect(shown).toEqual([]);
    clock.advance(15 * 60_000);
    await watch.tick();
    await watch.tick();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^Token expiring: partner token \| It expires in 5 min/);
    const [entry] = await watch.list();
    expect(entry?.notifiedAt).toBe(clock.now());

    const jwtShaped = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    const refused = await failureOf(
      watch.add({ label: jwtShaped, expiresAt: 1, issuer: null, subject: null, warnMinutes: 5 }),
    );
    expect(refused.kind).toBe('validation');
    expect(await readFile(join(dataDir, 'watchlist.json'), 'utf8')).not.toContain('eyJ');
    await watch.remove(entry!.id);
    expect(await watch.list()).toEqual([]);
  });
});
