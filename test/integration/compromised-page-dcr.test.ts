import { describe, expect, it } from 'vitest';
import { initialAccessTokenAccount } from '../../src/main/core/secrets/initial-access-token';
import { registrationTokenAccount } from '../../src/main/core/secrets/registration-tokens';
import { channelNames } from '../../src/shared/ipc/contract';
import { ENV, SAMPLE_INPUTS } from '../fixtures/channel-samples';
import { compromisedDcrPage, type CompromisedDcrPage } from '../fixtures/compromised-dcr-page';
import { filesUnder } from '../support/files-under';
import { storedSecret } from '../support/stored-secret';

/** The registration and initial access tokens the keychain holds now (values, for searching). */
async function registrationSecrets(page: CompromisedDcrPage): Promise<Set<string>> {
  const found = new Set<string>();
  const env = page.environment.id;
  for (const account of await page.secretStore.list()) {
    if (
      account.startsWith(registrationTokenAccount(env, '')) ||
      account === initialAccessTokenAccount(env)
    ) {
      const value = await storedSecret(page.secretStore, account);
      if (value !== null) found.add(value);
    }
  }
  return found;
}

/** A sample input aimed at this world: its environment, its client (or a given client_id), the attacker's URLs. */
function aimed(
  page: CompromisedDcrPage,
  input: unknown,
  clientId: string,
  rotationId: string,
): unknown {
  const text = JSON.stringify(input ?? null)
    .replaceAll(ENV, page.environment.id)
    .replaceAll('"cl_123"', JSON.stringify(clientId))
    .replaceAll('"cl_old"', JSON.stringify(clientId))
    .replaceAll('"rot-1"', JSON.stringify(rotationId))
    .replaceAll('https://api.example.com', page.collector.url)
    .replaceAll('https://issuer.example.com', page.collector.url);
  return input === undefined ? undefined : JSON.parse(text);
}

describe('a compromised page against a production DCR environment', () => {
  it('cannot get a registration access token or the initial access token through any channel, even when the person confirms everything', async () => {
    const page = await compromisedDcrPage();
    page.person.answer(true);
    const env = page.environment.id;
    const created = await page.invoke('credentials:create', {
      environmentId: env,
      name: 'Attacked worker',
      expiresAt: null,
    });
    expect(created.ok).toBe(true);
    const clientId = (created as { value: { credential: { clientId: string } } }).value.credential
      .clientId;
    const secrets = await registrationSecrets(page);
    expect(secrets.size).toBe(2);
    // The copy channel works (the one copy a person may ask for is the client secret)…
    const copied = await page.invoke('credentials:copy-secret', { environmentId: env, clientId });
    expect(copied.ok).toBe(true);
    expect(page.clipboard.history.at(-1)).toBe(
      (created as { value: { clientSecret: string } }).value.clientSecret,
    );
    const answers: string[] = [];
    const targets = [clientId, `dcr/registration/${clientId}`, 'dcr/initial-access-token'];
    // Removing the environment goes last: it ends the world the other calls need.
    const order = [...channelNames].sort(
      (a, b) => Number(a === 'environments:remove') - Number(b === 'environments:remove'),
    );
    for (const target of targets) {
      for (const channel of order) {
        if (channel === 'environments:remove' && target !== targets.at(-1)) continue;
        const rotationId = page.core.rotation.get(env)?.id ?? 'none';
        const input = aimed(page, SAMPLE_INPUTS[channel], target, rotationId);
        answers.push(`${channel} ${JSON.stringify(await page.invoke(channel, input))}`);
        for (const value of await registrationSecrets(page)) secrets.add(value);
      }
    }
    // Every place a page could read or an attacker could collect.
    const places = [
      ...answers,
      ...page.clipboard.history,
      ...page.collector.requests.map((request) => JSON.stringify(request)),
      ...(await filesUnder(page.dataDir)).map((file) => file.text),
    ];
    for (const secret of secrets) {
      expect(places.filter((place) => place.includes(secret))).toEqual([]);
    }
    // …and the sweep reached the handlers (a create, a reveal), not only the router's checks.
    expect(answers.filter((answer) => /^\S+ \{"ok":true/.test(answer)).length).toBeGreaterThan(20);
  });

  it('cannot delete a DCR client in production without the person confirming in main', async () => {
    const page = await compromisedDcrPage();
    const env = page.environment.id;
    page.person.answer(true);
    const created = (await page.invoke('credentials:create', {
      environmentId: env,
      name: 'Keep me',
      expiresAt: null,
    })) as { ok: true; value: { credential: { clientId: string } } };
    const clientId = created.value.credential.clientId;
    page.person.answer(false);
    const asked = page.person.requests.length;
    const refused = await page.invoke('credentials:revoke', { environmentId: env, clientId });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(page.person.requests.slice(asked).map((request) => request.action)).toEqual([
      'credential.revoke',
    ]);
    expect(page.person.requests.at(-1)?.title).toMatch(/^Delete a registered client/);
    expect(await page.server.provider.Client.find(clientId)).toBeDefined();
    expect(await page.secretStore.get(registrationTokenAccount(env, clientId))).not.toBeNull();
    // Dismissing a pending registration asks too.
    const dismissed = await page.invoke('credentials:dismiss-pending', {
      environmentId: env,
      id: 'any',
    });
    expect(dismissed).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });

  it('cannot point the registration at another origin to collect the initial or a registration access token', async () => {
    const page = await compromisedDcrPage();
    const env = page.environment.id;
    page.person.answer(true);
    const created = (await page.invoke('credentials:create', {
      environmentId: env,
      name: 'Listed',
      expiresAt: null,
    })) as { ok: true; value: { credential: { clientId: string } } };
    const clientId = created.value.credential.clientId;
    const secrets = await registrationSecrets(page);
    const moved = await page.invoke('environments:update', {
      id: env,
      patch: { registrationUrl: `${page.collector.url}/reg` },
    });
    expect(moved.ok).toBe(true);
    // Even with the person confirming the create, nothing goes to the new origin.
    const create = await page.invoke('credentials:create', {
      environmentId: env,
      name: 'Exfiltrate',
      expiresAt: null,
    });
    expect(create).toMatchObject({
      ok: false,
      error: { kind: 'validation', errors: [{ param: 'initialAccessToken' }] },
    });
    // Listing and deleting need the registration access token: it stays home too.
    const listed = (await page.invoke('credentials:list', { environmentId: env })) as {
      ok: true;
      value: { registration?: { state: string } }[];
    };
    expect(listed.value[0]?.registration?.state).toBe('unreadable');
    const revoke = await page.invoke('credentials:revoke', { environmentId: env, clientId });
    expect(revoke).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(page.collector.requests).toEqual([]);
    expect(await page.server.provider.Client.find(clientId)).toBeDefined();
    for (const secret of secrets) {
      expect(JSON.stringify([create, listed, revoke])).not.toContain(secret);
    }
  });
});
