import { z } from 'zod';
import type { Fault, FaultInjector, FaultPolicy } from './types';

const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drop-after-commit') }),
  z.strictObject({
    kind: z.literal('status'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503)]),
  }),
  z.strictObject({ kind: z.literal('rate-limit'), retryAfter: z.string().regex(/^[\x20-\x7e]+$/) }),
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({
    kind: z.literal('garbage'),
    contentType: z.string().regex(/^[\x20-\x7e]+$/),
    body: z.string(),
  }),
]);

interface Queued {
  readonly route: string;
  readonly fault: Fault;
  remaining: number;
}

/** The server's side of fault injection: picks the fault (if any) for each request. */
export interface FaultSource {
  /** The fault for this request's route key, consuming one queued use; null for none. */
  take(route: string): Fault | null;
}

/** A fault injector plus the source the server reads; disabled ones throw on every call. */
export function createFaultInjector(enabled: boolean): {
  readonly injector: FaultInjector;
  readonly source: FaultSource;
} {
  if (!enabled) {
    const refuse = (): never => {
      throw new Error('Fault injection is disabled: start the sandbox with { faults: true }.');
    };
    return {
      injector: { inject: refuse, setPolicy: refuse, clear: refuse },
      source: { take: () => null },
    };
  }
  const queue: Queued[] = [];
  let policy: FaultPolicy | null = null;
  return {
    injector: {
      inject(route, fault, count = 1) {
        if (!Number.isInteger(count) || count < 1)
          throw new Error('count must be a positive integer');
        queue.push({ route, fault: FaultSchema.parse(fault), remaining: count });
      },
      setPolicy(next) {
        policy = next;
      },
      clear() {
        queue.length = 0;
        policy = null;
      },
    },
    source: {
      take(route) {
        const index = queue.findIndex((entry) => entry.route === route);
        const entry = queue[index];
        if (entry !== undefined) {
          entry.remaining -= 1;
          if (entry.remaining === 0) queue.splice(index, 1);
          return entry.fault;
        }
        const decided = policy === null ? null : policy(route);
        return decided === null ? null : FaultSchema.parse(decided);
      },
    },
  };
}
