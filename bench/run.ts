/**
 * `npm run bench`: every benchmark of issue 8, side by side with its peer, in one process run.
 * Prints the table on stdout (progress on stderr) and writes bench/results.json.
 *
 *   npm run bench                      the full run
 *   npm run bench -- --quick           a smoke run: fewer samples, same rows
 *   npm run bench -- --only=jwt,api    some suites (jwt, token-cache, api, renderer, fleet)
 *   npm run bench -- --markdown        also print the table as Markdown (for the README)
 */
import { writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchApiClient } from './api-client';
import { benchFleet } from './fleet';
import { benchJwt } from './jwt';
import type { BenchContext } from './lib/context';
import { FULL_SETTINGS, QUICK_SETTINGS } from './lib/measure';
import { formatMarkdown, formatTable, type BenchRow } from './lib/report';
import { benchRenderer } from './renderer';
import { benchTokenCache } from './token-cache';

const SUITES: Readonly<Record<string, (context: BenchContext) => Promise<BenchRow[]>>> = {
  jwt: benchJwt,
  'token-cache': benchTokenCache,
  api: benchApiClient,
  renderer: benchRenderer,
  fleet: benchFleet,
};

const RESULTS_FILE = resolve(import.meta.dirname, 'results.json');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      markdown: { type: 'boolean', default: false },
    },
  });
  const names = values.only?.split(',').map((name) => name.trim()) ?? Object.keys(SUITES);
  const unknown = names.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown suite(s) ${unknown.join(', ')}; pick from ${Object.keys(SUITES).join(', ')}.`,
    );
  }
  const context: BenchContext = {
    quick: values.quick,
    settings: values.quick ? QUICK_SETTINGS : FULL_SETTINGS,
    log: (message) => process.stderr.write(`· ${message}\n`),
  };
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const rows: BenchRow[] = [];
  for (const name of names) {
    const suite = SUITES[name];
    if (suite) rows.push(...(await suite(context)));
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    platform: `${platform()} ${release()} ${arch()}`,
    node: process.versions.node,
    /** 1-minute load average before and after: other work on the machine moves absolute figures. */
    loadAverage: [loadBefore, loadavg()[0] ?? 0].map((value) => Number(value.toFixed(2))),
  };
  await writeFile(
    RESULTS_FILE,
    `${JSON.stringify(
      {
        date: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        quick: values.quick,
        settings: context.settings,
        machine,
        rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(formatTable(rows));
  console.log(
    `\n${machine.cpu} (${machine.cores} cores), ${machine.platform}, Node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' → ')}` +
      `${values.quick ? ', --quick' : ''}; figures in ${RESULTS_FILE}`,
  );
  if (values.markdown) console.log(`\n${formatMarkdown(rows)}`);
}

await main();
