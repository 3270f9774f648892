import { describe, expect, it } from 'vitest';
import {
  decideLaunch,
  instanceOutcome,
  menuTemplate,
  switchNameOf,
  type MenuItemSpec,
} from '../../src/main/launch-policy';

const EXE = '/opt/Keysmith/keysmith';
const DEV_ENV = {
  KEYSMITH_USER_DATA: '/tmp/ks-data',
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
};

/** Every role anywhere in a menu template. */
const rolesOf = (template: readonly MenuItemSpec[]): string[] =>
  template.flatMap((entry) => [
    ...(entry.role !== undefined ? [entry.role] : []),
    ...rolesOf(entry.submenu ?? []),
  ]);

describe('a packaged build refuses to start with a debugging switch', () => {
  const refused = [
    '--remote-debugging-port=9222',
    '--remote-debugging-port',
    '--remote-debugging-pipe',
    '--remote-debugging-address=0.0.0.0',
    '--inspect',
    '--inspect=127.0.0.1:9229',
    '--inspect-brk',
    '--inspect-brk=9229',
    '--inspect-port=9229',
    '--inspect-brk-node',
    '--js-flags=--allow-natives-syntax',
    // Chromium also reads single-dash switches, and a switch's case does not save it.
    '-remote-debugging-port=9222',
    '--Remote-Debugging-Port=9222',
    '-inspect',
  ];

  for (const arg of refused) {
    it(`refuses ${arg}, naming it, and starts nothing`, () => {
      const decision = decideLaunch([EXE, '--some-app-flag', arg], {}, true, 'linux');
      expect(decision.refuse).toContain(arg.split('=')[0]);
      expect(decision.refuse).toMatch(/does not start with .*Start Keysmith without it/);
    });
  }

  it('names every refused switch at once', () => {
    const decision = decideLaunch([EXE, '--inspect', '--remote-debugging-pipe'], {}, true, 'linux');
    expect(decision.refuse).toMatch(/--inspect, --remote-debugging-pipe.*without them/);
  });

  it('refuses /remote-debugging-port on Windows, where Chromium reads slash switches', () => {
    const windows = decideLaunch(
      ['C:\\Keysmith.exe', '/remote-debugging-port=9222'],
      {},
      true,
      'win32',
    );
    expect(windows.refuse).toMatch(/remote-debugging-port/);
    // Elsewhere a leading slash is a path, not a switch.
    expect(decideLaunch([EXE, '/remote-debugging-port'], {}, true, 'linux').refuse).toBeNull();
  });

  it('refuses --inspect in NODE_OPTIONS too', () => {
    const decision = decideLaunch(
      [EXE],
      { NODE_OPTIONS: '--max-old-space-size=4096 --inspect' },
      true,
    );
    expect(decision.refuse).toMatch(/--inspect/);
  });

  it('starts with ordinary arguments, and never reads argv[0] as a switch', () => {
    for (const argv of [[EXE], [EXE, '--no-sandbox-is-not-ours', 'some-file.txt'], ['--inspect']]) {
      expect(decideLaunch(argv, {}, true, 'linux').refuse).toBeNull();
    }
    expect(switchNameOf('--')).toBeNull();
    expect(switchNameOf('-')).toBeNull();
    expect(switchNameOf('--js-flags=--x')).toBe('js-flags');
  });
});

describe('a packaged build ignores the development overrides', () => {
  it('ignores KEYSMITH_USER_DATA and ELECTRON_RENDERER_URL, and says which it ignored', () => {
    const decision = decideLaunch([EXE], DEV_ENV, true);
    expect(decision).toEqual({
      refuse: null,
      userDataOverride: null,
      rendererUrlOverride: null,
      devTools: false,
      ignoredEnv: ['KEYSMITH_USER_DATA', 'ELECTRON_RENDERER_URL'],
    });
  });

  it('ignores each one alone, and mentions nothing when neither is set', () => {
    expect(decideLaunch([EXE], { KEYSMITH_USER_DATA: '/x' }, true).ignoredEnv).toEqual([
      'KEYSMITH_USER_DATA',
    ]);
    expect(decideLaunch([EXE], { ELECTRON_RENDERER_URL: 'http://evil.test' }, true)).toMatchObject({
      rendererUrlOverride: null,
      ignoredEnv: ['ELECTRON_RENDERER_URL'],
    });
    expect(decideLaunch([EXE], {}, true).ignoredEnv).toEqual([]);
  });
});

describe('a development (unpackaged) build', () => {
  it('honours both overrides, keeps DevTools, and accepts debugging switches', () => {
    const argv = ['/node_modules/electron/dist/electron', 'out/main/index.js', '--inspect'];
    expect(decideLaunch(argv, DEV_ENV, false)).toEqual({
      refuse: null,
      userDataOverride: '/tmp/ks-data',
      rendererUrlOverride: 'http://localhost:5173',
      devTools: true,
      ignoredEnv: [],
    });
  });

  it('treats an empty variable as unset', () => {
    expect(decideLaunch([EXE], { KEYSMITH_USER_DATA: '' }, false).userDataOverride).toBeNull();
  });
});

describe('single instance', () => {
  it('starts only the holder of the lock; any other launch exits at once', () => {
    expect(instanceOutcome(true)).toBe('start');
    expect(instanceOutcome(false)).toBe('exit');
  });
});

describe('the application menu', () => {
  for (const platform of ['darwin', 'linux', 'win32']) {
    it(`has no DevTools item in a packaged build on ${platform}, and keeps quit, copy, paste and select-all`, () => {
      const roles = rolesOf(menuTemplate({ platform, appName: 'Keysmith', devTools: false }));
      expect(roles).not.toContain('toggleDevTools');
      expect(roles).not.toContain('reload');
      expect(roles).toEqual(
        expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'minimize']),
      );
    });
  }

  it('is the standard app menu on macOS and a File menu elsewhere', () => {
    const mac = menuTemplate({ platform: 'darwin', appName: 'Keysmith', devTools: false });
    expect(mac.map((entry) => entry.label)).toEqual(['Keysmith', 'Edit', 'Window']);
    expect(rolesOf([mac[0]!])).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    const linux = menuTemplate({ platform: 'linux', appName: 'Keysmith', devTools: false });
    expect(linux.map((entry) => entry.label)).toEqual(['File', 'Edit', 'Window']);
  });

  it('has a View menu with Toggle Developer Tools only in a development build', () => {
    const dev = menuTemplate({ platform: 'linux', appName: 'Keysmith', devTools: true });
    expect(dev.map((entry) => entry.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(rolesOf(dev)).toContain('toggleDevTools');
  });
});
