import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../src/shared/ipc/create-bridge';

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
