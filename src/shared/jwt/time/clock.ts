import { DEFAULT_CLOCK_TOLERANCE_SEC } from './times';
import type { TimeOptions } from '../types';

/** The resolved clock of one inspection: epoch ms and tolerance in seconds. */
export interface Clock {
  readonly now: number;
  readonly clockToleranceSec: number;
}

/** Fills in the defaults of TimeOptions (now: Date.now(), tolerance: 60 s), rejecting nonsense values. */
export function resolveClock(options: TimeOptions = {}): Clock {
  const now =
    typeof options.now === 'number' && Number.isFinite(options.now) ? options.now : Date.now();
  const tol = options.clockToleranceSec;
  return {
    now,
    clockToleranceSec:
      typeof tol === 'number' && Number.isFinite(tol) && tol >= 0
        ? tol
        : DEFAULT_CLOCK_TOLERANCE_SEC,
  };
}
