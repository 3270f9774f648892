import { useCallback, useMemo } from 'react';
import { effectiveSkewMs } from '@shared/fleet/clock-skew';
import { configuredIssuers, normalizeIssuer } from '@shared/fleet/issuers';
import { useEnvironments } from '../environments/environments-store';
import { useFleet } from './fleet-store';

/**
 * Which environment issues tokens with a given `iss` (what its tokens said, else its
 * configuration), and that environment's clock skew: for times that carry only an issuer.
 */
export function useIssuers(): {
  environmentOfIssuer(issuer: string | null): string | null;
  skewOfIssuer(issuer: string | null): number;
} {
  const summaries = useFleet((state) => state.summaries);
  const environments = useEnvironments((state) => state.environments);
  const issuers = useMemo(() => {
    const map = new Map<string, string>();
    for (const summary of summaries) {
      for (const issuer of summary.seen.issuers)
        map.set(normalizeIssuer(issuer), summary.environmentId);
    }
    for (const environment of environments) {
      for (const issuer of configuredIssuers(environment)) {
        if (!map.has(issuer)) map.set(issuer, environment.id);
      }
    }
    return map;
  }, [summaries, environments]);
  const environmentOfIssuer = useCallback(
    (issuer: string | null) =>
      issuer === null ? null : (issuers.get(normalizeIssuer(issuer)) ?? null),
    [issuers],
  );
  const skewOfIssuer = useCallback(
    (issuer: string | null) => {
      const id = environmentOfIssuer(issuer);
      return effectiveSkewMs(
        summaries.find((summary) => summary.environmentId === id)?.clock ?? null,
      );
    },
    [environmentOfIssuer, summaries],
  );
  return { environmentOfIssuer, skewOfIssuer };
}
