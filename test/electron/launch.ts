import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';
import { PROJECT_ROOT } from '../../scripts/electron-binary';

/** The Electron binary's path, or why it is missing (scripts/electron-binary.ts, shared with `npm run dist`). */
export { electronBinary } from '../../scripts/electron-binary';

/** The built app's main script, as the Electron binary is given it. */
export const MAIN_SCRIPT = join(PROJECT_ROOT, 'out/main/index.js');

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
