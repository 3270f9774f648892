import { useState } from 'react';
import type { AppError } from '@shared/errors';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { useSelectedEnvironment } from '../environments/environments-store';
import { useJwt } from './jwt-store';
import { safeLabel } from '../../components/safe-text';

/**
 * Where the verify form's key set comes from, fetched by main: the selected environment's own
 * JWKS, or a URL the person types, which main shows them in its own window before fetching.
 */
export function FetchKeys() {
  const environment = useSelectedEnvironment();
  const fetchJwks = useJwt((state) => state.fetchJwks);
  const [urlOpen, setUrlOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [fetching, setFetching] = useState<'environment' | 'url' | null>(null);
  const run = async (
    which: 'environment' | 'url',
    source: Parameters<typeof fetchJwks>[0],
  ): Promise<void> => {
    setFetching(which);
    setError(null);
    const failure = await fetchJwks(source);
    setFetching(null);
    setError(failure);
  };
  return (
    <div role="group" aria-label="Fetch a key set" className="jwt-fetch-keys">
      <div className="jwt-key-row">
        {environment && (
          <button
            type="button"
            className="button"
            disabled={fetching !== null}
            onClick={() => void run('environment', { environmentId: environment.id })}
          >
            {fetching === 'environment' ? 'Fetching…' : `Keys of ${safeLabel(environment.name)}`}
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-expanded={urlOpen}
          onClick={() => setUrlOpen(!urlOpen)}
        >
          Fetch from URL…
        </button>
      </div>
      {urlOpen && (
        <div className="jwt-key-row">
          <Field label="JWKS URL" className="inline-field grow">
            {(field) => (
              <input
                {...field}
                className="input"
                type="url"
                value={url}
                placeholder="https://issuer.example/.well-known/jwks.json"
                onChange={(event) => setUrl(event.target.value)}
              />
            )}
          </Field>
          <button
            type="button"
            className="button"
            disabled={fetching !== null || url.trim() === ''}
            onClick={() => void run('url', { url: url.trim() })}
          >
            {fetching === 'url' ? 'Waiting for your confirmation…' : 'Fetch keys'}
          </button>
        </div>
      )}
      <p className="muted">
        Keysmith never fetches keys on its own (no jku, x5u or issuer discovery). The app fetches
        them, not this page: an environment’s keys from its base URL at once, any other URL only
        after you confirm that exact URL in Keysmith’s own window.
      </p>
      {error && <ErrorView error={error} />}
    </div>
  );
}
