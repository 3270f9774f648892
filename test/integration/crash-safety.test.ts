import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { reloadState, type StateFile } from '../fixtures/crash-state';
import { bump, dice, LONG_MODE, scaled, seedFrom, tallyObject } from '../fixtures/fuzz-kit';
import type { WriterLine } from '../fixtures/state-writer';

const WRITER = 'test/fixtures/state-writer.ts';
const SEED = seedFrom('CRASH_SAFETY_SEED', 0xc4a5_0004);
/**
 * SIGKILLs: 60 by default, 200 in long mode. Each kill costs a fresh `node --import tsx` writer
 * (about 0.3 s of CPU), so 200 do not fit the default budget on a 2-core machine.
 */
const KILLS = scaled(60, 200);
/** Writers started ahead, so their start-up (tsx) overlaps the current victim's run. */
const AHEAD = 2;
const FILES: readonly StateFile[] = ['profiles', 'ledger', 'rotations'];

/** One writer process and what it printed. */
interface Writer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: WriterLine[];
  /** Started (modules loaded) and waiting for "go". */
  readonly waiting: Promise<void>;
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
  stderr: string;
}

function startWriter(dataDir: string, seed: number): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, String(seed)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: WriterLine[] = [];
  let partial = '';
  let markWaiting = (): void => {};
  let markReady = (): void => {};
  const waiting = new Promise<void>((resolve) => (markWaiting = resolve));
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const writer: Writer = {
    child,
    lines,
    waiting,
    ready,
    closed: new Promise((resolve) => child.on('close', () => resolve())),
    stderr: '',
  };
  child.stdout.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      const line = JSON.parse(part) as WriterLine;
      lines.push(line);
      if (line.type === 'waiting') markWaiting();
      if (line.type === 'ready') markReady();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (writer.stderr += chunk.toString('utf8')));
  child.stdin.on('error', () => undefined);
  return writer;
}

/** Per file: the last state a write finished, and the state of a write cut short (if any). */
function outcomesOf(lines: readonly WriterLine[], accepted: Readonly<Record<StateFile, string>>) {
  const acked = { ...accepted };
  const inFlight: Partial<Record<StateFile, string>> = {};
  for (const line of lines) {
    if (line.type === 'intent') inFlight[line.file] = line.summary;
    if (line.type === 'ack') {
      acked[line.file] = line.summary;
      delete inFlight[line.file];
    }
  }
  return { acked, inFlight };
}

describe(`crash safety (seed ${SEED.toString(16)})`, () => {
  it(`${KILLS} SIGKILLs in the middle of saving environments, pending creates and rotations never leave a corrupt or empty file`, async () => {
    const started = performance.now();
    const dataDir = await mkdtemp(join(tmpdir(), 'keysmith-crash-'));
    const writers: Writer[] = [];
    onTestFinished(async () => {
      for (const writer of writers) writer.child.kill('SIGKILL');
      await Promise.all(writers.map((writer) => writer.closed));
      await rm(dataDir, { recursive: true, force: true });
    });
    const roll = dice(SEED);
    const spawnNext = (): void => {
      writers.push(startWriter(dataDir, roll.int(2 ** 31)));
    };
    for (let i = 0; i < AHEAD; i++) spawnNext();

    let accepted = (await reloadState(dataDir)).summaries;
    const tally = new Map<string, number>();
    let recoveries = 0;
    let writesCompleted = 0;

    for (let kill = 1; kill <= KILLS; kill += 1) {
      const victim = writers[kill - 1]!;
      await Promise.race([victim.waiting, victim.closed]);
      victim.child.stdin.write('go\n');
      spawnNext();
      // A random moment: mostly while it writes, sometimes while it is still loading.
      if (roll.chance(0.85)) {
        await Promise.race([victim.ready, victim.closed]);
        await sleep(roll.int(40));
      } else {
        await sleep(roll.int(3));
      }
      victim.child.kill('SIGKILL');
      await victim.closed;

      const label = `kill ${kill} (seed ${SEED}): ${victim.stderr}`;
      expect(
        victim.lines.filter((line) => line.type === 'mismatch'),
        label,
      ).toEqual([]);
      const ready = victim.lines.find((line) => line.type === 'ready');
      // What the writer loaded at start is what the last reload found.
      if (ready?.type === 'ready') expect(ready.summaries, label).toEqual(accepted);
      else bump(tally, 'killed while loading');
      const { acked, inFlight } = outcomesOf(victim.lines, accepted);
      writesCompleted += victim.lines.filter((line) => line.type === 'ack').length;

      const reloaded = await reloadState(dataDir);
      expect(reloaded.failures, label).toEqual({});
      expect(reloaded.badBackups, label).toEqual([]);
      if (reloaded.environmentsLoad.recovered !== null) {
        recoveries += 1;
        bump(tally, `recovered profiles.json: ${reloaded.environmentsLoad.recovered.from}`);
      }
      for (const file of FILES) {
        const found = reloaded.summaries[file];
        const cut = inFlight[file];
        const allowed = cut === undefined ? [acked[file]] : [acked[file], cut];
        expect(allowed, `${label} ${file}`).toContain(found);
        if (cut !== undefined) {
          bump(tally, `killed mid-write of ${file}`);
          bump(tally, found === cut ? 'reload found the new state' : 'reload found the old state');
        }
      }
      if (Object.keys(inFlight).length === 0 && ready !== undefined) {
        bump(tally, 'killed between writes');
      }
      accepted = reloaded.summaries;
    }

    // Nothing is left but the three files, their previous good copies and the temp files of the
    // last few kills: each writer removes, on its first save of a file, what dead writers left.
    const names = await readdir(dataDir);
    const strayTemps = names.filter((name) => name.endsWith('.tmp'));
    const others = names.filter((name) => !name.endsWith('.tmp'));
    const known = new Set([
      'pending-creates.json',
      'profiles.json',
      'profiles.json.bak',
      'rotations.json',
      'rotations.json.bak',
    ]);
    expect(others.filter((name) => !known.has(name))).toEqual([]);
    expect(others).toContain('profiles.json');
    expect(strayTemps.length).toBeLessThanOrEqual(10);
    expect(tally.get('killed mid-write of profiles') ?? 0).toBeGreaterThan(0);
    expect(tally.get('killed mid-write of ledger') ?? 0).toBeGreaterThan(0);
    expect(tally.get('killed mid-write of rotations') ?? 0).toBeGreaterThan(0);

    console.log(
      JSON.stringify(
        {
          test: 'crash-safety',
          mode: LONG_MODE ? 'long' : 'default',
          seed: SEED,
          kills: KILLS,
          killsSurvived: KILLS,
          writesCompletedBeforeKills: writesCompleted,
          recoveriesFromBackup: recoveries,
          strayTempFilesLeft: strayTemps.length,
          outcomes: tallyObject(tally),
          seconds: Math.round((performance.now() - started) / 100) / 10,
        },
        null,
        2,
      ),
    );
  }, 600_000);
});
