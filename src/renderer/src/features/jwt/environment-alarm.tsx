import type { CSSProperties } from 'react';
import { describeSkew } from '@shared/fleet/clock-skew';
import type { MatchReason } from '@shared/fleet/matcher';
import { WarningIcon } from '../../components/icons';
import type { EnvironmentView } from '../../lib/domain';
import { environmentColour, KIND_LABELS, readableTextOn } from '../environments/env-colour';
import type { TokenEnvironment } from './use-token-environment';
import './token-origin.css';

const REASONS: Readonly<Record<MatchReason, string>> = {
  client_id: 'its client',
  kid: 'its key id (kid)',
  issuer: 'its issuer (iss)',
  audience: 'its audience (aud)',
};

/** "its issuer (iss) and its key id (kid)". */
function because(reasons: readonly MatchReason[]): string {
  const words = reasons.map((reason) => REASONS[reason]);
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * The wrong-environment alarm: a banner in the colour of the environment a pasted token comes
 * from ("This is a PRODUCTION token from Payments prod"), and a warning when that is not the
 * environment selected in the app.
 */
export function EnvironmentAlarm({
  match,
  selected,
}: {
  match: TokenEnvironment;
  selected: EnvironmentView | null;
}) {
  if (match.facts === null || match.matches.length === 0) return null;
  const fromSelected =
    selected !== null && match.matches.some((item) => item.environment.id === selected.id);
  return (
    <div className="token-origin" aria-label="Where this token comes from">
      {match.matches.map(({ environment, reasons }) => {
        const colour = environmentColour(environment);
        const production = environment.kind === 'production';
        const style = {
          '--env-colour': colour,
          '--env-text': readableTextOn(colour),
        } as CSSProperties;
        return (
          <div
            key={environment.id}
            role={production ? 'alert' : 'status'}
            className={`token-origin-banner ${production ? 'token-origin-production' : ''}`}
            style={style}
            data-environment-id={environment.id}
          >
            {production && <WarningIcon />}
            <strong>
              This is a {production ? 'PRODUCTION' : KIND_LABELS[environment.kind].toLowerCase()}{' '}
              token from {environment.name}
            </strong>
            <span className="token-origin-why"> — matched by {because(reasons)}.</span>
            {environment.id === match.primary?.id && match.skewMs !== 0 && (
              <span className="token-origin-why">
                {' '}
                Its times are read on {environment.name}’s server clock (
                {describeSkew(match.skewMs)}).
              </span>
            )}
          </div>
        );
      })}
      {selected !== null && !fromSelected && (
        <p role="alert" className="token-origin-mismatch">
          <WarningIcon /> The selected environment is {selected.name} ({KIND_LABELS[selected.kind]}
          ), but this token is not from it.
        </p>
      )}
    </div>
  );
}
