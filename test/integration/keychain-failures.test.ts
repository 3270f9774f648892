import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createKeytarSecretStore, type KeytarApi } from '../../src/main/core/secrets/secret-store';
import { AppFailure, type AppError } from '../../src/shared/errors';
import {
  isolatedEnv,
  jsonLines,
  runChild as runChildProcess,
  type ChildRun,
} from '../fixtures/child-run';
import type { ProbeLine } from '../fixtures/keychain-probe';

const PROBE = 'test/fixtures/keychain-probe.ts';
const CHILD_TIMEOUT_MS = 20_000;

/** A probe child's run, with its JSON lines parsed. */
interface ChildResult extends ChildRun {
  readonly lines: readonly ProbeLine[];
}

/** Runs the probe (or a shell around it) in its own process group and reads its JSON lines. */
async function runChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ChildResult> {
  const run = await runChildProcess(command, args, env, CHILD_TIMEOUT_MS);
  return { ...run, lines: jsonLines<ProbeLine>(run.stdout) };
}

function lineOf(result: ChildResult, op: string): ProbeLine {
  const line = result.lines.find((candidate) => candidate.op === op);
  if (line === undefined) throw new Error(`no line for ${op}:\n${result.stdout}\n${result.stderr}`);
  return line;
}

function errorOf(result: ChildResult, op: string): AppError {
  const line = lineOf(result, op);
  if (line.ok) throw new Error(`${op} unexpectedly succeeded: ${JSON.stringify(line.value)}`);
  return line.error;
}

function has(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

const linuxOnly = process.platform === 'linux' ? null : 'Secret Service over D-Bus is Linux-only';

describe('keychain failures a user can act on', () => {
  it('without any session bus, probe and set fail fast with keychain/unavailable and say what to start', async (context) => {
    if (linuxOnly !== null) context.skip(linuxOnly);
    const service = `Keysmith-test-${randomUUID()}`;
    const ops = [service, 'probe', 'set:env/client', 'delete:env/client'];
    const [deadBus, noBus] = await Promise.all([
      runChild(
        process.execPath,
        ['--import', 'tsx', PROBE, ...ops],
        isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }),
      ),
      runChild(process.execPath, ['--import', 'tsx', PROBE, ...ops], isolatedEnv({})),
    ]);
    for (const result of [deadBus, noBus]) {
      expect(result.timedOut, result.stderr).toBe(false);
      expect(result.code, result.stderr).toBe(0);
      const probe = lineOf(result, 'probe');
      expect(probe).toMatchObject({
        ok: true,
        value: { available: false, reason: 'unavailable' },
      });
      const setError = errorOf(result, 'set:env/client');
      expect(setError).toMatchObject({ kind: 'keychain', reason: 'unavailable' });
      expect(setError.message).toMatch(/no OS keychain is reachable/i);
      expect(setError.message).toMatch(/gnome-keyring|KWallet/);
      expect(setError.message).toMatch(/never stores secrets in plain files/);
      // The raw libsecret text ("Could not connect: ...", "Cannot autolaunch D-Bus ...") stays out.
      expect(setError.message).not.toMatch(/could not connect|autolaunch/i);
    }
  });

  it('a locked keyring is reported as locked by every operation, never as “no secret” and never as a crash', async (context) => {
    const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus'].filter((b) => !has(b));
    if (linuxOnly !== null) context.skip(linuxOnly);
    if (missing.length > 0) context.skip(`needs ${missing.join(', ')} to lock a private keyring`);
    // A private D-Bus session with its own gnome-keyring and folders: the keyring other tests
    // use is never locked. The script unlocks it, stores a secret, locks the login collection,
    // then tries every operation again.
    const home = mkdtempSync(join(tmpdir(), 'keysmith-locked-keyring-'));
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    const service = `Keysmith-test-${randomUUID()}`;
    const probe = `"${process.execPath}" --import tsx ${PROBE} ${service}`;
    const collection = '/org/freedesktop/secrets/collection/login';
    const gdbus = 'timeout 10 gdbus call --session --dest org.freedesktop.secrets';
    const script = [
      'printf keysmith-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      `${probe} set:env/seeded`,
      `${gdbus} --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "['${collection}']" >/dev/null`,
      `echo "locked:$(${gdbus} --object-path ${collection} --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked)"`,
      `${probe} set:env/new get:env/seeded probe; echo "ops-exit:$?"`,
      `${probe} list; echo "list-exit:$?"`,
    ].join('\n');
    const result = await runChild(
      'dbus-run-session',
      ['--', 'sh', '-c', script],
      isolatedEnv({
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: home,
      }),
    );
    expect(result.timedOut, result.stderr).toBe(false);
    expect(lineOf(result, 'set:env/seeded')).toMatchObject({ ok: true, value: 'saved' });
    if (!/locked:\(<true>,\)/.test(result.stdout)) {
      context.skip(`could not lock the private keyring here: ${result.stdout} ${result.stderr}`);
    }
    const error = errorOf(result, 'set:env/new');
    expect(error).toMatchObject({ kind: 'keychain', reason: 'locked' });
    expect(error.message).toMatch(/keychain is locked/i);
    expect(error.message).toMatch(/unlock it/i);
    // A locked keyring must never look like "no secret stored", nor crash the app: keytar's own
    // getPassword answers null there and its findCredentials segfaults (atom/node-keytar#477,
    // still in @github/keytar), so the adapter proves the keyring unlocked first.
    expect(errorOf(result, 'get:env/seeded')).toMatchObject({ kind: 'keychain', reason: 'locked' });
    expect(lineOf(result, 'probe')).toMatchObject({
      ok: true,
      value: { available: false, reason: 'locked' },
    });
    expect(result.stdout).toMatch(/ops-exit:0/);
    expect(errorOf(result, 'list')).toMatchObject({ kind: 'keychain', reason: 'locked' });
    expect(result.stdout).toMatch(/list-exit:0/);
  });

  it('a write that does not read back is reported as a keychain failure and leaves nothing saved', async () => {
    // A keychain that silently drops or mangles writes cannot be produced for real, so this is
    // a FAKE keytar, passed through the adapter's `load` parameter.
    const dropped = new Map<string, string>();
    const fakeDroppingKeytar: KeytarApi = {
      setPassword: async () => undefined,
      getPassword: async (_service, account) => dropped.get(account) ?? null,
      deletePassword: async (_service, account) => dropped.delete(account),
      findCredentials: async () =>
        [...dropped].map(([account, password]) => ({ account, password })),
    };
    const mangled = new Map<string, string>();
    const fakeManglingKeytar: KeytarApi = {
      setPassword: async (_service, account, password) => {
        mangled.set(account, password.replace(/[^\x20-\x7e]/g, '?'));
      },
      getPassword: async (_service, account) => mangled.get(account) ?? null,
      deletePassword: async (_service, account) => mangled.delete(account),
      findCredentials: async () =>
        [...mangled].map(([account, password]) => ({ account, password })),
    };
    for (const [fake, held] of [
      [fakeDroppingKeytar, dropped],
      [fakeManglingKeytar, mangled],
    ] as const) {
      const store = createKeytarSecretStore('Keysmith-test-fake', async () => fake);
      const failure = await store.set('env/client', 'dinie_cs_test_é🙂').then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).appError).toMatchObject({ kind: 'keychain' });
      expect((failure as AppFailure).message).toMatch(/did not keep the secret.*Nothing was saved/);
      expect(held.size).toBe(0);
      expect(await store.get('env/client')).toBeNull();
      expect(await store.list()).toEqual([]);
    }
  });
});
