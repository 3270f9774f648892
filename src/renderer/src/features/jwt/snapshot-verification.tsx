import { useEffect, useState } from 'react';
import type { SnapshotJwks } from '@shared/fleet/snapshot-types';
import { verifyJwt, type VerifyResult } from '@shared/jwt';
import { Badge } from '../../components/badge';
import type { EnvironmentView } from '../../lib/domain';
import { formatDateTime } from '../../lib/format';
import { invoke } from '../../lib/ipc';
import { useFleet } from '../fleet/fleet-store';

/** What the offline check found, for the token and environment it was made for. */
interface Outcome {
  readonly token: string;
  readonly environmentId: string;
  readonly jwks: SnapshotJwks | null;
  readonly result: VerifyResult | null;
}

/** A rotation in words: "gained k2; lost k1". */
function rotationWords(jwks: SnapshotJwks): string {
  const rotation = jwks.rotation;
  if (!rotation) return '';
  return [
    rotation.gained.length > 0 ? `gained ${rotation.gained.join(', ')}` : '',
    rotation.lost.length > 0 ? `lost ${rotation.lost.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Verifies the token offline against the key snapshot of the environment it comes from: main
 * hands over the public keys it kept (nothing is fetched, no key is pasted, the token stays
 * here), and the verdict names the snapshot (its date, the kid that verified). A kid the
 * snapshot lost in a rotation, or never had, is said so.
 */
export function SnapshotVerification({
  token,
  kid,
  environment,
  skewMs,
  toleranceSec,
  onVerdict,
}: {
  token: string;
  kid: string | null;
  environment: EnvironmentView;
  skewMs: number;
  toleranceSec: number;
  /** Told the token when the snapshot verified its signature, else null. */
  onVerdict?: (verifiedToken: string | null) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const refresh = useFleet((state) => state.refresh);
  const refreshing = useFleet((state) => state.refreshing.has(environment.id));
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    void (async () => {
      const kept = await invoke('snapshots:jwks', { environmentId: environment.id });
      const jwks = kept.ok ? kept.value : null;
      const result =
        jwks === null
          ? null
          : await verifyJwt(
              token,
              { kind: 'jwks', value: jwks.text },
              { now: Date.now() + skewMs, clockToleranceSec: toleranceSec },
            );
      if (!current) return;
      setOutcome({ token, environmentId: environment.id, jwks, result });
      onVerdict?.(result?.valid ? token : null);
    })();
    return () => {
      current = false;
    };
  }, [token, environment.id, skewMs, toleranceSec, version, onVerdict]);

  const shown =
    outcome?.token === token && outcome.environmentId === environment.id ? outcome : null;
  if (shown === null) {
    return (
      <p className="muted" aria-busy="true">
        Checking the signature against {environment.name}’s key snapshot…
      </p>
    );
  }
  const { jwks, result } = shown;
  return (
    <section aria-label="Offline verification" className="jwt-section snapshot-verification">
      <h3>Offline verification</h3>
      {jwks === null || result === null ? (
        <p>
          Keysmith has no key snapshot of {environment.name} yet.{' '}
          <button
            type="button"
            className="button"
            disabled={refreshing}
            onClick={() => void refresh(environment.id).then(() => setVersion((n) => n + 1))}
          >
            {refreshing ? 'Fetching…' : `Fetch ${environment.name}’s keys now`}
          </button>
        </p>
      ) : (
        <div role="status" aria-label="Snapshot verdict">
          {result.valid ? (
            <p>
              <Badge tone="ok">Signature verified offline</Badge> with {environment.name}’s key
              snapshot of {formatDateTime(jwks.fetchedAt)}, kid{' '}
              <span className="mono">{result.key.kid ?? '(none)'}</span> ({result.algorithm}).
              {!result.claimsValid && (
                <>
                  {' '}
                  <Badge tone="warning">Claims do not hold</Badge>{' '}
                  {result.claimIssues.map((issue) => issue.message).join(' ')}
                </>
              )}
            </p>
          ) : (
            <p>
              <Badge tone="danger">Not verified</Badge> with {environment.name}’s key snapshot of{' '}
              {formatDateTime(jwks.fetchedAt)}:{' '}
              {kid !== null && jwks.previousKids?.includes(kid) && !jwks.kids.includes(kid)
                ? `it was signed with kid ${kid}, which the server no longer publishes (a key rotation).`
                : kid !== null && !jwks.kids.includes(kid)
                  ? `kid ${kid} is not in this snapshot (${jwks.kids.join(', ') || 'no kids'}): the keys may have rotated since; refresh the snapshot.`
                  : result.reason}
            </p>
          )}
          {jwks.rotation && (
            <p className="small">
              <Badge tone="warning">Key rotation</Badge> seen {formatDateTime(jwks.rotation.at)} (
              {rotationWords(jwks)}), since the snapshot of{' '}
              {formatDateTime(jwks.rotation.previousFetchedAt)}.
            </p>
          )}
          <p className="muted small">
            No network: the public keys Keysmith kept from {jwks.url}. The token stayed in this
            window.
          </p>
        </div>
      )}
    </section>
  );
}
