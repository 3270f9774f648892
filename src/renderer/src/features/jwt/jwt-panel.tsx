import { useEffect, useMemo, useState, type DragEvent } from 'react';
import type { AppError } from '@shared/errors';
import type { JwtInspection } from '@shared/jwt';
import { Badge } from '../../components/badge';
import { ErrorView } from '../../components/error-view';
import { ExplainedTable } from '../../components/explained-table';
import { Field } from '../../components/field';
import { SafeText } from '../../components/safe-text';
import { useNow } from '../../lib/use-now';
import { useSelectedEnvironment } from '../environments/environments-store';
import { CompareView } from './compare-view';
import { EnvironmentAlarm } from './environment-alarm';
import { FindingsList } from './findings-list';
import { useJwt } from './jwt-store';
import { KeyForm } from './key-form';
import { inspectionAt, timeStates } from './live-times';
import { ShareActions } from './share-actions';
import { SnapshotVerification } from './snapshot-verification';
import { TimeStatusView } from './time-status';
import { CLEARED_BECAUSE, useRevealedTokenGuard } from './use-revealed-token-guard';
import { useTokenEnvironment } from './use-token-environment';
import { Verdict } from './verdict';
import { WatchList } from './watch-list';
import './jwt.css';

/** The token and every layer inside it, outermost first. */
function layers(inspection: JwtInspection): JwtInspection[] {
  const all: JwtInspection[] = [inspection];
  let current = inspection;
  while (current.ok && current.inner) {
    all.push(current.inner);
    current = current.inner;
  }
  return all;
}

/** One decoded layer: what it is, whether its signature was checked, its header, claims and findings. */
function LayerView({ inspection, verified }: { inspection: JwtInspection; verified: boolean }) {
  if (!inspection.ok) {
    return (
      <div role="alert" className="jwt-error">
        <strong>
          Not a readable token{inspection.error.segment ? ` (${inspection.error.segment})` : ''}:
        </strong>{' '}
        {inspection.error.message}
      </div>
    );
  }
  const signature = inspection.signature;
  return (
    <div className="jwt-layer">
      <p className="jwt-kind">
        <Badge tone="info">{inspection.kind}</Badge>{' '}
        {inspection.depth > 0 && <span className="muted">layer {inspection.depth + 1} </span>}
        {signature?.status === 'none' ? (
          <Badge tone="danger">Unsecured: no signature at all</Badge>
        ) : signature ? (
          verified ? (
            <Badge tone="ok">Signature verified</Badge>
          ) : (
            <Badge tone="warning">Signature not verified</Badge>
          )
        ) : (
          <Badge tone="neutral">
            Encrypted ({inspection.encryption?.algorithm} / {inspection.encryption?.encryption})
          </Badge>
        )}
        {inspection.normalization.length > 0 && (
          <span className="muted"> Removed {inspection.normalization.join(', ')}.</span>
        )}
      </p>
      {inspection.times && <TimeStatusView status={inspection.times} />}
      <ExplainedTable caption="Header" items={inspection.headerParams} />
      {inspection.claims.length > 0 ? (
        <ExplainedTable caption="Claims" items={inspection.claims} />
      ) : (
        inspection.payload && (
          <pre className="mono jwt-payload" aria-label="Payload">
            {'text' in inspection.payload ? inspection.payload.text : inspection.payload.hexPreview}
          </pre>
        )
      )}
      <FindingsList findings={inspection.findings} />
    </div>
  );
}

/**
 * The token's inspection kept current: the store inspects when the token or the tolerance changes,
 * each clock tick only re-times it, and a change of time state (valid → expired) inspects again so
 * findings about the validity window stay true.
 */
function useLiveInspection(): JwtInspection | null {
  const input = useJwt((state) => state.input);
  const inspection = useJwt((state) => state.inspection);
  const decryption = useJwt((state) => state.decryption);
  const reinspect = useJwt((state) => state.reinspect);
  // The token's times are judged on its issuer's clock (its environment's skew, when past 30 s).
  const now = useNow(1000) + useJwt((state) => state.skewMs);
  const decrypted =
    decryption?.token === input && decryption.result.ok ? decryption.result.inspection : null;
  const base = decrypted ?? inspection;
  const live = useMemo(() => (base === null ? null : inspectionAt(base, now)), [base, now]);
  const stale = decrypted === null && timeStates(live) !== timeStates(inspection);
  useEffect(() => {
    if (stale) reinspect(now);
  }, [stale, now, reinspect]);
  return live;
}

/** The offline JWT debugger: paste or drop a token, read it explained, verify it, track its expiry. */
export function JwtPanel() {
  const input = useJwt((state) => state.input);
  const setInput = useJwt((state) => state.setInput);
  const verification = useJwt((state) => state.verification);
  const decryption = useJwt((state) => state.decryption);
  const cleared = useJwt((state) => state.cleared);
  const dismissClearedNote = useJwt((state) => state.dismissClearedNote);
  const revealToken = useJwt((state) => state.inspectEnvironmentToken);
  const environment = useSelectedEnvironment();
  const [revealError, setRevealError] = useState<AppError | null>(null);
  useRevealedTokenGuard(environment?.id ?? null);
  const tokenEnvironment = useTokenEnvironment(input);
  const setSkewMs = useJwt((state) => state.setSkewMs);
  const toleranceSec = useJwt((state) => state.toleranceSec);
  useEffect(() => setSkewMs(tokenEnvironment.skewMs), [tokenEnvironment.skewMs, setSkewMs]);
  const inspection = useLiveInspection();
  // The token whose signature the environment's key snapshot verified, if any.
  const [snapshotVerified, setSnapshotVerified] = useState<string | null>(null);
  const verified =
    (verification?.token === input && verification.result.valid) || snapshotVerified === input;

  const inspectEnvironmentToken = async () => {
    if (!environment) return;
    setRevealError(null);
    setRevealError(await revealToken(environment));
  };
  const onDrop = (event: DragEvent<HTMLTextAreaElement>) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) void file.text().then(setInput);
    else setInput(event.dataTransfer.getData('text/plain'));
  };

  return (
    <section aria-labelledby="jwt-title" className="jwt-panel">
      <div className="panel-toolbar">
        <h2 id="jwt-title" className="panel-title">
          JWT debugger
        </h2>
        <Badge tone="ok" title="The renderer has no network; tokens never leave this window">
          Offline
        </Badge>
        {environment && (
          <button type="button" className="button" onClick={() => void inspectEnvironmentToken()}>
            Inspect <SafeText text={environment.name} />
            ’s token
          </button>
        )}
      </div>
      {cleared && (
        <p className="notice" role="status">
          <SafeText text={cleared.environmentName} />
          ’s token was cleared from the debugger {CLEARED_BECAUSE[cleared.reason]}.{' '}
          <button type="button" className="link-button" onClick={dismissClearedNote}>
            Dismiss
          </button>
        </p>
      )}
      {revealError && <ErrorView error={revealError} />}
      {/* The workspace: token, decoded view and verification side by side on a wide window,
          stacked (token, verification, decoded) below that; the verdict stays in view. */}
      <div className="jwt-workspace">
        <div className="jwt-pane jwt-pane-token">
          <Field label="Token" className="stacked-field">
            {(field) => (
              <textarea
                {...field}
                className="input mono jwt-input"
                rows={5}
                spellCheck={false}
                autoComplete="off"
                placeholder="Paste or drop a JWT (a Bearer prefix and quotes are fine)"
                value={input}
                onChange={(event) => setInput(event.target.value)}
                onDrop={onDrop}
              />
            )}
          </Field>
          <EnvironmentAlarm match={tokenEnvironment} selected={environment} />
        </div>
        <div className="jwt-pane jwt-pane-verify">
          {inspection?.ok &&
            inspection.envelope === 'JWS' &&
            inspection.signature?.status !== 'none' &&
            tokenEnvironment.primary && (
              <SnapshotVerification
                token={input}
                kid={tokenEnvironment.facts?.kid ?? null}
                environment={tokenEnvironment.primary}
                skewMs={tokenEnvironment.skewMs}
                toleranceSec={toleranceSec}
                onVerdict={setSnapshotVerified}
              />
            )}
          {inspection?.ok && inspection.signature?.status !== 'none' ? (
            <KeyForm encrypted={inspection.envelope === 'JWE' && !decryption?.result.ok} />
          ) : (
            <p className="muted jwt-pane-empty">
              {inspection?.ok
                ? 'An unsecured token has no signature to verify.'
                : 'Paste a token to verify its signature or decrypt it.'}
            </p>
          )}
          <Verdict />
        </div>
        <div className="jwt-pane jwt-pane-decoded">
          {inspection ? (
            layers(inspection).map((layer, index) => (
              <LayerView key={index} inspection={layer} verified={index === 0 && verified} />
            ))
          ) : (
            <p className="muted jwt-pane-empty">
              The decoded header and claims appear here, explained, with the linter’s findings.
            </p>
          )}
          {inspection?.ok && (
            <>
              <CompareView />
              <ShareActions inspection={inspection} />
            </>
          )}
          <WatchList />
        </div>
      </div>
    </section>
  );
}
