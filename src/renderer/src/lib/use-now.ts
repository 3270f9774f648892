import { useEffect, useState } from 'react';

/** The current time in epoch ms, refreshed every `intervalMs` (1 s for countdowns, 1 min for "N days"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
