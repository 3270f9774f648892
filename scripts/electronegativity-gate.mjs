#!/usr/bin/env node
// Runs Electronegativity on src/ (offline: the Electron version is given, the release check that
// needs the internet is excluded) and fails on any MEDIUM+ finding not explained in place.
// An explanation is a comment `electronegativity-ok <CHECK_NAME>: why` on the finding's line or
// one of the two lines above it. Electronegativity itself exits 0 even with findings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const electronVersion = JSON.parse(
  readFileSync('node_modules/electron/package.json', 'utf8'),
).version;
/**
 * Runs Electronegativity once into a fresh CSV file and parses it. Electronegativity sometimes
 * writes its CSV with the header overlapping the first row (about one run in six here): such a
 * file is returned as null so the run can be repeated, never read as "no findings".
 */
function runOnce() {
  const output = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'findings.csv');
  const run = spawnSync(
    'npx',
    [
      'electronegativity',
      '-i',
      'src',
      '-e',
      electronVersion,
      '-r',
      '-x',
      'AvailableSecurityFixesGlobalCheck',
      '-o',
      output,
    ],
    // On Windows `npx` is a .cmd file, which Node starts only through a shell.
    { encoding: 'utf8', shell: process.platform === 'win32' },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    process.exit(1);
  }
  let header;
  let rows;
  try {
    // RFC 4180: quoted cells may hold commas, quotes and newlines; a ragged row is an error.
    [header, ...rows] = parse(readFileSync(output, 'utf8'), {
      trim: true,
      skip_empty_lines: true,
    });
  } catch {
    return null;
  }
  const readable = header?.[0] === 'issue' && rows.every((row) => row.length === header.length);
  return readable ? rows : null;
}

let rows = null;
for (let attempt = 1; attempt <= 5 && rows === null; attempt++) rows = runOnce();
if (rows === null) {
  console.error('Electronegativity wrote an unreadable CSV five times in a row.');
  process.exit(1);
}
const ranks = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
let unexplained = 0;
let explained = 0;
for (const [check, severity, confidence, file, location] of rows) {
  const serious = (ranks[severity] ?? 3) >= ranks.MEDIUM;
  let explanation = null;
  if (file !== 'N/A') {
    const lines = readFileSync(join('src', file), 'utf8').split('\n');
    const lineNumber = Number(location.split(':')[0]);
    const nearby = lines.slice(Math.max(0, lineNumber - 3), lineNumber).join('\n');
    const match = nearby.match(new RegExp(`electronegativity-ok ${check}: (.+)`));
    explanation = match?.[1] ?? null;
  }
  const verdict = !serious ? 'low' : explanation ? 'explained' : 'UNEXPLAINED';
  if (serious && explanation) explained++;
  if (serious && !explanation) unexplained++;
  console.log(
    `${verdict.padEnd(11)} ${severity.padEnd(6)} ${confidence.padEnd(9)} ${check} ${file}:${location}${explanation ? ` — ${explanation}` : ''}`,
  );
}
console.log(
  `electronegativity (Electron ${electronVersion}): ${rows.length} findings, ${explained} MEDIUM+ explained in place, ${unexplained} MEDIUM+ unexplained`,
);
process.exit(unexplained === 0 ? 0 : 1);
