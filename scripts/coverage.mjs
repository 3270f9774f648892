#!/usr/bin/env node
// `npm run coverage`: builds the renderer with source maps, runs vitest with V8 coverage and the
// renderer specs with Chromium's V8 coverage per page, then merges both (scripts/coverage-merge.mjs)
// into one report: coverage/coverage-final.json, coverage/html/, and lines per folder on stdout.
// Run it under scripts/with-keychain.mjs, like `npm test`.
//   --vitest <file> / --e2e <file>   run only these test files (repeatable), to try the pipeline
//   --merge-only                     reuse the raw data of the last run
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import { chromiumToIstanbul, mergeMaps, summarise, writeReports } from './coverage-merge.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'coverage');
const rawDir = join(outDir, '.raw');

function filesAfter(flag) {
  const args = process.argv.slice(2);
  return args.flatMap((arg, i) => (arg === flag && args[i + 1] ? [args[i + 1]] : []));
}

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return { name, ok: status === 0 };
}

const outcomes = [];
if (!process.argv.includes('--merge-only')) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(rawDir, { recursive: true });
  const coverageBuild = { KEYSMITH_COVERAGE: '1' };
  outcomes.push(
    step('build (renderer with source maps)', 'npx', ['electron-vite', 'build'], coverageBuild),
  );
  outcomes.push(
    step('vitest', 'npx', ['vitest', 'run', '--coverage.enabled', ...filesAfter('--vitest')]),
  );
  outcomes.push(
    step(
      'renderer specs',
      'npx',
      ['playwright', 'test', '--project=renderer', ...filesAfter('--e2e')],
      coverageBuild,
    ),
  );
}

console.log('\n=== merge ===');
const vitestMap = libCoverage.createCoverageMap(
  JSON.parse(readFileSync(join(rawDir, 'vitest', 'coverage-final.json'), 'utf8')),
);
const chromium = await chromiumToIstanbul(
  root,
  join(rawDir, 'chromium'),
  join(root, 'out/renderer'),
);
console.log(
  `vitest: ${vitestMap.files().length} files; Chromium: ${chromium.pages} pages, ${chromium.scripts} scripts, ${chromium.map.files().length} src/ files`,
);
const merged = mergeMaps(vitestMap, chromium.map);
writeReports(merged, outDir);
const { text } = summarise(root, merged);
writeFileSync(join(outDir, 'summary.txt'), `${text}\n`);
console.log(`\n${text}\n\nAlso in coverage/summary.txt; per line: coverage/html/index.html`);

const failed = outcomes.filter((o) => !o.ok);
for (const o of failed) console.log(`FAIL ${o.name}: the figures above miss what it did not run`);
process.exit(failed.length === 0 ? 0 : 1);
