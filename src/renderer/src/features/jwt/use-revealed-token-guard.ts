import { useEffect } from 'react';
import { useJwt, type ClearReason } from './jwt-store';

/** How long without keyboard or pointer activity a revealed environment token stays in the debugger. */
export const REVEALED_TOKEN_IDLE_MS = 5 * 60_000;

/** Why the note says a revealed token was cleared, completing "…was cleared from the debugger". */
export const CLEARED_BECAUSE: Readonly<Record<ClearReason, string>> = {
  environment: 'when another environment was selected',
  tab: 'when you left the JWT tab',
  idle: `after ${REVEALED_TOKEN_IDLE_MS / 60_000} minutes without activity`,
};

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * Takes an environment's revealed token back out of the debugger (input and store) when the user
 * moves on: another environment selected, the JWT tab left (the panel unmounts), or five minutes
 * without activity. A token the user pasted is not touched.
 */
export function useRevealedTokenGuard(selectedEnvironmentId: string | null): void {
  const revealedId = useJwt((state) => state.revealed?.environmentId ?? null);
  const clearRevealed = useJwt((state) => state.clearRevealed);

  useEffect(() => {
    if (revealedId !== null && revealedId !== selectedEnvironmentId) clearRevealed('environment');
  }, [revealedId, selectedEnvironmentId, clearRevealed]);

  useEffect(() => () => clearRevealed('tab'), [clearRevealed]);

  useEffect(() => {
    if (revealedId === null) return;
    let lastActivity = Date.now();
    let timer = 0;
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const check = () => {
      const idle = Date.now() - lastActivity;
      if (idle >= REVEALED_TOKEN_IDLE_MS) clearRevealed('idle');
      else timer = window.setTimeout(check, REVEALED_TOKEN_IDLE_MS - idle);
    };
    timer = window.setTimeout(check, REVEALED_TOKEN_IDLE_MS);
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [revealedId, clearRevealed]);
}
