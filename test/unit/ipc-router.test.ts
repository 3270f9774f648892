import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import { AppFailure } from '../../src/shared/errors';
import type { AppInfo } from '../../src/shared/domain';

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
