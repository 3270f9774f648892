import { performance } from 'node:perf_hooks';

/** One benchmark figure: median and spread of the per-call time over repeated samples. */
export interface Timing {
  readonly medianNs: number;
  readonly p95Ns: number;
  readonly minNs: number;
  readonly samples: number;
  readonly callsPerSample: number;
}

/** How long and how often to measure: `--quick` shrinks every figure's budget. */
export interface MeasureSettings {
  /** Warm-up time before any sample counts. */
  readonly warmupMs: number;
  /** Samples per figure; the median of them is reported. */
  readonly samples: number;
  /** Each sample repeats the call until it lasts at least this long. */
  readonly sampleMs: number;
}

/** The full run: half a second of warm-up, 31 samples of ≥ 20 ms each. */
export const FULL_SETTINGS: MeasureSettings = { warmupMs: 500, samples: 31, sampleMs: 20 };

/** `--quick`: a smoke run that still prints every figure. */
export const QUICK_SETTINGS: MeasureSettings = { warmupMs: 100, samples: 7, sampleMs: 5 };

/** A call to time: sync or async (a returned promise is awaited before the next call). */
export type Operation = () => unknown;

/** The value at quantile `q` (0..1) of numbers sorted ascending. */
export function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index] ?? Number.NaN;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Runs `op` `calls` times and returns the elapsed milliseconds; sync ops are never awaited. */
async function runBatch(op: Operation, calls: number, async: boolean): Promise<number> {
  const start = performance.now();
  if (async) {
    for (let i = 0; i < calls; i++) await op();
  } else {
    for (let i = 0; i < calls; i++) op();
  }
  return performance.now() - start;
}

interface Calibrated {
  readonly op: Operation;
  readonly async: boolean;
  readonly calls: number;
  readonly perCallMs: number[];
}

/** Warms `op` up and finds how many calls make one sample of at least `sampleMs`. */
async function calibrate(op: Operation, settings: MeasureSettings): Promise<Calibrated> {
  const first = op();
  const async = isThenable(first);
  if (async) await first;
  const warmupEnd = performance.now() + settings.warmupMs;
  let calls = 1;
  while (performance.now() < warmupEnd) {
    const elapsed = await runBatch(op, calls, async);
    if (elapsed < settings.sampleMs) calls = Math.min(calls * 2, 1 << 24);
  }
  for (;;) {
    const elapsed = await runBatch(op, calls, async);
    if (elapsed >= settings.sampleMs || calls >= 1 << 24) break;
    calls *= 2;
  }
  return { op, async, calls, perCallMs: [] };
}

function summarize(run: Calibrated): Timing {
  const sorted = run.perCallMs.map((ms) => ms * 1e6).sort((a, b) => a - b);
  return {
    medianNs: quantile(sorted, 0.5),
    p95Ns: quantile(sorted, 0.95),
    minNs: sorted[0] ?? Number.NaN,
    samples: sorted.length,
    callsPerSample: run.calls,
  };
}

/**
 * Times several operations side by side in this process: each is warmed up, then their samples
 * are taken in turn (a, b, c, a, b, c, ...) so that drift (JIT, GC, CPU clock) hits all alike.
 * Returns the per-call timing of each, in the order given.
 */
export async function compare(
  ops: readonly Operation[],
  settings: MeasureSettings,
): Promise<Timing[]> {
  const runs: Calibrated[] = [];
  for (const op of ops) runs.push(await calibrate(op, settings));
  for (let sample = 0; sample < settings.samples; sample++) {
    for (const run of runs) {
      run.perCallMs.push((await runBatch(run.op, run.calls, run.async)) / run.calls);
    }
  }
  return runs.map(summarize);
}

/** Times one operation: a warm-up, then the median over samples. */
export async function measure(op: Operation, settings: MeasureSettings): Promise<Timing> {
  const [timing] = await compare([op], settings);
  if (timing === undefined) throw new Error('no timing');
  return timing;
}

/** Formats nanoseconds as ns, µs, ms or s with three significant figures. */
export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toPrecision(3)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toPrecision(3)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toPrecision(3)} ms`;
  return `${(ns / 1_000_000_000).toPrecision(3)} s`;
}

/** Formats milliseconds with three significant figures. */
export function formatMs(ms: number): string {
  return formatNs(ms * 1e6);
}
