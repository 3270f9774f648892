import { describeSkew, effectiveSkewMs } from '@shared/fleet/clock-skew';
import { useEnvironments, useSelectedEnvironment } from '../environments/environments-store';
import { useFleet } from './fleet-store';
import './fleet-shell.css';

/**
 * The status bar's word on server clocks: the selected environment's offset when it is past
 * 30 s (and that its token times are judged on that clock), and how many others are off.
 */
export function ClockSkewStatus() {
  const environment = useSelectedEnvironment();
  const environments = useEnvironments((state) => state.environments);
  const summaries = useFleet((state) => state.summaries);
  const skewed = summaries.filter((summary) => effectiveSkewMs(summary.clock) !== 0);
  if (skewed.length === 0) return null;
  const mine = skewed.find((summary) => summary.environmentId === environment?.id);
  const others = skewed.filter((summary) => summary !== mine);
  const names = others
    .map((summary) => environments.find((env) => env.id === summary.environmentId)?.name)
    .filter((name): name is string => name !== undefined);
  return (
    <span data-testid="clock-skew" className="clock-skew" role="status" aria-label="Server clock">
      {mine && environment && (
        <span
          title={`Measured from its Date header, ±${Math.round(mine.clock!.uncertaintyMs / 100) / 10} s. Token countdowns and expiry checks for ${environment.name} use its clock.`}
        >
          ⚠ {environment.name}’s server clock is {describeSkew(mine.clock!.offsetMs)}: its token
          times are adjusted
        </span>
      )}
      {names.length > 0 && (
        <span title={names.join(', ')}>
          {mine ? ' · ' : '⚠ '}
          {names.length === 1
            ? `${names[0]}’s server clock is off`
            : `${names.length} other server clocks are off`}
        </span>
      )}
    </span>
  );
}
