import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker @electron/fuses looks for: the fuse wire follows it (docs/tutorial/fuses.md in Electron). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron's own fuse wire before any flip (nine fuses since early 2026): RunAsNode,
 * NODE_OPTIONS, --inspect, file:// privileges and WebAssembly trap handlers on.
 */
export const ELECTRON_DEFAULT_WIRE = '101100011';

/**
 * Writes a stand-in for an Electron binary: a few bytes, the sentinel, fuse wire version 1, the
 * wire's length and the wire (ASCII '1'/'0' per fuse). @electron/fuses reads and flips it exactly
 * as it does a real binary; nothing can run it.
 */
export function writeStandInBinary(path: string, wire: string = ELECTRON_DEFAULT_WIRE): void {
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "a stand-in for Electron"\n'),
      Buffer.from(SENTINEL, 'ascii'),
      Buffer.from([1, wire.length]),
      Buffer.from(wire, 'ascii'),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(path, 0o755);
}

/**
 * A stand-in for Electron's Linux distribution folder, for electron-builder's `electronDist`: the
 * stand-in binary named `electron`, a locale, the licence and version files.
 */
export function writeStandInLinuxElectron(folder: string, version: string): void {
  mkdirSync(join(folder, 'locales'), { recursive: true });
  mkdirSync(join(folder, 'resources'), { recursive: true });
  writeStandInBinary(join(folder, 'electron'));
  writeFileSync(join(folder, 'locales', 'en-US.pak'), 'stand-in');
  writeFileSync(join(folder, 'LICENSE'), 'stand-in');
  writeFileSync(join(folder, 'version'), version);
}
