import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it, vi } from 'vitest';
import { config, DEB_DEPENDS, MAC_ENTITLEMENTS } from '../../electron-builder';
import { afterPack } from '../../scripts/after-pack';
import { APP_SCHEME } from '../../src/main/security-policy';

// electron-builder's own code, as `npm run dist` runs it: its loader (which finds
// electron-builder.ts by name), its validator (ajv over the scheme.json it ships) and its file
// matcher (how `files` and `asarUnpack` patterns select files). Internal modules of the pinned
// app-builder-lib 26.17.0: a change there fails these imports loudly.
const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: null, options: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: { isEnabled: boolean }): Promise<void>;
};
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (pattern: string) => string,
    patterns: readonly string[],
  ) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
};

/** The validator mutates what it checks (ajv coerceTypes): give it a copy (functions kept). */
const copy = (value: Configuration): Configuration => ({
  ...(JSON.parse(JSON.stringify(value)) as Configuration),
  afterPack: value.afterPack ?? null,
});
const validate = (value: Configuration): Promise<void> =>
  builderConfig.validateConfiguration(copy(value), { isEnabled: false });

/** Which of these project-relative paths a list of electron-builder patterns selects. */
function selected(patterns: readonly string[], paths: readonly string[]): string[] {
  const filter = new FileMatcher(ROOT, '/', (pattern) => pattern, patterns).createFilter();
  const file = { isDirectory: () => false };
  return paths.filter((path) => filter(join(ROOT, path), file));
}

/** Every file of the repository but installed, built and generated ones, relative and with `/`. */
function repositoryFiles(): string[] {
  const skip = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'coverage']);
  const walk = (folder: string): string[] =>
    readdirSync(join(ROOT, folder)).flatMap((name) => {
      const path = folder === '' ? name : `${folder}/${name}`;
      if (skip.has(name)) return [];
      return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
    });
  return walk('');
}

describe('the electron-builder configuration (electron-builder.ts)', () => {
  it('passes the schema electron-builder ships, with its own validator', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    // As a release builds it: with the deb's homepage and maintainer from the environment.
    const release: Configuration = {
      ...config,
      extraMetadata: { homepage: 'https://github.com/example/keysmith' },
      linux: { ...config.linux, maintainer: 'Keysmith maintainers <keysmith@example.com>' },
    };
    await expect(validate(release)).resolves.toBeUndefined();
  });

  it('the same validator refuses a misspelt option, a wrong type and an unknown target option', async () => {
    await expect(
      validate({ ...config, mac: { ...config.mac, hardenedRuntme: true } as never }),
    ).rejects.toThrow(/does not match the API schema/);
    await expect(validate({ ...config, asar: 'yes' as never })).rejects.toThrow(
      /configuration\.asar/,
    );
    await expect(
      validate({ ...config, nsis: { ...config.nsis, perUser: true } as never }),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('is the file electron-builder loads from the project folder with no flag', async () => {
    const loaded = await builderConfig.getConfig(ROOT, null, null);
    expect(typeof loaded.afterPack).toBe('function');
    // electron-builder normalises `files` into file sets; everything else arrives as written.
    expect(loaded.files).toEqual([{ filter: config.files }]);
    const { afterPack: _loadedHook, files: _loadedFiles, ...loadedRest } = loaded;
    const { afterPack: _hook, files: _files, ...rest } = config;
    expect(JSON.parse(JSON.stringify(loadedRest))).toEqual(JSON.parse(JSON.stringify(rest)));
  });

  it('packs into an asar, flips the fuses in the afterPack hook and has no fuse list of its own', () => {
    expect(config.asar).toEqual({ smartUnpack: false });
    expect(config.afterPack).toBe(afterPack);
    // One definition of the fuses (scripts/fuses.ts): electron-builder's own electronFuses stays unset.
    expect(config.electronFuses).toBeUndefined();
  });

  it("unpacks keytar's native binaries, and nothing else, from the asar", () => {
    const keytar = '@github/keytar';
    const candidates = [
      `node_modules/${keytar}/build/Release/keytar.node`,
      `node_modules/${keytar}/prebuilds/darwin-arm64/keytar.node`,
      `node_modules/${keytar}/prebuilds/win32-x64/keytar.node`,
      `node_modules/${keytar}/lib/keytar.js`,
      'node_modules/jose/dist/webapi/index.js',
      'out/main/index.js',
    ];
    expect(selected([config.asarUnpack].flat() as string[], candidates)).toEqual(
      candidates.slice(0, 3),
    );
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the built app, the icon and package.json, and no source, test, script or document', () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(200);
    const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
    const shipped = selected(config.files as string[], [
      ...files,
      ...built,
      'out/main/index.js.map',
    ]);
    expect(shipped.sort()).toEqual(
      [
        'out/main/index.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
        'package.json',
        'resources/icon.png',
      ].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(manifest.main).toBe('./out/main/index.js');
  });

  it('registers no OS protocol handler and no file type: app:// stays inside the app', () => {
    expect(config.protocols).toEqual([]);
    expect(config.fileAssociations).toEqual([]);
    for (const platform of [config.mac, config.win, config.linux]) {
      expect(platform?.protocols).toBeUndefined();
      expect(platform?.fileAssociations).toBeUndefined();
    }
    expect(APP_SCHEME).toBe('app');
    expect(JSON.stringify(config)).not.toMatch(/"schemes"/);
  });

  it('names the app and takes its icon from resources/', () => {
    expect(config.productName).toBe('Keysmith');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.icon).toBe('resources/icon.png');
    const png = readFileSync(join(ROOT, 'resources/icon.png'));
    // PNG width and height (big-endian, IHDR): macOS icons need at least 512 pixels.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('builds a hardened, notarisable macOS dmg and zip with allow-jit as the only entitlement', () => {
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).not.toBe(false);
    expect(config.mac?.entitlements).toBe(MAC_ENTITLEMENTS);
    expect(config.mac?.entitlementsInherit).toBe(MAC_ENTITLEMENTS);
    const plist = readFileSync(join(ROOT, MAC_ENTITLEMENTS), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(/<false\/>/);
  });

  it('builds a per-user NSIS installer for Windows that keeps the data folder on uninstall', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds an AppImage and a deb that depends on libsecret and recommends a Secret Service', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toEqual(DEB_DEPENDS);
    expect(DEB_DEPENDS).toContain('libsecret-1-0');
    expect(config.deb?.recommends).toEqual(['gnome-keyring']);
  });

  it("takes the deb's homepage and maintainer from the environment, and an empty variable as unset", async () => {
    vi.stubEnv('KEYSMITH_HOMEPAGE', 'https://github.com/example/keysmith');
    vi.stubEnv('KEYSMITH_MAINTAINER', '');
    vi.resetModules();
    const { config: release } = await import('../../electron-builder');
    vi.unstubAllEnvs();
    expect(release.extraMetadata).toEqual({ homepage: 'https://github.com/example/keysmith' });
    expect(release.linux).not.toHaveProperty('maintainer');
    expect(config.extraMetadata).toBeUndefined();
  });

  it('publishes no update feed and signs nothing from the configuration itself', () => {
    expect(config.publish).toBeNull();
    const text = JSON.stringify(config);
    for (const option of ['cscLink', 'cscKeyPassword', 'certificatePassword', 'appleId']) {
      expect(text).not.toContain(`"${option}"`);
    }
  });
});
