// Where `npm install` put the Electron binary, or why it is not there: the Electron specs skip
// without it, and `npm run dist` stops at once without it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project's root folder. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/** The Electron binary's path, or why it is missing (ELECTRON_SKIP_BINARY_DOWNLOAD installs). */
export function electronBinary(
  root: string = PROJECT_ROOT,
): { path: string } | { missing: string } {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; no download possible here)',
    };
  }
  const binary = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary ${binary} is missing` };
}
