import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CONFIRM_WINDOW_CHANNELS } from '../../shared/confirm';
import { channelNames, eventNames } from '../../shared/ipc/contract';
import { eventChannel } from '../../shared/ipc/names';
import type { TrustedConfirmSurface } from '../confirm-window';
import type { EventBus } from '../core/event-bus';
import type { Router } from './router';
import type { SenderInfo } from './sender';

function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

/** Registers every contract channel with ipcMain, each one dispatched through the router. */
export function registerElectronIpc(router: Router): void {
  for (const name of channelNames) {
    ipcMain.handle(name, (event, input: unknown) => router.dispatch(name, input, senderOf(event)));
  }
}

/**
 * Registers the trusted confirmation window's two channels (outside the contract: the router
 * never sees them, the app's preload cannot name them). The surface checks the sender itself.
 */
export function registerConfirmWindowIpc(surface: TrustedConfirmSurface): void {
  ipcMain.handle(CONFIRM_WINDOW_CHANNELS.request, (event) => surface.request(event));
  ipcMain.handle(CONFIRM_WINDOW_CHANNELS.answer, (event, confirmed: unknown, typed: unknown) =>
    surface.answer(event, confirmed, typed),
  );
}

/** Forwards every core event to the window's renderer; returns the function that stops it. */
export function forwardEvents(events: EventBus, window: BrowserWindow): () => void {
  const stops = eventNames.map((name) =>
    events.on(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
    }),
  );
  return () => stops.forEach((stop) => stop());
}
