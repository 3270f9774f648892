import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import type { KeysmithBridge } from '../../src/shared/ipc/bridge';
import { createBridge } from '../../src/shared/ipc/create-bridge';
import { BRIDGE_SCRIPT } from '../support/bridge-script';

describe('preload bridge', () => {
  it('forwards a contract channel to the transport and returns its result', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: 'x' }));
    const bridge = createBridge({ invoke, subscribe: vi.fn() });
    await expect(bridge.invoke('app:info')).resolves.toEqual({ ok: true, value: 'x' });
    expect(invoke).toHaveBeenCalledWith('app:info', undefined);
  });

  it('refuses a channel outside the contract without touching the transport', async () => {
    const invoke = vi.fn();
    const bridge = createBridge({ invoke, subscribe: vi.fn() });
    const result = await bridge.invoke('shell:openExternal', 'file:///etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const subscribe = vi.fn();
    const bridge = createBridge({ invoke: vi.fn(), subscribe });
    expect(() => bridge.on('ipc:raw', () => {})).toThrow(/Unknown event/);
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('exposes exactly invoke and on, frozen', () => {
    const bridge = createBridge({ invoke: vi.fn(), subscribe: vi.fn() });
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});

describe('the browser harness bridge', () => {
  /** Runs BRIDGE_SCRIPT in a bare context, as Chromium runs an init script in the page. */
  function pageWith(binding: (channel: string, input: unknown) => Promise<unknown>) {
    const window: Record<string, unknown> = { __keysmithInvoke: binding };
    runInNewContext(BRIDGE_SCRIPT, { window });
    return window as {
      keysmith: KeysmithBridge;
      __keysmithEmit(event: string, payload: unknown): void;
    };
  }

  it('applies the preload allowlist before anything reaches the router', async () => {
    const binding = vi.fn(async () => ({ ok: true, value: 'x' }));
    const page = pageWith(binding);
    await expect(page.keysmith.invoke('app:info')).resolves.toEqual({ ok: true, value: 'x' });
    const refused = await page.keysmith.invoke('shell:openExternal', 'file:///etc/passwd');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(binding).toHaveBeenCalledExactlyOnceWith('app:info', undefined);
    expect(() => page.keysmith.on('ipc:raw', () => {})).toThrow(/Unknown event/);
    expect(Object.isFrozen(page.keysmith)).toBe(true);
  });

  it('delivers contract events to listeners until they unsubscribe', () => {
    const page = pageWith(vi.fn());
    const seen: unknown[] = [];
    const stop = page.keysmith.on('audit:appended', (payload) => seen.push(payload));
    page.__keysmithEmit('audit:appended', { action: 'a' });
    stop();
    page.__keysmithEmit('audit:appended', { action: 'b' });
    expect(seen).toEqual([{ action: 'a' }]);
  });
});
