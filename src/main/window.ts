import { join } from 'node:path';
import { BrowserWindow, app, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN, isSafeExternalUrl } from './security-policy';

/** The URL the window loads: the dev server in development, the packaged page otherwise. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `${APP_ORIGIN}/index.html`;
}

/** The trusted confirmation window's page, beside the app's own (same server, same CSP). */
export function confirmPageUrl(): string {
  return new URL('confirm.html', rendererUrl()).href;
}

/**
 * Denies every permission request and check from web content: camera, notifications API,
 * geolocation, and `clipboard-read` (so page script can never read back what main copied).
 */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Blocks navigation, new windows and webviews in every web contents the app ever creates. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // electronegativity-ok OPEN_EXTERNAL_JS_CHECK: only http(s) URLs without credentials pass isSafeExternalUrl.
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/**
 * Opens a window with every security setting chosen on purpose: isolated, sandboxed, no Node,
 * with its own preload only. Every window of the app (the main one and the trusted confirmation
 * window) is made here, so they cannot drift apart.
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // electronegativity-ok PRELOAD_JS_CHECK: each preload exposes only its own narrow bridge (window.keysmith, or window.keysmithConfirm).
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would open links in new windows, bypassing the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
}

/** Creates the main window with every security setting chosen on purpose. */
export function createMainWindow(): BrowserWindow {
  const window = createSecureWindow(
    {
      width: 1280,
      height: 820,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Keysmith',
      icon: join(import.meta.dirname, '../../resources/icon.png'),
    },
    join(import.meta.dirname, '../preload/index.cjs'),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}
