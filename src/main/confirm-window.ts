import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { typedPhraseMatches } from '../shared/confirm';
import type { ConfirmPort, ConfirmRequest } from './core/confirm/confirm-port';
import { isConfirmPageUrl } from './security-policy';
import { createSecureWindow } from './window';

/** What the IPC wrapper hands the trusted confirmation window's two channels to. */
export interface TrustedConfirmSurface {
  /** The question of the window that asks; throws for any other sender. */
  request(event: IpcMainInvokeEvent): ConfirmRequest;
  /** The person's answer, from that window only; main checks the typed phrase again. */
  answer(event: IpcMainInvokeEvent, confirmed: unknown, typed: unknown): void;
}

/** Where the trusted window attaches and what it loads. */
export interface ConfirmWindowOptions {
  /** The window the confirmation is modal to (the app's main window), when there is one. */
  readonly parent: () => BrowserWindow | null;
  /** The confirmation page: `app://keysmith/confirm.html`, or the dev server's. */
  readonly pageUrl: string;
  /** The confirmation window's own preload (it exposes `window.keysmithConfirm`, nothing else). */
  readonly preload: string;
  /** False in a packaged build (the launch policy decides): no DevTools on this window either. */
  readonly devTools: boolean;
}

/** The question on screen now, and how to end it. */
interface Pending {
  readonly window: BrowserWindow;
  readonly request: ConfirmRequest;
  settle(confirmed: boolean): void;
}

/**
 * The Electron ConfirmPort: each question opens a modal child window of the app's window, with
 * the same locked-down webPreferences, its own page and its own preload. Page script in the app's
 * window can neither see that window nor answer it: its two IPC channels are not in the contract
 * and main takes them only from that window's own page. Closing the window means "no"; questions
 * are asked one at a time.
 */
export function createConfirmWindow(options: ConfirmWindowOptions): {
  readonly port: ConfirmPort;
  readonly surface: TrustedConfirmSurface;
} {
  let pending: Pending | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const ask = (request: ConfirmRequest): Promise<boolean> =>
    new Promise((resolve) => {
      const parent = options.parent();
      const window = createSecureWindow(
        {
          parent: parent ?? undefined,
          modal: parent !== null,
          width: 580,
          height: 520,
          minWidth: 480,
          minHeight: 440,
          useContentSize: true,
          minimizable: false,
          maximizable: false,
          fullscreenable: false,
          autoHideMenuBar: true,
          show: false,
          title: `Confirm: ${request.title}`,
        },
        options.preload,
        options.devTools,
      );
      window.setMenu(null);
      let settled = false;
      const settle = (confirmed: boolean): void => {
        if (settled) return;
        settled = true;
        if (pending?.window === window) pending = null;
        resolve(confirmed);
        if (!window.isDestroyed()) window.close();
      };
      pending = { window, request, settle };
      window.on('closed', () => settle(false));
      window.once('ready-to-show', () => {
        window.show();
        window.focus();
      });
      window.loadURL(options.pageUrl).catch(() => settle(false));
    });

  /** The pending question, when the call comes from its window's own page (main frame); else throws. */
  const pendingFor = (event: IpcMainInvokeEvent): Pending => {
    const frame = event.senderFrame;
    const trusted =
      pending !== null &&
      !pending.window.isDestroyed() &&
      event.sender === pending.window.webContents &&
      frame !== null &&
      frame === event.sender.mainFrame &&
      isConfirmPageUrl(frame.url, options.pageUrl);
    if (!trusted || pending === null) {
      throw new Error('Refused: only Keysmith’s confirmation window may ask or answer.');
    }
    return pending;
  };

  return {
    port: {
      confirm(request) {
        const asked = queue.then(() => ask(request));
        queue = asked.catch(() => undefined);
        return asked;
      },
    },
    surface: {
      request: (event) => pendingFor(event).request,
      answer(event, confirmed, typed) {
        const current = pendingFor(event);
        current.settle(
          confirmed === true && typedPhraseMatches(current.request.typeToConfirm, typed),
        );
      },
    },
  };
}
