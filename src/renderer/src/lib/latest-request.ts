/** One kind of request of which only the latest counts: answers to earlier ones arrive stale. */
export interface LatestRequest {
  /** Starts a request; the function it returns says whether that request is still the latest. */
  begin(): () => boolean;
}

/** Tracks one kind of request (a store's `load`), so a slow answer never overwrites a newer one. */
export function latestRequest(): LatestRequest {
  let latest = 0;
  return {
    begin() {
      const mine = ++latest;
      return () => mine === latest;
    },
  };
}
