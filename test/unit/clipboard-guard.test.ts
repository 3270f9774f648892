import { describe, expect, it } from 'vitest';
import {
  createClipboardGuard,
  SECRET_CLIPBOARD_TTL_MS,
} from '../../src/main/core/clipboard/clipboard-guard';
import { createMemoryClipboard } from '../support/memory-clipboard';

/** Timers run by hand, so 30 s pass instantly. */
function manualTimers() {
  const due: { at: number; run: () => void }[] = [];
  let now = 1_000;
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run };
      due.push(timer);
      return timer;
    },
    clearTimer: (handle: unknown) => {
      const index = due.indexOf(handle as (typeof due)[number]);
      if (index >= 0) due.splice(index, 1);
    },
    /** Moves time on, runs the timers now due, and lets their async work settle. */
    async advance(ms: number) {
      now += ms;
      for (const timer of [...due].filter((t) => t.at <= now)) {
        due.splice(due.indexOf(timer), 1);
        timer.run();
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('copying through main (the clipboard is a stand-in: Electron’s exists only in Electron)', () => {
  it('clears a copied secret after 30 s', async () => {
    const clipboard = createMemoryClipboard();
    const timers = manualTimers();
    const guard = createClipboardGuard(clipboard, timers);
    expect(await guard.copySecret('s3cret')).toEqual({ clearsAt: 1_000 + SECRET_CLIPBOARD_TTL_MS });
    await timers.advance(SECRET_CLIPBOARD_TTL_MS - 1);
    expect(clipboard.readText()).toBe('s3cret');
    await timers.advance(1);
    expect(clipboard.readText()).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clipboard = createMemoryClipboard();
    const timers = manualTimers();
    const guard = createClipboardGuard(clipboard, timers);
    await guard.copySecret('s3cret');
    clipboard.writeText('mine');
    await timers.advance(SECRET_CLIPBOARD_TTL_MS);
    expect(clipboard.readText()).toBe('mine');
  });

  it('never schedules a clear for plain text, and a new secret restarts the 30 s', async () => {
    const clipboard = createMemoryClipboard();
    const timers = manualTimers();
    const guard = createClipboardGuard(clipboard, timers);
    expect(await guard.copyText('dinie_ci_123')).toEqual({ clearsAt: null });
    await timers.advance(SECRET_CLIPBOARD_TTL_MS * 2);
    expect(clipboard.readText()).toBe('dinie_ci_123');
    await guard.copySecret('first');
    await timers.advance(20_000);
    await guard.copySecret('second');
    await timers.advance(20_000);
    expect(clipboard.readText()).toBe('second');
    await timers.advance(10_000);
    expect(clipboard.readText()).toBe('');
  });
});
