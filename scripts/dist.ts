// `npm run dist`: the installers for this platform, in dist/ (macOS dmg + zip, Windows NSIS,
// Linux AppImage + deb). `npm run dist:dir`: only the unpacked app (dist/<platform>-unpacked, or
// dist/mac*/Keysmith.app), which is quicker and what the packaged-app spec builds. Arguments after
// `--` go to electron-builder (e.g. `npm run dist -- --arm64`), except `--prebuilt`: package out/
// as it is, without rebuilding it (the spec runs while other specs serve out/renderer).
//
// Both need the Electron binary that `npm install` downloads: electron-builder packages that same
// Electron from the download cache `npm install` filled. A machine installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 (like the test VMs) cannot package, so this stops there at once.
// The first `npm run dist` also downloads electron-builder's own tools (NSIS, AppImage, fpm).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, PROJECT_ROOT } from './electron-binary';
import { runPackageBin } from './package-bin';
import { signingPlan, withoutEmptySigningVariables } from './signing';

const prebuilt = process.argv.includes('--prebuilt');
const args = process.argv.slice(2).filter((arg) => arg !== '--prebuilt');
const command = args.includes('--dir') ? 'npm run dist:dir' : 'npm run dist';

const electron = electronBinary();
if ('missing' in electron) {
  console.error(
    `${command} needs the Electron binary, and ${electron.missing}.\n` +
      'On a workstation with internet access, `npm install` downloads it (or run ' +
      '`node node_modules/electron/install.js`); then run this again.',
  );
  process.exit(1);
}

const plan = signingPlan(process.platform, process.env);
for (const line of plan.lines) console.log(`[dist] ${line}`);
if (plan.problems.length > 0) {
  for (const problem of plan.problems) console.error(`[dist] ${problem}`);
  process.exit(1);
}

if (prebuilt && !existsSync(join(PROJECT_ROOT, 'out/main/index.js'))) {
  console.error('--prebuilt: out/ is not built (npx electron-vite build)');
  process.exit(1);
}
if (!prebuilt && runPackageBin('electron-vite', ['build']) !== 0) process.exit(1);
const publish = args.some((arg) => arg.startsWith('--publish') || arg === '-p')
  ? []
  : ['--publish', 'never'];
process.exit(
  runPackageBin('electron-builder', [...publish, ...args], {
    env: withoutEmptySigningVariables(process.env),
  }),
);
