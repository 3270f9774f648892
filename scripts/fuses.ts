// The Electron fuses a packaged Keysmith flips (Electron security checklist, item 19), declared once
// for everything that flips or checks them: the afterPack hook of `npm run dist`
// (scripts/after-pack.ts), `npm run fuses -- <binary>` (scripts/flip-fuses.ts) and the specs that
// read them back. Never flip node_modules' Electron, which `npm start` runs unpackaged.
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import type { FuseConfig } from '@electron/fuses';

/** Every fuse, set on purpose: nothing may turn the app into a plain Node or a debug target. */
export const KEYSMITH_FUSES: FuseConfig = {
  version: FuseVersion.V1,
  // An Electron upgrade that adds a fuse fails the packaging until this file decides it.
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
  // Electron's default (V8 traps WebAssembly's out-of-bounds reads instead of inlined checks). The
  // fuse exists for machines short of address space; Keysmith runs no WebAssembly of its own.
  [FuseV1Options.WasmTrapHandlers]: true,
};

/** How the fuse wire stores a fuse: the ASCII digit '1' (enabled) or '0' (disabled). */
export const FUSE_ENABLED = '1'.charCodeAt(0);
/** See FUSE_ENABLED. */
export const FUSE_DISABLED = '0'.charCodeAt(0);

/** Every fuse this version of @electron/fuses knows, by its index in the wire. */
export const FUSE_OPTIONS: readonly FuseV1Options[] = Object.values(FuseV1Options).filter(
  (value): value is FuseV1Options => typeof value === 'number',
);

/**
 * Flips Keysmith's fuses on the Electron binary (or macOS .app bundle) at `path`, for an app
 * packaged for `platform`; resolves to the number of fuse wires written. On macOS the ad-hoc
 * signature the flip breaks is redone (a real signature is applied after, when there is one).
 */
export function flipKeysmithFuses(
  path: string,
  platform: string = process.platform,
): Promise<number> {
  return flipFuses(path, {
    ...KEYSMITH_FUSES,
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
  });
}

/** The names of the fuses a wire does not set as Keysmith wants (a fuse missing from the wire counts). */
export function fuseMismatches(wire: Readonly<Partial<Record<FuseV1Options, number>>>): string[] {
  return FUSE_OPTIONS.filter(
    (option) => wire[option] !== (KEYSMITH_FUSES[option] ? FUSE_ENABLED : FUSE_DISABLED),
  ).map((option) => FuseV1Options[option]);
}

/** Reads the fuse wire back from the binary at `path`: the names of the fuses not set as Keysmith wants. */
export async function verifyKeysmithFuses(path: string): Promise<string[]> {
  return fuseMismatches(await getCurrentFuseWire(path));
}
