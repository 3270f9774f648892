import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Notification } from 'electron';
import { createCore } from './core/create-core';
import { createKeytarSecretStore } from './core/secrets/secret-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createConfirmWindow } from './confirm-window';
import { forwardEvents, registerConfirmWindowIpc, registerElectronIpc } from './ipc/electron-ipc';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';
import { createSenderCheck } from './ipc/sender';
import { APP_ORIGIN } from './security-policy';
import {
  confirmPageUrl,
  createMainWindow,
  denyAllPermissions,
  lockDownWebContents,
} from './window';

// Tests (and power users) may point the app at another data folder.
if (process.env.KEYSMITH_USER_DATA) app.setPath('userData', process.env.KEYSMITH_USER_DATA);
registerAppScheme();
lockDownWebContents();
if (!app.requestSingleInstanceLock()) app.quit();

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions();
  serveRenderer(join(import.meta.dirname, '../renderer'));
  let mainWindow: BrowserWindow | null = null;
  // Production confirmations: a trusted modal window the app's page can neither see nor answer.
  const confirmWindow = createConfirmWindow({
    parent: () => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null),
    pageUrl: confirmPageUrl(),
    preload: join(import.meta.dirname, '../preload/confirm.cjs'),
  });
  registerConfirmWindowIpc(confirmWindow.surface);
  const core = await createCore({
    dataDir: app.getPath('userData'),
    // A different keychain service for development builds, so they never touch real entries.
    secretStore: createKeytarSecretStore(app.isPackaged ? 'Keysmith' : 'Keysmith (development)'),
    clipboard,
    confirm: confirmWindow.port,
    embeddedSandbox: true,
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    appVersion: app.getVersion(),
    versions: { electron: process.versions.electron, chrome: process.versions.chrome },
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  const router = createRouter({
    handlers: createHandlers(core),
    checkSender: createSenderCheck(devServer && !app.isPackaged ? [devServer] : [APP_ORIGIN]),
    onRejected: (channel, reason) => console.warn(`[ipc] ${channel}: ${reason}`),
  });
  registerElectronIpc(router);
  const open = (): void => {
    const window = createMainWindow();
    mainWindow = window;
    const stop = forwardEvents(core.events, window);
    window.on('closed', stop);
  };
  open();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('will-quit', () => void core.dispose());
}

start().catch((error: unknown) => {
  // Nothing else can show this: the window may not exist yet.
  dialog.showErrorBox(
    'Keysmith could not start',
    `${error instanceof Error ? error.message : String(error)}\n\nYour data folder is ${app.getPath('userData')}.`,
  );
  app.exit(1);
});
