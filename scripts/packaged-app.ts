// Where electron-builder puts things in an unpacked app folder (`npm run dist:dir`, or the folder
// the afterPack hook is given), per platform. Pure path arithmetic, so it is unit-tested.
import { join } from 'node:path';

/** The names electron-builder gives a packaged app's files. */
export interface PackagedNames {
  /** The Linux executable's name (`executableName` in electron-builder.ts). */
  readonly executableName: string;
  /** The product's file name: the Windows .exe and the macOS .app are named after it. */
  readonly productFilename: string;
}

function macApp(appOutDir: string, names: PackagedNames): string {
  return join(appOutDir, `${names.productFilename}.app`);
}

/**
 * The packaged Electron binary as @electron/fuses takes it: Linux's executable, Windows' .exe, or
 * the macOS .app bundle (the fuses live in its Electron Framework, which @electron/fuses finds).
 */
export function packagedBinaryPath(
  appOutDir: string,
  platform: string,
  names: PackagedNames,
): string {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return macApp(appOutDir, names);
    case 'win32':
      return join(appOutDir, `${names.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, names.executableName);
    default:
      throw new Error(`Keysmith is not packaged for ${platform}`);
  }
}

/** The folder that holds app.asar and app.asar.unpacked in a packaged app. */
export function packagedResourcesDir(
  appOutDir: string,
  platform: string,
  names: PackagedNames,
): string {
  return platform === 'darwin' || platform === 'mas'
    ? join(macApp(appOutDir, names), 'Contents', 'Resources')
    : join(appOutDir, 'resources');
}

/**
 * The unpacked app's folder among the entries of an electron-builder output folder: `mac`,
 * `mac-arm64`, … on macOS, `<platform>[-<arch>]-unpacked` elsewhere; null when there is none.
 */
export function unpackedAppFolder(entries: readonly string[], platform: string): string | null {
  const mac = platform === 'darwin' || platform === 'mas';
  const pattern = mac
    ? /^mac(-[a-z0-9]+)?$/
    : new RegExp(`^${platform === 'win32' ? 'win' : 'linux'}(-[a-z0-9]+)?-unpacked$`);
  return entries.find((entry) => pattern.test(entry)) ?? null;
}
