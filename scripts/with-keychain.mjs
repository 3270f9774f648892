#!/usr/bin/env node
// Runs a command with a real OS keychain reachable. On Linux without a Secret Service on the
// session bus, it starts a private D-Bus session with gnome-keyring unlocked (a throwaway
// password) and runs the command inside it; everywhere else it runs the command as it is.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: with-keychain.mjs <command> [args...]');
  process.exit(2);
}

function has(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

function secretServiceOnBus() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS || !has('dbus-send')) return false;
  const reply = spawnSync(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ],
    { encoding: 'utf8', timeout: 5000 },
  );
  return reply.status === 0 && /boolean true/.test(reply.stdout);
}

function run(argv, cleanup = () => {}) {
  const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    cleanup();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (
  process.platform !== 'linux' ||
  secretServiceOnBus() ||
  process.env.KEYSMITH_IN_KEYRING === '1'
) {
  run(command);
} else if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
  console.error(
    '[with-keychain] no Secret Service on the session bus: starting dbus-run-session + gnome-keyring (unlocked)',
  );
  const inner =
    'printf keysmith-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
  process.env.KEYSMITH_IN_KEYRING = '1';
  // A throwaway keyring folder: never touches (or trips over) the user's own login keyring.
  const keyringHome = mkdtempSync(join(tmpdir(), 'keysmith-keyring-'));
  process.env.XDG_DATA_HOME = keyringHome;
  run(['dbus-run-session', '--', 'sh', '-c', inner, 'with-keychain', ...command], () =>
    rmSync(keyringHome, { recursive: true, force: true }),
  );
} else {
  console.error(
    '[with-keychain] WARNING: no Secret Service and no gnome-keyring/dbus-run-session; keychain tests will fail.',
  );
  console.error('[with-keychain] On Debian/Ubuntu: apt-get install gnome-keyring dbus');
  run(command);
}
