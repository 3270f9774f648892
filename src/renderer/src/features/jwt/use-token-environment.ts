import { useEffect, useMemo } from 'react';
import { effectiveSkewMs } from '@shared/fleet/clock-skew';
import type { MatchReason } from '@shared/fleet/matcher';
import { readTokenFacts, type TokenFacts } from '@shared/fleet/token-facts';
import type { EnvironmentView } from '../../lib/domain';
import { useEnvironments } from '../environments/environments-store';
import { useFleet } from '../fleet/fleet-store';

/** The environments a pasted token belongs to, as the debugger shows them. */
export interface TokenEnvironment {
  readonly facts: TokenFacts | null;
  readonly matches: readonly {
    readonly environment: EnvironmentView;
    readonly reasons: readonly MatchReason[];
  }[];
  /** The best-supported match, whose clock and key snapshot the debugger uses. */
  readonly primary: EnvironmentView | null;
  /** How far the primary's server clock runs ahead, when past 30 s; else 0. */
  readonly skewMs: number;
}

/**
 * Matches the debugger's token to the environments it comes from, here in the page against the
 * index of identifiers main sends (issuers, audiences, kids, client_ids): the token itself is
 * never sent anywhere.
 */
export function useTokenEnvironment(input: string): TokenEnvironment {
  const finder = useFleet((state) => state.finder);
  const loadIndex = useFleet((state) => state.loadIndex);
  const summaries = useFleet((state) => state.summaries);
  const environments = useEnvironments((state) => state.environments);
  useEffect(() => {
    void loadIndex();
  }, [loadIndex]);
  const facts = useMemo(() => readTokenFacts(input), [input]);
  return useMemo(() => {
    const byId = new Map(environments.map((environment) => [environment.id, environment]));
    const matches = (facts && finder ? finder.matchToken(facts) : []).flatMap((match) => {
      const environment = byId.get(match.environmentId);
      return environment ? [{ environment, reasons: match.reasons }] : [];
    });
    const primary = matches[0]?.environment ?? null;
    const clock = summaries.find((summary) => summary.environmentId === primary?.id)?.clock;
    return { facts, matches, primary, skewMs: effectiveSkewMs(clock ?? null) };
  }, [facts, finder, environments, summaries]);
}
