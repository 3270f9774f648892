// Runs an installed package's command line with this Node, without a shell: the same on Linux, macOS
// and Windows (where `npx` is a .cmd file that Node no longer starts without one), and safe for
// arguments with spaces (a Windows user folder).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './electron-binary';

/** The script of an installed package's command (its package.json `bin`), e.g. electron-builder's cli.js. */
export function packageBin(name: string, command: string = name): string {
  const folder = join(PROJECT_ROOT, 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const script = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[command];
  if (script === undefined) throw new Error(`${name} has no command ${command}`);
  return join(folder, script);
}

/** Runs an installed package's command with inherited output; resolves to its exit status (1 if it could not start). */
export function runPackageBin(
  name: string,
  args: readonly string[],
  options: { command?: string; env?: NodeJS.ProcessEnv } = {},
): number {
  const run = spawnSync(process.execPath, [packageBin(name, options.command), ...args], {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
    env: options.env ?? process.env,
  });
  if (run.error) console.error(run.error.message);
  return run.status ?? 1;
}
