import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import { AppFailure } from '../../src/shared/errors';
import type { AppInfo } from '../../src/shared/domain';
import { channelNames, type ChannelName } from '../../src/shared/ipc/contract';
import {
  FREE_FORM_MEMBERS,
  SAMPLE_INPUTS,
  SAMPLE_OUTPUTS,
  SECRET_CHANNELS,
} from '../fixtures/channel-samples';
import { SECRET_SHAPED_VALUE } from '../fixtures/fake-secrets';

const OWN_PAGE = 'app://keysmith/index.html';
const info: AppInfo = {
  name: 'Keysmith',
  version: '1.2.3',
  platform: 'linux',
  arch: 'x64',
  versions: {},
  keychain: { available: true, backend: 'test' },
};

function routerWith(overrides: Partial<Handlers> = {}, onRejected = vi.fn()) {
  const handlers = { 'app:info': () => info, ...overrides } as Handlers;
  const router = createRouter({
    handlers,
    checkSender: createSenderCheck(['app://keysmith']),
    onRejected,
  });
  return { router, onRejected };
}

describe('IPC router', () => {
  it('accepts a valid call from the main frame of our own page', async () => {
    const { router } = routerWith();
    const result = await router.dispatch('app:info', undefined, {
      url: OWN_PAGE,
      isMainFrame: true,
    });
    expect(result).toEqual({ ok: true, value: info });
  });

  it('rejects a foreign sender with a forbidden error naming its origin, without calling the handler', async () => {
    const handler = vi.fn(() => info);
    const { router, onRejected } = routerWith({ 'app:info': handler });
    const result = await router.dispatch('app:info', undefined, {
      url: 'https://evil.example/phish',
      isMainFrame: true,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(!result.ok && result.error.message).toContain('https://evil.example');
    expect(handler).not.toHaveBeenCalled();
    expect(onRejected).toHaveBeenCalledOnce();
  });

  it('rejects a lookalike origin (other host on the same scheme, or a file URL)', async () => {
    const { router } = routerWith();
    for (const url of [
      'app://keysmith.evil/index.html',
      'file:///index.html',
      'http://keysmith/',
      '',
      'not a url',
    ]) {
      const result = await router.dispatch('app:info', undefined, { url, isMainFrame: true });
      expect(result, url).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    const missing = await router.dispatch('app:info', undefined, { url: null, isMainFrame: true });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('rejects a sub-frame of our own page', async () => {
    const handler = vi.fn(() => info);
    const { router } = routerWith({ 'app:info': handler });
    const result = await router.dispatch('app:info', undefined, {
      url: OWN_PAGE,
      isMainFrame: false,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(!result.ok && result.error.message).toMatch(/sub-frame/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects an unknown channel, including prototype names, with a validation error', async () => {
    const { router } = routerWith();
    for (const channel of ['app:nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await router.dispatch(channel, undefined, {
        url: OWN_PAGE,
        isMainFrame: true,
      });
      expect(result, String(channel)).toMatchObject({ ok: false, error: { kind: 'validation' } });
      expect(!result.ok && result.error.message).toMatch(/Unknown IPC channel/);
    }
  });

  it('rejects malformed input with the offending field named', async () => {
    const handler = vi.fn(() => info);
    const { router } = routerWith({ 'app:info': handler });
    const result = await router.dispatch(
      'app:info',
      { surprise: true },
      { url: OWN_PAGE, isMainFrame: true },
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(!result.ok && result.error.message).toMatch(/Invalid input for app:info/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('returns an AppError thrown by a handler intact, and hides nothing else behind a rejection', async () => {
    const { router } = routerWith({
      'app:info': () => {
        throw new AppFailure({
          kind: 'keychain',
          reason: 'locked',
          message: 'The OS keychain is locked.',
        });
      },
    });
    const result = await router.dispatch('app:info', undefined, {
      url: OWN_PAGE,
      isMainFrame: true,
    });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'keychain', reason: 'locked', message: 'The OS keychain is locked.' },
    });
  });

  it('turns an unexpected exception into an internal error instead of rejecting the invoke', async () => {
    const { router } = routerWith({
      'app:info': () => {
        throw new TypeError('boom');
      },
    });
    const result = await router.dispatch('app:info', undefined, {
      url: OWN_PAGE,
      isMainFrame: true,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('trusts the dev server origin only when configured with it', async () => {
    const check = createSenderCheck(['http://localhost:5173']);
    expect(check({ url: 'http://localhost:5173/#/x', isMainFrame: true })).toEqual({
      trusted: true,
    });
    expect(check({ url: 'http://localhost:5174/', isMainFrame: true }).trusted).toBe(false);
    expect(check({ url: 'app://keysmith/index.html', isMainFrame: true }).trusted).toBe(false);
  });
});

describe('IPC router outputs', () => {
  const call = (router: ReturnType<typeof createRouter>, channel: string, input?: unknown) =>
    router.dispatch(channel, input, { url: OWN_PAGE, isMainFrame: true });

  it('strips members a channel does not declare from a successful result, at any depth', async () => {
    const { router } = routerWith({
      'app:info': () =>
        ({
          ...info,
          clientSecret: SECRET_SHAPED_VALUE,
          keychain: { ...info.keychain, password: SECRET_SHAPED_VALUE },
        }) as unknown as AppInfo,
    });
    const result = await call(router, 'app:info');
    expect(result).toEqual({ ok: true, value: info });
    expect(JSON.stringify(result)).not.toContain(SECRET_SHAPED_VALUE);
  });

  it('refuses a result that does not fit its schema as an internal error, logged without the value', async () => {
    const { router, onRejected } = routerWith({
      'app:info': () =>
        ({ ...info, version: { leaked: SECRET_SHAPED_VALUE } }) as unknown as AppInfo,
    });
    const result = await call(router, 'app:info');
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(onRejected).toHaveBeenCalledOnce();
    const [channel, reason] = onRejected.mock.calls[0] as [string, string];
    expect(channel).toBe('app:info');
    expect(reason).toMatch(/version \(invalid_type\)/);
    expect(JSON.stringify([result, onRejected.mock.calls])).not.toContain(SECRET_SHAPED_VALUE);
  });

  it('no non-secret channel lets a secret-shaped member added to any object of its answer through', async () => {
    let checked = 0;
    for (const channel of channelNames) {
      const sample: unknown = SAMPLE_OUTPUTS[channel];
      const input: unknown = SAMPLE_INPUTS[channel];
      const plain = await call(routerWith(constant(channel, sample)).router, channel, input);
      expect(plain, `${channel}: the sample passes its own schema`).toMatchObject({ ok: true });
      for (const path of objectPaths(sample)) {
        // Names no view declares, as a stored object or an API answer might grow them.
        const tainted = withMember(
          withMember(sample, path, 'client_secret', SECRET_SHAPED_VALUE),
          path,
          'password',
          SECRET_SHAPED_VALUE,
        );
        const result = await call(routerWith(constant(channel, tainted)).router, channel, input);
        expect(result, `${channel} at ${path.join('.') || '(result)'}`).toEqual(plain);
        checked += 1;
      }
      // The channels built to carry a secret still carry the one they declare.
      if (SECRET_CHANNELS.has(channel)) {
        expect(JSON.stringify(plain), channel).toMatch(
          /sample-secret-of-a-sample|sample\.access\.token/,
        );
      }
    }
    expect(checked).toBeGreaterThan(channelNames.length);
  });
});

/** Handlers where one channel answers `value` (the others are never called). */
function constant(channel: ChannelName, value: unknown): Partial<Handlers> {
  return { [channel]: () => value } as Partial<Handlers>;
}

/** The path of every plain object in a value that a view names member by member. */
function objectPaths(
  value: unknown,
  path: readonly (string | number)[] = [],
): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const inner = Object.entries(value).flatMap(([key, member]) =>
    FREE_FORM_MEMBERS.has(key)
      ? []
      : objectPaths(member, [...path, Array.isArray(value) ? Number(key) : key]),
  );
  return Array.isArray(value) ? inner : [[...path], ...inner];
}

/** A deep copy of `value` with `name: member` added to the object at `path`. */
function withMember(
  value: unknown,
  path: readonly (string | number)[],
  name: string,
  member: unknown,
): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const target = path.reduce<Record<string | number, unknown>>(
    (object, key) => object[key] as Record<string | number, unknown>,
    copy,
  );
  target[name] = member;
  return copy;
}
