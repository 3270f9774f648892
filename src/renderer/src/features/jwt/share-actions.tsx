import { useState } from 'react';
import type { AppError } from '@shared/errors';
import type { JwtInspectionOk } from '@shared/jwt';
import { DEFAULT_MASKED_CLAIMS, redactJwt } from '@shared/jwt';
import { CopyButton } from '../../components/copy-button';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { copyText } from '../../lib/clipboard';
import { useWatchList } from './watch-list-store';

/** "Copy redacted" for tickets, and "pin" to the watch list for an expiry reminder. */
export function ShareActions({ inspection }: { inspection: JwtInspectionOk }) {
  const claimNames = inspection.claims.map((claim) => claim.name);
  const [masked, setMasked] = useState<readonly string[]>(() =>
    claimNames.filter((name) => DEFAULT_MASKED_CLAIMS.includes(name)),
  );
  const exp = inspection.payload?.form === 'claims' ? inspection.payload.claims['exp'] : undefined;
  const iss = inspection.payload?.form === 'claims' ? inspection.payload.claims['iss'] : undefined;
  const sub = inspection.payload?.form === 'claims' ? inspection.payload.claims['sub'] : undefined;
  const [label, setLabel] = useState(() => (typeof sub === 'string' ? sub : 'Pasted token'));
  const [warnMinutes, setWarnMinutes] = useState(5);
  const [pinError, setPinError] = useState<AppError | null>(null);
  const pinToken = useWatchList((state) => state.pin);
  const toggle = (name: string) =>
    setMasked((list) => (list.includes(name) ? list.filter((n) => n !== name) : [...list, name]));
  const pin = async () => {
    if (typeof exp !== 'number') return;
    setPinError(null);
    const error = await pinToken({
      label: label.trim() || 'Pasted token',
      expiresAt: Math.round(exp * 1000),
      issuer: typeof iss === 'string' ? iss : null,
      subject: typeof sub === 'string' ? sub : null,
      warnMinutes,
    });
    if (error) setPinError(error);
  };
  return (
    <section aria-labelledby="jwt-share-title" className="jwt-section">
      <h3 id="jwt-share-title">Share and track</h3>
      {claimNames.length > 0 && (
        <fieldset className="mask-list">
          <legend>Mask before copying</legend>
          {claimNames.map((name) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={masked.includes(name)}
                onChange={() => toggle(name)}
              />{' '}
              <span className="mono">{name}</span>
            </label>
          ))}
        </fieldset>
      )}
      <CopyButton
        label="Copy redacted (no signature)"
        copy={() => {
          const redacted = redactJwt(inspection.token, { maskClaims: masked });
          const text = redacted.ok
            ? `${redacted.text}\n${JSON.stringify({ header: redacted.header, payload: redacted.payload }, null, 2)}`
            : '';
          return copyText(text);
        }}
      />
      {typeof exp === 'number' && (
        <div className="jwt-key-row">
          <Field label="Pin as" className="inline-field grow">
            {(field) => (
              <input
                {...field}
                className="input"
                value={label}
                onChange={(event) => setLabel(event.target.value)}
              />
            )}
          </Field>
          <Field label="Remind (minutes before expiry)" className="inline-field">
            {(field) => (
              <input
                {...field}
                className="input"
                type="number"
                min={0}
                max={10_080}
                value={warnMinutes}
                onChange={(event) => setWarnMinutes(Math.max(0, Number(event.target.value) || 0))}
              />
            )}
          </Field>
          <button type="button" className="button" onClick={() => void pin()}>
            Pin to watch list
          </button>
        </div>
      )}
      <p className="muted">
        A pinned token keeps only its label, issuer, subject and expiry: the token itself is never
        stored.
      </p>
      {pinError && <ErrorView error={pinError} />}
    </section>
  );
}
