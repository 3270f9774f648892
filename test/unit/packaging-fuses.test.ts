import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { afterPack } from '../../scripts/after-pack';
import {
  FUSE_DISABLED,
  FUSE_ENABLED,
  FUSE_OPTIONS,
  fuseMismatches,
  KEYSMITH_FUSES,
  verifyKeysmithFuses,
} from '../../scripts/fuses';
import {
  packagedBinaryPath,
  packagedResourcesDir,
  unpackedAppFolder,
} from '../../scripts/packaged-app';
import { ELECTRON_DEFAULT_WIRE, writeStandInBinary } from '../support/stand-in-electron';

/** What electron-builder hands the afterPack hook, for an app packaged into `appOutDir`. */
function packContext(appOutDir: string, platform: 'linux' | 'win32'): AfterPackContext {
  return {
    appOutDir,
    electronPlatformName: platform,
    packager: {
      appInfo: { productFilename: 'Keysmith' },
      ...(platform === 'linux' ? { executableName: 'keysmith' } : {}),
    },
  } as unknown as AfterPackContext;
}

/** The wire Keysmith wants, as the binary stores it. */
const wanted = Object.fromEntries(
  FUSE_OPTIONS.map((option) => [option, KEYSMITH_FUSES[option] ? FUSE_ENABLED : FUSE_DISABLED]),
);

describe('reading the fuses back', () => {
  it('finds nothing wrong with the wire Keysmith sets', () => {
    expect(FUSE_OPTIONS).toHaveLength(9);
    expect(fuseMismatches(wanted)).toEqual([]);
  });

  it('names a fuse left on, a fuse left off and a fuse missing from the wire', () => {
    expect(fuseMismatches({ ...wanted, [FuseV1Options.RunAsNode]: FUSE_ENABLED })).toEqual([
      'RunAsNode',
    ]);
    expect(
      fuseMismatches({ ...wanted, [FuseV1Options.OnlyLoadAppFromAsar]: FUSE_DISABLED }),
    ).toEqual(['OnlyLoadAppFromAsar']);
    const { [FuseV1Options.GrantFileProtocolExtraPrivileges]: _dropped, ...shorter } = wanted;
    expect(fuseMismatches(shorter)).toEqual(['GrantFileProtocolExtraPrivileges']);
  });
});

describe("the afterPack hook on a packaged app's binary (a stand-in with Electron's fuse wire)", () => {
  it('flips every fuse on the Linux executable, and the wire reads back as Keysmith sets it', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'keysmith-afterpack-'));
    const binary = join(appOutDir, 'keysmith');
    writeStandInBinary(binary);
    expect(await verifyKeysmithFuses(binary)).toContain('RunAsNode');
    await afterPack(packContext(appOutDir, 'linux'));
    expect(await verifyKeysmithFuses(binary)).toEqual([]);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ENABLED);
  });

  it("flips the Windows app's Keysmith.exe", async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'keysmith-afterpack-'));
    writeStandInBinary(join(appOutDir, 'Keysmith.exe'));
    await afterPack(packContext(appOutDir, 'win32'));
    expect(await verifyKeysmithFuses(join(appOutDir, 'Keysmith.exe'))).toEqual([]);
  });

  it('fails the build on an Electron with a fuse scripts/fuses.ts has not decided, and leaves it as it was', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'keysmith-afterpack-'));
    const binary = join(appOutDir, 'keysmith');
    writeStandInBinary(binary, `${ELECTRON_DEFAULT_WIRE}1`);
    const before = readFileSync(binary);
    await expect(afterPack(packContext(appOutDir, 'linux'))).rejects.toThrow(
      /strictlyRequireAllFuses/,
    );
    expect(readFileSync(binary).equals(before)).toBe(true);
  });

  it('fails the build when the binary has no fuse wire, or is not where electron-builder puts it', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'keysmith-afterpack-'));
    writeFileSync(join(appOutDir, 'keysmith'), 'not an Electron binary');
    await expect(afterPack(packContext(appOutDir, 'linux'))).rejects.toThrow(/sentinel/);
    await expect(afterPack(packContext(appOutDir, 'win32'))).rejects.toThrow(/ENOENT/);
  });
});

describe('where electron-builder puts the packaged app', () => {
  const names = { executableName: 'keysmith', productFilename: 'Keysmith' };

  it('names the binary and the resources folder per platform', () => {
    expect(packagedBinaryPath('/o', 'linux', names)).toBe(join('/o', 'keysmith'));
    expect(packagedBinaryPath('/o', 'win32', names)).toBe(join('/o', 'Keysmith.exe'));
    expect(packagedBinaryPath('/o', 'darwin', names)).toBe(join('/o', 'Keysmith.app'));
    expect(packagedResourcesDir('/o', 'linux', names)).toBe(join('/o', 'resources'));
    expect(packagedResourcesDir('/o', 'darwin', names)).toBe(
      join('/o', 'Keysmith.app', 'Contents', 'Resources'),
    );
    expect(() => packagedBinaryPath('/o', 'aix', names)).toThrow(/not packaged for aix/);
  });

  it("finds the unpacked app's folder among electron-builder's output", () => {
    const output = ['builder-debug.yml', 'Keysmith-0.1.0-mac-arm64.dmg', 'latest.yml'];
    expect(unpackedAppFolder([...output, 'linux-unpacked'], 'linux')).toBe('linux-unpacked');
    expect(unpackedAppFolder([...output, 'linux-arm64-unpacked'], 'linux')).toBe(
      'linux-arm64-unpacked',
    );
    expect(unpackedAppFolder([...output, 'win-unpacked'], 'win32')).toBe('win-unpacked');
    expect(unpackedAppFolder([...output, 'mac-arm64'], 'darwin')).toBe('mac-arm64');
    expect(unpackedAppFolder([...output, 'mac'], 'darwin')).toBe('mac');
    expect(unpackedAppFolder(output, 'darwin')).toBeNull();
    expect(unpackedAppFolder(['win-unpacked'], 'linux')).toBeNull();
  });
});
