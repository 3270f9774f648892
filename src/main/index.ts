import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Menu, Notification } from 'electron';
import { createCore } from './core/create-core';
import { createKeytarSecretStore } from './core/secrets/secret-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createConfirmWindow } from './confirm-window';
import { forwardEvents, registerConfirmWindowIpc, registerElectronIpc } from './ipc/electron-ipc';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';
import { createSenderCheck } from './ipc/sender';
import { decideLaunch, instanceOutcome, menuTemplate, type LaunchDecision } from './launch-policy';
import { APP_ORIGIN } from './security-policy';
import {
  confirmPageUrl,
  createMainWindow,
  denyAllPermissions,
  lockDownWebContents,
} from './window';

async function start(launch: LaunchDecision): Promise<void> {
  await app.whenReady();
  denyAllPermissions();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ platform: process.platform, appName: app.name, devTools: launch.devTools }),
    ),
  );
  serveRenderer(join(import.meta.dirname, '../renderer'));
  let mainWindow: BrowserWindow | null = null;
  // Production confirmations: a trusted modal window the app's page can neither see nor answer.
  const confirmWindow = createConfirmWindow({
    parent: () => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null),
    pageUrl: confirmPageUrl(launch.rendererUrlOverride),
    preload: join(import.meta.dirname, '../preload/confirm.cjs'),
    devTools: launch.devTools,
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
  const devServer = launch.rendererUrlOverride;
  const router = createRouter({
    handlers: createHandlers(core),
    checkSender: createSenderCheck(devServer !== null ? [devServer] : [APP_ORIGIN]),
    onRejected: (channel, reason) => console.warn(`[ipc] ${channel}: ${reason}`),
  });
  registerElectronIpc(router);
  const open = (): void => {
    const window = createMainWindow({ devTools: launch.devTools, devServer });
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

/** Applies the launch policy: refuse, or exit as a second instance, or start. */
function main(): void {
  const launch = decideLaunch(process.argv, process.env, app.isPackaged);
  if (launch.refuse !== null) {
    // Before `ready`, on Linux this prints to stderr instead of showing a dialog.
    dialog.showErrorBox('Keysmith will not start', launch.refuse);
    app.exit(1);
    return;
  }
  for (const name of launch.ignoredEnv) {
    console.warn(`Keysmith: ignoring ${name}, which only a development build honours.`);
  }
  // Tests and development may point the app at another data folder (never a packaged build).
  if (launch.userDataOverride !== null) app.setPath('userData', launch.userDataOverride);
  // The lock is per userData folder, so it is taken after the folder is chosen.
  if (instanceOutcome(app.requestSingleInstanceLock()) === 'exit') {
    app.exit(0);
    return;
  }
  registerAppScheme();
  lockDownWebContents();
  start(launch).catch((error: unknown) => {
    // Nothing else can show this: the window may not exist yet.
    dialog.showErrorBox(
      'Keysmith could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nYour data folder is ${app.getPath('userData')}.`,
    );
    app.exit(1);
  });
}

main();
