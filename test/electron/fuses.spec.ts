import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test } from '@playwright/test';
import { flipKeysmithFuses, KEYSMITH_FUSES } from '../../scripts/fuses';
import { electronBinary } from './launch';

const binary = electronBinary();
/** How the fuse wire stores a fuse: the ASCII digit '1' (enabled) or '0' (disabled). */
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

test('the fuses a packaged app gets are the ones the security checklist asks for', async () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');
  const path = (binary as { path: string }).path;
  // Work on a copy of Electron's folder: the one in node_modules must stay as `npm start` needs it.
  const dist = dirname(path);
  const copy = mkdtempSync(join(tmpdir(), 'keysmith-fuses-'));
  try {
    cpSync(dist, copy, { recursive: true });
    const copied = join(copy, relative(dist, path));
    await flipKeysmithFuses(copied);
    const wire = await getCurrentFuseWire(copied);
    for (const option of Object.values(FuseV1Options).filter((v) => typeof v === 'number')) {
      const wanted = KEYSMITH_FUSES[option as FuseV1Options];
      expect(wire[option as FuseV1Options], FuseV1Options[option as FuseV1Options]).toBe(
        wanted ? ENABLED : DISABLED,
      );
    }
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
