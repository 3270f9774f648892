import type { MeasureSettings } from './measure';

/** What every benchmark suite gets from the runner. */
export interface BenchContext {
  /** True for `--quick`: fewer samples and smaller repeat counts, same figures. */
  readonly quick: boolean;
  readonly settings: MeasureSettings;
  /** Progress lines on stderr, so stdout keeps only the table. */
  log(message: string): void;
}

/** Round-robin over a non-empty list: each call returns the next item. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('cycle() needs at least one item');
  let index = 0;
  return () => {
    const item = items[index] as T;
    index = (index + 1) % items.length;
    return item;
  };
}
