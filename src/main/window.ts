import { join } from 'node:path';
import { BrowserWindow, app, session, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN, windowOpenResponse } from './security-policy';

/** The URL the window loads: the dev server the launch policy allowed, or the app's own page. */
export function rendererUrl(devServer: string | null): string {
  return devServer ?? `${APP_ORIGIN}/index.html`;
}

/** The trusted confirmation window's page, beside the app's own (same server, same CSP). */
export function confirmPageUrl(devServer: string | null): string {
  return new URL('confirm.html', rendererUrl(devServer)).href;
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
    // Nothing opens: no window, no system browser (the UI has no external links).
    contents.setWindowOpenHandler(windowOpenResponse);
  });
}

/** What the launch policy (launch-policy.ts) decided for every window. */
export interface WindowPolicy {
  /** False in a packaged build: DevTools cannot be opened at all. */
  readonly devTools: boolean;
  /** The development server's URL, or null for the app's own page. */
  readonly devServer: string | null;
}

/**
 * Opens a window with every security setting chosen on purpose: isolated, sandboxed, no Node,
 * with its own preload only. Every window of the app (the main one and the trusted confirmation
 * window) is made here, so they cannot drift apart.
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
  devTools: boolean,
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
      devTools,
    },
  });
}

/** Creates the main window with every security setting chosen on purpose. */
export function createMainWindow(policy: WindowPolicy): BrowserWindow {
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
    policy.devTools,
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl(policy.devServer));
  return window;
}
