// Near-linear growth, measured as a ratio within one run: how much longer work on an input ten
// times larger takes. Linear work gives about 10, work on a bounded slice about 1, quadratic work
// about 100. Never an absolute time: the ratio holds on a loaded machine, a duration does not.

/** The bound the tests hold a ratio to: generous, so a loaded 2-core machine does not flake it. */
export const NEAR_LINEAR = 30;

/** How long one sample runs the work again and again, so a fast call is still timed well. */
const SAMPLE_MS = 20;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The mean time of one call of `run`, repeated for at least SAMPLE_MS. */
async function perCall(run: () => unknown): Promise<number> {
  let calls = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    await run();
    calls += 1;
    elapsed = performance.now() - start;
  } while (elapsed < SAMPLE_MS);
  return elapsed / calls;
}

/**
 * The ratio of the median time of `run` on `make(10 * n)` to that on `make(n)`: both inputs are
 * built first, run once to warm up, then timed alternately over `rounds` rounds.
 */
export async function growthRatio<T>(
  make: (n: number) => T,
  run: (input: T) => unknown,
  n: number,
  rounds = 5,
): Promise<number> {
  const small = make(n);
  const large = make(10 * n);
  await run(small);
  await run(large);
  const smalls: number[] = [];
  const larges: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    smalls.push(await perCall(() => run(small)));
    larges.push(await perCall(() => run(large)));
  }
  return median(larges) / median(smalls);
}
