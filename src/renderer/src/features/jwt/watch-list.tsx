import { useEffect } from 'react';
import { formatCountdown } from '@shared/jwt';
import { formatDateTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ErrorView } from '../../components/error-view';
import { useIssuers } from '../fleet/use-issuers';
import { subscribeWatchListEvents, useWatchList } from './watch-list-store';

/** Pinned tokens with a live countdown; main shows a desktop notification before each expires. */
export function WatchList() {
  const { items, error, load, remove } = useWatchList();
  const now = useNow(1000);
  // A pinned token's exp is on its issuer's clock: moved onto ours when that clock is off.
  const { skewOfIssuer } = useIssuers();
  useEffect(() => {
    void load();
    return subscribeWatchListEvents();
  }, [load]);
  return (
    <section aria-labelledby="jwt-watch-title" className="jwt-section">
      <h3 id="jwt-watch-title">Watch list</h3>
      {error && <ErrorView error={error} onRetry={() => void load()} />}
      {items.length === 0 ? (
        <p className="muted">Pin a token to be reminded before it expires.</p>
      ) : (
        <ul className="watch-list" aria-label="Pinned tokens">
          {items.map((item) => {
            const left = (item.expiresAt - skewOfIssuer(item.issuer) - now) / 1000;
            return (
              <li key={item.id}>
                <strong>{item.label}</strong> <span className="muted">{item.issuer ?? ''}</span>{' '}
                <span className="mono">
                  {left > 0 ? `expires in ${formatCountdown(left)}` : 'expired'}
                </span>{' '}
                <span className="muted">
                  ({formatDateTime(item.expiresAt)}, reminder {item.warnMinutes} min before
                  {item.notifiedAt ? ', shown' : ''})
                </span>{' '}
                <button
                  type="button"
                  className="button"
                  onClick={() => void remove(item.id)}
                  aria-label={`Unpin ${item.label}`}
                >
                  Unpin
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
