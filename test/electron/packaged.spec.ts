import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test } from '@playwright/test';
import { config } from '../../electron-builder';
import { PROJECT_ROOT } from '../../scripts/electron-binary';
import { FUSE_DISABLED, verifyKeysmithFuses } from '../../scripts/fuses';
import { packageBin } from '../../scripts/package-bin';
import {
  packagedBinaryPath,
  packagedResourcesDir,
  unpackedAppFolder,
} from '../../scripts/packaged-app';
import { SIGNING_VARIABLES } from '../../scripts/signing';
import { packagedContentProblems } from '../support/packaged-contents';
import { electronBinary } from './launch';

// `npm run dist:dir` with the real Electron, then the packaged app itself: its fuses read back from
// the binary, its asar, and a launch. Playwright cannot drive a packaged Keysmith (its fuses and
// launch policy refuse the inspector and the debugging port Playwright connects through), so the
// launch is a plain process. test/integration/packaging-stand-in.test.ts packages with a stand-in
// binary where Electron is missing.
const electron = electronBinary();
if ('missing' in electron) {
  console.log(`[electron] skipping the packaged-app spec: ${electron.missing}`);
}
const platform = process.platform;
const names = {
  executableName: config.linux?.executableName ?? 'keysmith',
  productFilename: config.productName ?? 'Keysmith',
};

/** The environment of an unsigned local build: no signing variable, no keychain identity lookup. */
function unsignedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  for (const name of [...SIGNING_VARIABLES, 'KEYSMITH_REQUIRE_SIGNING']) delete env[name];
  return env;
}

test.describe.serial('the packaged app (npm run dist:dir)', () => {
  test.skip('missing' in electron, 'missing' in electron ? electron.missing : '');
  let work = '';
  let appOutDir = '';

  test.beforeAll(() => {
    test.setTimeout(15 * 60_000);
    work = mkdtempSync(join(tmpdir(), 'keysmith-dist-'));
    const output = join(work, 'dist');
    // What `npm run dist:dir` runs, into a folder of its own (dist/ stays the user's), packaging
    // out/ as npm test built it: rebuilding it here would pull it from under the renderer specs.
    const run = spawnSync(
      process.execPath,
      [
        packageBin('tsx'),
        'scripts/dist.ts',
        '--dir',
        '--prebuilt',
        `--config.directories.output=${output}`,
      ],
      { cwd: PROJECT_ROOT, encoding: 'utf8', env: unsignedEnv(), timeout: 14 * 60_000 },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const folder = unpackedAppFolder(readdirSync(output), platform);
    expect(folder, readdirSync(output).join(', ')).not.toBeNull();
    appOutDir = join(output, folder ?? '');
  });

  test.afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  test('every fuse of the packaged binary reads back as scripts/fuses.ts sets it', async () => {
    const binary = packagedBinaryPath(appOutDir, platform, names);
    expect(await verifyKeysmithFuses(binary)).toEqual([]);
    expect((await getCurrentFuseWire(binary))[FuseV1Options.RunAsNode]).toBe(FUSE_DISABLED);
  });

  test("its asar holds the built app and nothing of the sources; keytar's binary is unpacked", () => {
    expect(packagedContentProblems(packagedResourcesDir(appOutDir, platform, names))).toEqual([]);
  });

  test('it starts as a packaged build, refuses a debugging port, and ELECTRON_RUN_AS_NODE and NODE_OPTIONS do not make it Node', () => {
    test.skip(
      platform !== 'linux',
      'before `ready` the refusal is a modal dialog on macOS and Windows (on Linux it goes to stderr), which would wait for a click',
    );
    const marker = join(work, 'node-ran');
    const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'node ran')`;
    const preload = join(work, 'preload.cjs');
    writeFileSync(preload, script);
    const run = spawnSync(
      packagedBinaryPath(appOutDir, platform, names),
      // --no-sandbox: the unpacked folder's chrome-sandbox is not setuid root (the .deb makes it so).
      ['--no-sandbox', '--remote-debugging-port=0', '-e', script],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          ELECTRON_RUN_AS_NODE: '1',
          NODE_OPTIONS: `--require ${preload}`,
          // Keep Electron's userData folder (a packaged build ignores KEYSMITH_USER_DATA) in here.
          XDG_CONFIG_HOME: work,
        },
      },
    );
    expect(run.error, 'the packaged app must exit by itself').toBeUndefined();
    // Node would have run the script, or refused --no-sandbox with status 9; the packaged app's
    // launch policy refuses the debugging port with status 1.
    expect(run.stderr).toContain('Keysmith does not start with --remote-debugging-port');
    expect(run.status).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });
});
