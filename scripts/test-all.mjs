#!/usr/bin/env node
// `npm test`: type-check, lint, build, vitest, Playwright. Runs every step, prints a summary
// and exits non-zero if any step failed. First it makes sure the browser specs have a Chromium
// (scripts/ensure-browser.ts): it installs Playwright's when none is found and the network allows,
// or stops at once, before the slow steps, with the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const long = process.argv.includes('--long');
const env = { ...process.env, ...(long ? { KEYSMITH_LONG: '1' } : {}) };
mkdirSync('test-results', { recursive: true });
// On Windows `npm` and `npx` are .cmd files, which Node starts only through a shell.
const shell = process.platform === 'win32';

const browser = spawnSync('npx', ['tsx', 'scripts/ensure-browser.ts'], {
  stdio: 'inherit',
  env,
  shell,
});
if (browser.status !== 0) process.exit(1);

const needsDisplay =
  process.platform === 'linux' &&
  !process.env.DISPLAY &&
  spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['electronegativity', 'node', ['scripts/electronegativity-gate.mjs']],
  ['build', 'npx', ['electron-vite', 'build']],
  [
    'vitest',
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile=test-results/vitest.json',
    ],
  ],
  [
    'playwright',
    ...(needsDisplay
      ? ['xvfb-run', ['-a', 'npx', 'playwright', 'test']]
      : ['npx', ['playwright', 'test']]),
  ],
];

const outcomes = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env, shell });
  outcomes.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

const vitest = readJson('test-results/vitest.json');
const playwright = readJson('test-results/playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
let failed =
  (vitest?.numFailedTests ?? 0) +
  (playwright?.stats?.unexpected ?? 0) +
  (playwright?.stats?.flaky ?? 0);
const skipped =
  (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
failed += outcomes.filter(
  (o) => !o.ok && ['typecheck', 'lint', 'electronegativity', 'build'].includes(o.name),
).length;

console.log('\n=== summary ===');
for (const o of outcomes)
  console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.seconds.toFixed(1)} s)`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
