/** Runs a task after every task queued before it has settled. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A queue that runs tasks one at a time, in order: each starts once the previous one settled,
 * whether it resolved or failed. Stores use one per file (and the keychain adapter one for
 * keytar), so two writes never interleave.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
