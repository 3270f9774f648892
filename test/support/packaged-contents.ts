import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';

const ROOT = resolve(import.meta.dirname, '../..');

/** One entry of app.asar: its path inside the archive (`/out/main/index.js`) and whether it is kept outside. */
export interface AsarEntry {
  readonly path: string;
  readonly unpacked: boolean;
}

/** Every entry of a packaged app's app.asar (read with @electron/asar, which electron-builder packs with). */
export function asarEntries(resourcesDir: string): AsarEntry[] {
  return listPackage(join(resourcesDir, 'app.asar'), { isPack: true }).map((line) => {
    const [state = '', path = ''] = line.split(' : ');
    return { path: path.replace(/\\/g, '/'), unpacked: state.trim() === 'unpack' };
  });
}

/** What the packaged app must hold: the built app, its manifest, the window icon, its runtime dependencies. */
export const REQUIRED_ENTRIES = [
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/preload/confirm.cjs',
  '/out/renderer/index.html',
  '/out/renderer/confirm.html',
  '/package.json',
  '/resources/icon.png',
  '/node_modules/@github/keytar/lib/keytar.js',
  '/node_modules/jose/package.json',
  '/node_modules/zod/package.json',
];

/** Folders and files of the repository that must never ship. */
const NEVER_SHIPPED =
  /^\/(src|test|scripts|bench|docs|build|\.github|\.ci|dist|coverage)(\/|$)|^\/[^/]+\.ts$|\.map$/;

/**
 * What is wrong with a packaged app's resources folder, one sentence each (empty when nothing is):
 * a required file missing; a source, test, script or dev dependency shipped; a native module
 * inside the asar, or unpacked in name but absent on disk; any other file outside the asar; a
 * manifest whose `main` is not packed.
 */
export function packagedContentProblems(resourcesDir: string): string[] {
  const entries = asarEntries(resourcesDir);
  const paths = new Set(entries.map((entry) => entry.path));
  const problems: string[] = [];
  for (const required of REQUIRED_ENTRIES) {
    if (!paths.has(required)) problems.push(`missing from app.asar: ${required}`);
  }
  for (const entry of entries) {
    if (NEVER_SHIPPED.test(entry.path)) problems.push(`shipped: ${entry.path}`);
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  for (const name of Object.keys(manifest.devDependencies)) {
    if (paths.has(`/node_modules/${name}`)) problems.push(`dev dependency shipped: ${name}`);
  }
  const natives = entries.filter((entry) => entry.path.endsWith('.node'));
  if (natives.length === 0) problems.push('no native module at all: keytar.node is missing');
  for (const entry of entries) {
    const onDisk = join(resourcesDir, 'app.asar.unpacked', entry.path);
    if (
      entry.unpacked &&
      !entry.path.endsWith('.node') &&
      statSync(onDisk, { throwIfNoEntry: false })?.isFile()
    ) {
      problems.push(
        `unpacked but not a native module (outside the asar's integrity check): ${entry.path}`,
      );
    }
  }
  for (const native of natives) {
    if (!native.unpacked) problems.push(`native module inside the asar: ${native.path}`);
    else if (!existsSync(join(resourcesDir, 'app.asar.unpacked', native.path))) {
      problems.push(`unpacked native module absent on disk: ${native.path}`);
    }
  }
  const packed = JSON.parse(
    extractFile(join(resourcesDir, 'app.asar'), 'package.json').toString('utf8'),
  ) as { main?: string };
  const main = `/${(packed.main ?? '').replace(/^\.\//, '')}`;
  if (!paths.has(main)) problems.push(`package.json's main (${packed.main}) is not in app.asar`);
  return problems;
}
