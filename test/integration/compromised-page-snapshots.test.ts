import { describe, expect, it } from 'vitest';
import { compromisedPage } from '../fixtures/compromised-page';

/** The snapshot channels that only read what main kept. */
const READS = [
  ['snapshots:summaries', undefined],
  ['snapshots:fleet', undefined],
  ['snapshots:index', undefined],
  ['snapshots:settings', undefined],
] as const;

describe('the compromised page and the snapshots', () => {
  it('reading every snapshot sends nothing anywhere, asks nothing, and returns no secret or token', async () => {
    const page = await compromisedPage();
    const id = page.production.id;
    const { accessToken } = await page.core.tokens.current(id);
    await page.core.credentials.list(id);
    await page.core.snapshots.refresh(id);
    await page.core.snapshots.settled();
    const before = await page.snapshot();

    const answers = [];
    for (const [channel, input] of READS) answers.push(await page.invoke(channel, input));
    answers.push(await page.invoke('snapshots:credentials', { environmentId: id }));
    answers.push(await page.invoke('snapshots:jwks', { environmentId: id }));
    // Main's own reminders read the snapshots only: no request either.
    await page.core.reminders.tick();

    for (const answer of answers) expect(answer.ok).toBe(true);
    const text = JSON.stringify(answers);
    expect(text).toContain(page.api.bootstrap.clientId);
    expect(text).not.toContain(page.productionSecret);
    expect(text).not.toContain(accessToken);
    expect(page.person.requests).toEqual([]);
    await page.expectUnchanged(before);
  });

  it('refreshing the production snapshot reaches only its own API, for exactly what the Credentials tab and "Keys of" fetch', async () => {
    const page = await compromisedPage();
    const before = page.sandboxLog.length;
    const result = await page.invoke('snapshots:refresh', { environmentId: page.production.id });
    expect(result.ok).toBe(true);
    const routes = page.sandboxLog
      .slice(before)
      .map((line) => line.split(' ').slice(0, 2).join(' '));
    const allowed = ['POST /auth/token', 'GET /auth/credentials', 'GET /.well-known/jwks.json'];
    for (const route of routes) expect(allowed).toContain(route);
    expect(routes).toContain('GET /auth/credentials');
    expect(routes).toContain('GET /.well-known/jwks.json');
    expect(page.collector.requests).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(page.productionSecret);
  });

  it('cannot point a refresh elsewhere, nor read an environment that does not exist', async () => {
    const page = await compromisedPage();
    const before = await page.snapshot();
    const smuggled = await page.invoke('snapshots:refresh', {
      environmentId: page.production.id,
      url: `${page.collector.url}/.well-known/jwks.json`,
    });
    expect(smuggled).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const unknown = await page.invoke('snapshots:jwks', { environmentId: 'no-such-environment' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    await page.expectUnchanged(before);
  });
});
