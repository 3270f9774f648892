import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Electron binary's path, or why it is missing (ELECTRON_SKIP_BINARY_DOWNLOAD installs). */
export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; no download possible here)',
    };
  }
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary ${binary} is missing` };
}

/** The built app's main script, as the Electron binary is given it. */
export const MAIN_SCRIPT = join(ROOT, 'out/main/index.js');

/** Launches the built app with its own userData folder (or the one given). */
export async function launchApp(
  binary: string,
  userData = mkdtempSync(join(tmpdir(), 'keysmith-electron-')),
): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath: binary,
    args: [MAIN_SCRIPT],
    env: { ...process.env, KEYSMITH_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
  });
}
