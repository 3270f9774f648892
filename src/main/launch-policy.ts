// What a launch of Keysmith may do, decided from plain data (argv, environment, whether the app is
// packaged) so that it runs and is tested in plain Node: src/main/index.ts and window.ts only
// apply these decisions. No Electron import here (lint holds it).

/** The environment variables a development build honours and a packaged build ignores. */
export const DEV_ONLY_ENV = ['KEYSMITH_USER_DATA', 'ELECTRON_RENDERER_URL'] as const;

/** What one launch does. */
export interface LaunchDecision {
  /** Why the app must not start (a packaged build asked to open a debugging channel), or null. */
  readonly refuse: string | null;
  /** The data folder to use instead of Electron's userData (development builds only). */
  readonly userDataOverride: string | null;
  /** The renderer's dev server URL (development builds only); null loads the app's own page. */
  readonly rendererUrlOverride: string | null;
  /** Whether the window may open DevTools (development builds only). */
  readonly devTools: boolean;
  /** Development-only variables that were set and ignored, for a note on stderr. */
  readonly ignoredEnv: readonly string[];
}

/**
 * The switch name of a command-line argument as Chromium and Node read it (`--name`, `-name`, and
 * `/name` on Windows; `=value` dropped), lowercased; null for an argument that is not a switch.
 */
export function switchNameOf(arg: string, platform: string = process.platform): string | null {
  const prefix = /^--?/.exec(arg)?.[0] ?? (platform === 'win32' && arg.startsWith('/') ? '/' : '');
  if (prefix === '' || arg.length === prefix.length) return null;
  const name = arg.slice(prefix.length).split('=', 1)[0] ?? '';
  return name === '' ? null : name.toLowerCase();
}

/**
 * True for a switch that opens a debugging channel into the app: Chromium's remote debugging
 * (`--remote-debugging-port`, `--remote-debugging-pipe`, …), Node's inspector (`--inspect`,
 * `--inspect-brk`, `--inspect-port`, …) and V8 flags (`--js-flags`). The packaged app's fuses also
 * turn off Node's inspect arguments (scripts/fuses.ts): refusing them here is belt and braces, and
 * the only guard for the Chromium switches, which no fuse covers.
 */
export function isDebugSwitch(name: string): boolean {
  return name.startsWith('remote-debugging-') || name.startsWith('inspect') || name === 'js-flags';
}

/** The debugging switches in argv and NODE_OPTIONS, as written. */
function debugSwitchesIn(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
): string[] {
  const nodeOptions = (env['NODE_OPTIONS'] ?? '').split(/\s+/).filter((arg) => arg !== '');
  return [...argv.slice(1), ...nodeOptions].filter((arg) => {
    const name = switchNameOf(arg, platform);
    return name !== null && isDebugSwitch(name);
  });
}

/** A set, non-empty environment variable, or null. */
const envValue = (
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string | null => (env[name] !== undefined && env[name] !== '' ? (env[name] ?? null) : null);

/**
 * Decides a launch. A packaged build refuses to start with any debugging switch (in argv, or in
 * NODE_OPTIONS), ignores `KEYSMITH_USER_DATA` and `ELECTRON_RENDERER_URL` (a shell left over from
 * development must not brick the installed app, nor redirect it), and has no DevTools. A
 * development build honours both variables and keeps DevTools.
 */
export function decideLaunch(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
  platform: string = process.platform,
): LaunchDecision {
  if (!isPackaged) {
    return {
      refuse: null,
      userDataOverride: envValue(env, 'KEYSMITH_USER_DATA'),
      rendererUrlOverride: envValue(env, 'ELECTRON_RENDERER_URL'),
      devTools: true,
      ignoredEnv: [],
    };
  }
  const debug = debugSwitchesIn(argv, env, platform);
  const shown = debug.map((arg) => arg.split('=', 1)[0]).join(', ');
  return {
    refuse:
      debug.length === 0
        ? null
        : `Keysmith does not start with ${shown}: a debugging port or inspector would let any program on this computer read the secrets Keysmith holds. Start Keysmith without ${debug.length === 1 ? 'it' : 'them'}.`,
    userDataOverride: null,
    rendererUrlOverride: null,
    devTools: false,
    ignoredEnv: DEV_ONLY_ENV.filter((name) => envValue(env, name) !== null),
  };
}

/** What a launch does once it asked for the single-instance lock: only the holder starts. */
export function instanceOutcome(hasLock: boolean): 'start' | 'exit' {
  return hasLock ? 'start' : 'exit';
}

/** The menu roles Keysmith's menus use (a subset of Electron's). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools';

/** One item of an application menu template (what `Menu.buildFromTemplate` takes). */
export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  submenu?: MenuItemSpec[];
}

const item = (role: MenuRole): MenuItemSpec => ({ role });
const separator: MenuItemSpec = { type: 'separator' };

/**
 * The application menu: the app (about, hide and quit on macOS; quit elsewhere), Edit (so that
 * copy, paste and select-all work in text fields), Window, and only in a development build View
 * with reload and Toggle Developer Tools.
 */
export function menuTemplate(options: {
  readonly platform: string;
  readonly appName: string;
  readonly devTools: boolean;
}): MenuItemSpec[] {
  const mac = options.platform === 'darwin';
  const appMenu: MenuItemSpec = mac
    ? {
        label: options.appName,
        submenu: [
          item('about'),
          separator,
          item('services'),
          separator,
          item('hide'),
          item('hideOthers'),
          item('unhide'),
          separator,
          item('quit'),
        ],
      }
    : { label: 'File', submenu: [item('quit')] };
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [
      item('undo'),
      item('redo'),
      separator,
      item('cut'),
      item('copy'),
      item('paste'),
      item('selectAll'),
    ],
  };
  const view: MenuItemSpec[] = options.devTools
    ? [{ label: 'View', submenu: [item('reload'), item('forceReload'), item('toggleDevTools')] }]
    : [];
  const window: MenuItemSpec = {
    label: 'Window',
    submenu: mac
      ? [item('minimize'), item('zoom'), separator, item('front')]
      : [item('minimize'), item('close')],
  };
  return [appMenu, edit, ...view, window];
}
