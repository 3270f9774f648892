import { join } from 'node:path';
import { BrowserWindow, app, session } from 'electron';
import { APP_ORIGIN, windowOpenResponse } from './security-policy';

/** The URL the window loads: the dev server the launch policy allowed, or the app's own page. */
export function rendererUrl(devServer: string | null): string {
  return devServer ?? `${APP_ORIGIN}/index.html`;
}

/** Denies every permission request (camera, notifications API, geolocation, …) from web content. */
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

/** What the launch policy (launch-policy.ts) decided for the window. */
export interface MainWindowOptions {
  /** False in a packaged build: DevTools cannot be opened at all. */
  readonly devTools: boolean;
  /** The development server's URL, or null for the app's own page. */
  readonly devServer: string | null;
}

/** Creates the main window with every security setting chosen on purpose. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Keysmith',
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    webPreferences: {
      // electronegativity-ok PRELOAD_JS_CHECK: the preload exposes only the allowlisted invoke/on bridge.
      preload: join(import.meta.dirname, '../preload/index.cjs'),
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
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl(options.devServer));
  return window;
}
