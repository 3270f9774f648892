import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../electron-builder';
import { FUSE_DISABLED, verifyKeysmithFuses } from '../../scripts/fuses';
import { packageBin } from '../../scripts/package-bin';
import {
  packagedBinaryPath,
  packagedResourcesDir,
  unpackedAppFolder,
} from '../../scripts/packaged-app';
import { asarEntries, packagedContentProblems } from '../support/packaged-contents';
import { writeStandInLinuxElectron } from '../support/stand-in-electron';

// The real electron-builder, the real electron-builder.ts and afterPack hook, packaging the real
// built app (out/) for Linux, with only the Electron binary replaced by a stand-in that carries a
// fuse wire (the real one cannot be downloaded here). test/electron/packaged.spec.ts does the same
// with the real Electron, and launches it, wherever Electron is installed.
const ROOT = resolve(import.meta.dirname, '../..');
const built = existsSync(join(ROOT, 'out/main/index.js'));
const why =
  process.platform !== 'linux'
    ? 'the stand-in is a Linux Electron (elsewhere test/electron/packaged.spec.ts packages the real one)'
    : !built
      ? 'out/ is not built (`npx electron-vite build`; npm test builds it first)'
      : null;
if (why !== null) console.log(`[packaging] skipping the stand-in packaging test: ${why}`);

describe.skipIf(why !== null)(
  'electron-builder packaging Keysmith (Electron replaced by a stand-in)',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'keysmith-packaging-'));
    const output = join(work, 'dist');
    const names = { executableName: 'keysmith', productFilename: 'Keysmith' };
    let appOutDir = '';

    beforeAll(() => {
      const electronVersion = (
        JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      writeStandInLinuxElectron(join(work, 'electron'), electronVersion);
      const run = spawnSync(
        process.execPath,
        [
          packageBin('electron-builder'),
          '--dir',
          '--linux',
          '--publish',
          'never',
          `--config.electronDist=${join(work, 'electron')}`,
          `--config.directories.output=${output}`,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: {
            // electron-builder keeps quiet when it sees VITEST; its log is part of what is checked.
            ...Object.fromEntries(
              Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
            ),
            CSC_IDENTITY_AUTO_DISCOVERY: 'false',
            FORCE_COLOR: '0',
            NO_COLOR: '1',
          },
        },
      );
      const log = `${run.stdout}\n${run.stderr}`;
      expect(run.status, log).toBe(0);
      expect(log).toContain(`loaded configuration  file=${join(ROOT, 'electron-builder.ts')}`);
      expect(log).toContain("Keysmith's fuses flipped and read back");
      const folder = unpackedAppFolder(readdirSync(output), 'linux');
      expect(folder).not.toBeNull();
      appOutDir = join(output, folder ?? '');
    }, 180_000);

    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('names the binary as electron-builder.ts says and flips every fuse on it as scripts/fuses.ts sets them', async () => {
      expect(config.linux?.executableName).toBe(names.executableName);
      const binary = packagedBinaryPath(appOutDir, 'linux', names);
      expect(existsSync(binary)).toBe(true);
      expect(await verifyKeysmithFuses(binary)).toEqual([]);
      // The stand-in came with Electron's default wire, where RunAsNode is on.
      expect((await getCurrentFuseWire(binary))[FuseV1Options.RunAsNode]).toBe(FUSE_DISABLED);
    });

    it('packs the built app, its manifest and icon, and no source, test, script or dev dependency', () => {
      const resources = packagedResourcesDir(appOutDir, 'linux', names);
      expect(packagedContentProblems(resources)).toEqual([]);
      const paths = asarEntries(resources).map((entry) => entry.path);
      expect(paths).toContain('/out/main/index.js');
      expect(paths.filter((path) => path.startsWith('/src/'))).toEqual([]);
    });

    it("keeps keytar's native module outside the asar, where it can be loaded", () => {
      const resources = packagedResourcesDir(appOutDir, 'linux', names);
      const keytar = '/node_modules/@github/keytar/build/Release/keytar.node';
      expect(asarEntries(resources).find((entry) => entry.path === keytar)).toEqual({
        path: keytar,
        unpacked: true,
      });
      expect(existsSync(join(resources, 'app.asar.unpacked', keytar))).toBe(true);
    });
  },
);
