import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { EnvironmentView } from '../../src/shared/domain';
import type { AppError } from '../../src/shared/errors';
import type { AppInfo, AuditEntry, AuditVerification } from '../../src/shared/domain';
import { isolatedEnv, jsonLines, runChild, type ChildRun } from '../fixtures/child-run';
import { filesUnder } from '../support/files-under';
import type { AppRunLine } from '../fixtures/keychainless-app';

const APP = 'test/fixtures/keychainless-app.ts';
const linuxOnly = process.platform === 'linux' ? null : 'Secret Service over D-Bus is Linux-only';

function has(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The steps of one run of the app script, by channel (the last call of each wins). */
function stepsOf(lines: readonly AppRunLine[]) {
  const steps = new Map<string, AppRunLine & { type: 'step' }>();
  for (const line of lines) if (line.type === 'step') steps.set(line.step, line);
  const value = <T>(step: string): T => {
    const line = steps.get(step);
    if (line === undefined || !line.result.ok) {
      throw new Error(`${step} did not succeed: ${JSON.stringify(line?.result)}`);
    }
    return line.result.value as T;
  };
  const error = (step: string): AppError => {
    const line = steps.get(step);
    if (line === undefined || line.result.ok) {
      throw new Error(`${step} did not fail: ${JSON.stringify(line?.result)}`);
    }
    return line.result.error;
  };
  const canaries = lines.flatMap((line) => (line.type === 'canaries' ? line.secrets : []));
  return { steps, value, error, canaries };
}

/** Every way a secret could be written down: as is, base64, base64url, hex, URL-encoded. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    encodeURIComponent(secret),
  ];
}

/** Where any of the secrets appears: in a file under dataDir, or in what the app printed. */
async function plaintextHits(
  dataDir: string,
  secrets: readonly string[],
  runs: readonly ChildRun[],
): Promise<{ hits: string[]; filesSearched: number }> {
  const files = await filesUnder(dataDir);
  // The printed output, minus the canaries line itself.
  const printed = runs.map((run) => ({
    path: 'app output',
    text: `${run.stdout
      .split('\n')
      .filter((line) => !line.includes('"type":"canaries"'))
      .join('\n')}\n${run.stderr}`,
  }));
  const hits: string[] = [];
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(16);
    for (const file of [...files, ...printed]) {
      for (const form of encodings(secret)) {
        if (file.text.includes(form))
          hits.push(`${file.path} holds a secret (${secret.slice(0, 12)}…)`);
      }
    }
  }
  return { hits, filesSearched: files.length };
}

/**
 * A private D-Bus session with its own gnome-keyring and folders (the keyring the other tests use
 * is never locked): a normal session (keyring unlocked) creates a credential on the Local
 * sandbox, then the login collection is locked and the app starts again. Runs once, on first use;
 * resolves to a skip reason where it cannot run here.
 */
function lockedScenario() {
  let home: string | null = null;
  let outcome: Promise<LockedOutcome | string> | null = null;
  const start = async (): Promise<LockedOutcome | string> => {
    const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus'].filter((b) => !has(b));
    if (linuxOnly !== null) return linuxOnly;
    if (missing.length > 0) return `needs ${missing.join(', ')} to lock a private keyring`;
    home = await mkdtemp(join(tmpdir(), 'keysmith-locked-app-'));
    const dataDir = join(home, 'userData');
    await mkdir(dataDir); // Electron creates userData before main runs; createCore expects it.
    const app = `"${process.execPath}" --import tsx ${APP} "${dataDir}" Keysmith-test-${randomUUID()}`;
    const collection = '/org/freedesktop/secrets/collection/login';
    const gdbus = 'timeout 10 gdbus call --session --dest org.freedesktop.secrets';
    const script = [
      'printf keysmith-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      `${app} seed; echo "seed-exit:$?"`,
      `${gdbus} --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "['${collection}']" >/dev/null`,
      `echo "locked:$(${gdbus} --object-path ${collection} --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked)"`,
      `${app} run; echo "run-exit:$?"`,
    ].join('\n');
    const run = await runChild(
      'dbus-run-session',
      ['--', 'sh', '-c', script],
      isolatedEnv({
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: home,
      }),
      60_000,
    );
    expect(run.timedOut, run.stderr).toBe(false);
    const [seedOut = '', runOut = ''] = run.stdout.split(/^locked:.*$/m);
    expect(run.stdout, run.stderr).toMatch(/seed-exit:0/);
    const seeded = stepsOf(jsonLines<AppRunLine>(seedOut));
    expect(seeded.value<{ replayed: boolean }>('credentials:create')).toMatchObject({
      replayed: false,
    });
    if (!/locked:\(<true>,\)/.test(run.stdout)) {
      return `could not lock the private keyring here: ${run.stdout} ${run.stderr}`;
    }
    expect(run.stdout, run.stderr).toMatch(/run-exit:0/);
    const lines = jsonLines<AppRunLine>(runOut);
    expect(lines[0]?.type, runOut).toBe('started');
    return { run, seeded, current: stepsOf(lines), dataDir };
  };
  return {
    run: () => (outcome ??= start()),
    cleanup: async () => {
      if (home !== null) await rm(home, { recursive: true, force: true });
    },
  };
}

/** What the locked-keyring scenario produced. */
interface LockedOutcome {
  readonly run: ChildRun;
  readonly seeded: ReturnType<typeof stepsOf>;
  readonly current: ReturnType<typeof stepsOf>;
  readonly dataDir: string;
}

describe('the app without a usable keychain', () => {
  it('with no Secret Service it starts, the JWT debugger works, credential actions say the keychain is unreachable, and no secret is written anywhere', async (context) => {
    if (linuxOnly !== null) return context.skip(linuxOnly);
    const dataDir = await tempDir('keysmith-nokeychain-');
    const run = await runChild(
      process.execPath,
      ['--import', 'tsx', APP, dataDir, `Keysmith-test-${randomUUID()}`, 'run'],
      isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }),
    );
    expect(run.timedOut, run.stderr).toBe(false);
    expect(run.code, run.stderr).toBe(0);
    const lines = jsonLines<AppRunLine>(run.stdout);
    expect(lines[0]?.type, run.stdout).toBe('started');
    const { value, error, canaries } = stepsOf(lines);

    expect(value<AppInfo>('app:info').keychain).toMatchObject({
      available: false,
      reason: 'unavailable',
    });
    expect(value<{ kind: string }>('inspectJwt')).toMatchObject({ kind: 'JWS', alg: 'RS256' });

    for (const step of ['environments:add', 'credentials:create']) {
      const failure = error(step);
      expect(failure, step).toMatchObject({ kind: 'keychain', reason: 'unavailable' });
      expect(failure.message, step).toMatch(/no OS keychain is reachable/i);
      expect(failure.message, step).toMatch(/never stores secrets in plain files/);
    }
    // The failed "add" left nothing half-made: only the Local sandbox, not verified, no secret.
    const environments = value<readonly EnvironmentView[]>('environments:list');
    expect(environments.map((environment) => environment.name)).toEqual(['Local sandbox']);
    expect(environments[0]).toMatchObject({ verification: 'not-verified', hasSecret: false });

    // The audit log still takes entries, and reads unverifiable, never intact.
    expect(value<readonly AuditEntry[]>('audit:list').length).toBeGreaterThan(0);
    expect(value<AuditVerification>('audit:verify')).toMatchObject({
      state: 'unverifiable',
      reason: expect.stringMatching(/keychain is unavailable/),
    });

    // The Local sandbox's bootstrap secret, the pasted secret and the token it minted.
    expect(canaries).toHaveLength(3);
    const { hits, filesSearched } = await plaintextHits(dataDir, canaries, [run]);
    expect(filesSearched).toBeGreaterThanOrEqual(3);
    expect(hits).toEqual([]);
    console.log(
      JSON.stringify({
        test: 'keychain-absent-app',
        case: 'no Secret Service',
        secretsSearched: canaries.length,
        filesSearched,
        plaintextHits: hits.length,
      }),
    );
  }, 60_000);

  describe('with the keyring locked after a normal session', () => {
    const locked = lockedScenario();
    afterAll(() => locked.cleanup());

    it('it starts, the JWT debugger works, credential actions say the keychain is locked, and no secret is written anywhere', async (context) => {
      const outcome = await locked.run();
      if (typeof outcome === 'string') return context.skip(outcome);
      const { run, seeded, current, dataDir } = outcome;
      const { value, error, canaries } = current;
      expect(value<AppInfo>('app:info').keychain).toMatchObject({
        available: false,
        reason: 'locked',
      });
      expect(value<{ kind: string }>('inspectJwt')).toMatchObject({ kind: 'JWS', alg: 'RS256' });
      for (const step of ['environments:add', 'credentials:create', 'credentials:list']) {
        const failure = error(step);
        expect(failure, step).toMatchObject({ kind: 'keychain', reason: 'locked' });
        expect(failure.message, step).toMatch(/keychain is locked/i);
        expect(failure.message, step).toMatch(/unlock it/i);
      }
      // The seed session's keyed entries cannot be proven while the keyring is locked.
      expect(value<AuditVerification>('audit:verify')).toMatchObject({ state: 'unverifiable' });
      // The environments are still listed (the keychain being locked hides no environment).
      const environments = value<readonly EnvironmentView[]>('environments:list');
      expect(environments.map((environment) => environment.name)).toEqual(['Local sandbox']);

      // Both sessions' secrets: bootstrap and created one (seed); pasted one, token (this run).
      const secrets = [...seeded.canaries, ...canaries];
      expect(seeded.canaries).toHaveLength(2);
      expect(canaries.length).toBeGreaterThanOrEqual(2);
      const { hits, filesSearched } = await plaintextHits(dataDir, secrets, [run]);
      expect(filesSearched).toBeGreaterThanOrEqual(3);
      expect(hits).toEqual([]);
      console.log(
        JSON.stringify({
          test: 'keychain-absent-app',
          case: 'locked keyring',
          secretsSearched: secrets.length,
          filesSearched,
          plaintextHits: hits.length,
        }),
      );
    }, 90_000);

    // Found by this suite and fixed: a keychain failure at start used to read as "no secret",
    // so the sandbox minted a new bootstrap credential whose secret could not be kept.
    it('a locked keyring at start leaves the Local sandbox on the credential it had', async (context) => {
      const outcome = await locked.run();
      if (typeof outcome === 'string') return context.skip(outcome);
      const before = outcome.seeded.value<readonly EnvironmentView[]>('environments:list');
      const after = outcome.current.value<readonly EnvironmentView[]>('environments:list');
      expect(after[0]?.activeClientId).toBe(before[0]?.activeClientId);
    }, 90_000);
  });
});
