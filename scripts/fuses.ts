// The Electron fuses a packaged Keysmith flips (Electron security checklist, item 19), and a
// command that flips them on a packaged app's Electron binary:
//   npx tsx scripts/fuses.ts <path to the packaged app's Electron binary or .app bundle>
// Run it on the packaged copy, never on node_modules' Electron, which `npm start` runs unpackaged.
import { pathToFileURL } from 'node:url';
import { FuseV1Options, FuseVersion, flipFuses, type FuseConfig } from '@electron/fuses';

/** Every fuse, set on purpose: nothing may turn the app into a plain Node or a debug target. */
export const KEYSMITH_FUSES: FuseConfig = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // Belt and braces: src/main/launch-policy.ts also refuses to start a packaged app with
  // --inspect* (and --remote-debugging-*, --js-flags, which no fuse covers).
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Flips Keysmith's fuses on the Electron binary at `path`; resolves to the number of bytes written. */
export function flipKeysmithFuses(path: string): Promise<number> {
  return flipFuses(path, {
    ...KEYSMITH_FUSES,
    resetAdHocDarwinSignature: process.platform === 'darwin',
  });
}

const target = process.argv[2];
if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  target !== undefined
) {
  await flipKeysmithFuses(target);
  console.log(`Flipped Keysmith's fuses on ${target}`);
}
