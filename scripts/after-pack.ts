// electron-builder's afterPack hook (electron-builder.ts): runs on every packaged app, after its
// files are in place and before it is signed or put into an installer.
import type { AfterPackContext } from 'electron-builder';
import { flipKeysmithFuses, verifyKeysmithFuses } from './fuses';
import { packagedBinaryPath } from './packaged-app';

/**
 * Flips Keysmith's fuses (scripts/fuses.ts) on the packaged Electron binary, reads them back, and
 * fails the build if any is not as wanted: no installer leaves the machine without them.
 */
export async function afterPack(context: AfterPackContext): Promise<void> {
  const { appInfo } = context.packager;
  // Only electron-builder's LinuxPackager names its executable; the others use the product name.
  const { executableName } = context.packager as { executableName?: string };
  const binary = packagedBinaryPath(context.appOutDir, context.electronPlatformName, {
    executableName: executableName ?? appInfo.productFilename,
    productFilename: appInfo.productFilename,
  });
  await flipKeysmithFuses(binary, context.electronPlatformName);
  const wrong = await verifyKeysmithFuses(binary);
  if (wrong.length > 0) {
    throw new Error(
      `Keysmith's fuses read back wrong from ${binary}: ${wrong.join(', ')}. No installer is made.`,
    );
  }
  console.log(`  • Keysmith's fuses flipped and read back  binary=${binary}`);
}
