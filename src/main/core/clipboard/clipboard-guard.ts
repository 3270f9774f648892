import type { CopyOutcome } from '../../../shared/domain';

/** The clipboard as core sees it: Electron's `clipboard` in the app, a stand-in in tests. */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
}

/** How long a copied secret or token may stay on the clipboard. */
export const SECRET_CLIPBOARD_TTL_MS = 30_000;

/** Copies text through main; secrets are cleared after 30 s if the clipboard still holds them. */
export interface ClipboardGuard {
  /** Copies text that is not secret (a client_id, a support summary); never cleared. */
  copyText(text: string): Promise<CopyOutcome>;
  /** Copies a secret or token and schedules its removal. */
  copySecret(text: string): Promise<CopyOutcome>;
  /** Clears a pending secret now if it is still on the clipboard, and cancels the timer. */
  dispose(): Promise<void>;
}

/** Builds the guard over a clipboard port, a clock and a timer (injectable for tests). */
export function createClipboardGuard(
  clipboard: ClipboardPort,
  {
    now = Date.now,
    setTimer = (run: () => void, ms: number) => setTimeout(run, ms),
    clearTimer = (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }: {
    readonly now?: () => number;
    readonly setTimer?: (run: () => void, ms: number) => unknown;
    readonly clearTimer?: (handle: unknown) => void;
  } = {},
): ClipboardGuard {
  let pending: { value: string; timer: unknown } | null = null;
  const clearIfUnchanged = async (): Promise<void> => {
    if (pending === null) return;
    const { value, timer } = pending;
    pending = null;
    clearTimer(timer);
    if ((await clipboard.readText()) === value) await clipboard.writeText('');
  };
  return {
    async copyText(text) {
      if (pending !== null) {
        clearTimer(pending.timer);
        pending = null;
      }
      await clipboard.writeText(text);
      return { clearsAt: null };
    },
    async copySecret(text) {
      if (pending !== null) clearTimer(pending.timer);
      await clipboard.writeText(text);
      const timer = setTimer(() => void clearIfUnchanged(), SECRET_CLIPBOARD_TTL_MS);
      (timer as { unref?: () => void }).unref?.();
      pending = { value: text, timer };
      return { clearsAt: now() + SECRET_CLIPBOARD_TTL_MS };
    },
    dispose: clearIfUnchanged,
  };
}
