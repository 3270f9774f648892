import type { KeyDescription } from '@shared/jwt';
import { Badge } from '../../components/badge';
import { useJwt } from './jwt-store';

/** Which key did the work, in words. */
function keyLabel(key: KeyDescription | undefined): string {
  return key ? `${key.label}${key.matchedBy ? ` (matched by ${key.matchedBy})` : ''}` : '';
}

/**
 * The verdict on the pasted token: its signature checked, or its decryption. The workspace keeps
 * it in view (sticky) while the decoded header and claims scroll.
 */
export function Verdict() {
  const input = useJwt((state) => state.input);
  const verifying = useJwt((state) => state.verifying);
  const stored = useJwt((state) => state.verification);
  const decrypted = useJwt((state) => state.decryption);
  const verification = stored?.token === input ? stored.result : null;
  const decryption = decrypted?.token === input ? decrypted.result : null;
  if (!verification && !decryption && !verifying) return null;
  return (
    <div className="jwt-verdict-bar">
      {verifying && (
        <p role="status" aria-busy="true" className="muted">
          Checking…
        </p>
      )}
      {verification && (
        <div role="status" aria-label="Signature verdict" className="jwt-verdict">
          {verification.valid ? (
            <>
              <Badge tone="ok">Signature valid</Badge> {verification.algorithm} with{' '}
              {keyLabel(verification.key)}.
              {!verification.claimsValid && (
                <p>
                  <Badge tone="warning">Claims do not hold</Badge>{' '}
                  {verification.claimIssues.map((issue) => issue.message).join(' ')}
                </p>
              )}
            </>
          ) : (
            <>
              <Badge tone="danger">Signature invalid</Badge> {verification.reason}
            </>
          )}
        </div>
      )}
      {decryption && (
        <div role="status" aria-label="Decryption verdict" className="jwt-verdict">
          {decryption.ok ? (
            <>
              <Badge tone="ok">Decrypted</Badge> {decryption.algorithm} / {decryption.encryption}{' '}
              with {keyLabel(decryption.key)}.
            </>
          ) : (
            <>
              <Badge tone="danger">Not decrypted</Badge> {decryption.reason}
            </>
          )}
        </div>
      )}
    </div>
  );
}
