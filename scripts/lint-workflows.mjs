#!/usr/bin/env node
// Part of `npm run lint`: checks every GitHub Actions workflow in .github/workflows against the
// workflow schema with action-validator (a WebAssembly build from the npm registry: offline). Its
// command line takes one file at a time, and npm scripts get no glob expansion on Windows, hence
// this loop. Finding no workflow at all is a failure too.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = '.github/workflows';
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(folder, name));
if (files.length === 0) {
  console.error(`action-validator: no workflow in ${folder}`);
  process.exit(1);
}
const cliFolder = 'node_modules/@action-validator/cli';
const cli = join(
  cliFolder,
  JSON.parse(readFileSync(join(cliFolder, 'package.json'), 'utf8')).bin['action-validator'],
);
let failed = 0;
for (const file of files) {
  const run = spawnSync(process.execPath, [cli, file], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
  console.log(`action-validator: ${run.status === 0 ? 'ok  ' : 'FAIL'} ${file}`);
}
process.exit(failed === 0 ? 0 : 1);
