import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCliArgs } from '../../src/sandbox/cli-args';
import { call, requestToken } from '../fixtures/sandbox-client';

const ROOT = join(import.meta.dirname, '..', '..');

interface Running {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: readonly string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, stdout, stderr, exited };
}

async function firstLine(running: Running): Promise<Record<string, string>> {
  const deadline = Date.now() + 20_000;
  while (running.stdout.length === 0) {
    if (Date.now() > deadline || running.child.exitCode !== null) {
      throw new Error(`no JSON line; stderr: ${running.stderr.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return JSON.parse(running.stdout[0]!) as Record<string, string>;
}

describe('npm run sandbox (src/sandbox/cli.ts)', () => {
  it('prints exactly one JSON line whose credentials mint a token, logs to stderr, stops on SIGTERM', async () => {
    const running = run(['--port', '0']);
    const info = await firstLine(running);
    expect(Object.keys(info)).toEqual(['url', 'client_id', 'client_secret']);
    expect(info['url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await requestToken(info['url']!, info['client_id']!, info['client_secret']!);
    expect(token.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running.stderr.some((line) => /^POST \/auth\/token 200 \d+ms$/.test(line))).toBe(true);
    expect(running.stderr.join('\n')).not.toContain(info['client_secret']);

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stdout).toHaveLength(1);
    await expect(call(`${info['url']}/.well-known/jwks.json`)).rejects.toThrow();
  });

  it('keeps state in --data across runs and stops on SIGINT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keysmith-sandbox-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const dataFile = join(dir, 'state.json');
    const first = run(['--port=0', `--data=${dataFile}`]);
    const info = await firstLine(first);
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);
    const text = await readFile(dataFile, 'utf8');
    expect(text).toContain(info['client_id']);
    expect(text).not.toContain(info['client_secret']);

    const second = run(['--data', dataFile]);
    const again = await firstLine(second);
    expect(again['client_id']).not.toBe(info['client_id']);
    expect(
      (await requestToken(again['url']!, info['client_id']!, info['client_secret']!)).status,
    ).toBe(200);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });

  it('prints usage for --help and exits 0', async () => {
    const running = run(['--help']);
    expect((await running.exited).code).toBe(0);
    expect(running.stdout.join('\n')).toMatch(/^Usage: npm run sandbox/);
  });

  it('rejects an unknown flag with usage on stderr and exit code 2', async () => {
    const running = run(['--prot', '4510']);
    expect((await running.exited).code).toBe(2);
    expect(running.stdout).toEqual([]);
    expect(running.stderr.join('\n')).toContain('Unknown argument: --prot');
    expect(running.stderr.join('\n')).toContain('Usage:');
  });
});

describe('parseCliArgs', () => {
  it.each([
    [[], { kind: 'run', port: 0, dataFile: undefined }],
    [['--port', '4510'], { kind: 'run', port: 4510, dataFile: undefined }],
    [['--port=0', '--data', 'x.json'], { kind: 'run', port: 0, dataFile: 'x.json' }],
    [['--data=a=b.json'], { kind: 'run', port: 0, dataFile: 'a=b.json' }],
    [['-h'], { kind: 'help' }],
    [['--port'], { kind: 'error', message: '--port needs a value' }],
    [['--port', '65536'], { kind: 'error', message: 'Invalid port: 65536' }],
    [['--port', '-1'], { kind: 'error', message: 'Invalid port: -1' }],
    [['4510'], { kind: 'error', message: 'Unknown argument: 4510' }],
    [['--clock-shift=+5m'], { kind: 'run', port: 0, dataFile: undefined, clockOffsetMs: 300_000 }],
    [
      ['--clock-shift', '-90s'],
      { kind: 'run', port: 0, dataFile: undefined, clockOffsetMs: -90_000 },
    ],
    [
      ['--clock-shift', '1h'],
      { kind: 'run', port: 0, dataFile: undefined, clockOffsetMs: 3_600_000 },
    ],
    [['--clock-shift=5 minutes'], { kind: 'error', message: 'Invalid clock shift: 5 minutes' }],
  ])('%j → %j', (args, expected) => {
    expect(parseCliArgs(args)).toEqual(expected);
  });
});
