import { useId } from 'react';
import { looksLikeSecretHeader } from '@shared/secret-header-rules';
import { headerRow, renameRow, type HeaderRow } from './environment-form-model';

/** The placeholder of a header's value field, which says where a secret one is. */
function valuePlaceholder(row: HeaderRow): string | undefined {
  if (!row.secret) return undefined;
  if (row.stale) return 'paste again: the endpoint or kind changed';
  return row.kept ? 'in the keychain (unchanged)' : 'kept in the keychain';
}

/**
 * The extra headers of an environment, one row each. A row marked secret keeps its value in the
 * OS keychain only and shows it masked; names like *key*, *secret* or *token* propose it.
 */
export function HeaderRows({
  rows,
  error,
  onChange,
}: {
  rows: readonly HeaderRow[];
  error?: string;
  onChange: (rows: readonly HeaderRow[]) => void;
}) {
  const hintId = useId();
  const errorId = useId();
  const replace = (key: string, next: HeaderRow) =>
    onChange(rows.map((row) => (row.key === key ? next : row)));
  return (
    <fieldset
      className="span-2 fieldset-plain header-rows"
      aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
    >
      <legend>Extra headers (optional)</legend>
      <p id={hintId} className="field-hint">
        Sent with every request. A secret header’s value goes to the OS keychain only and is never
        shown again; names with key, secret or token are secret unless you untick it. Authorization
        is set by Keysmith itself: send an API key under its own name, e.g. X-Api-Key.
      </p>
      {rows.map((row, index) => {
        const label = row.name.trim() || `header ${index + 1}`;
        return (
          <div key={row.key} className="header-row" role="group" aria-label={`Header ${index + 1}`}>
            <input
              className="input mono"
              aria-label="Header name"
              aria-invalid={Boolean(error)}
              spellCheck={false}
              placeholder="X-Api-Version"
              value={row.name}
              onChange={(e) => replace(row.key, renameRow(row, e.target.value))}
            />
            <input
              className="input mono"
              aria-label={`Value of ${label}`}
              type={row.secret ? 'password' : 'text'}
              autoComplete="off"
              spellCheck={false}
              placeholder={valuePlaceholder(row)}
              value={row.value}
              onChange={(e) => replace(row.key, { ...row, value: e.target.value })}
            />
            <label className="check header-secret">
              <input
                type="checkbox"
                checked={row.secret}
                onChange={(e) =>
                  replace(row.key, { ...row, secret: e.target.checked, secretChosen: true })
                }
              />
              Secret
            </label>
            <button
              type="button"
              className="button"
              aria-label={`Remove ${label}`}
              onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            >
              Remove
            </button>
            {!row.secret && looksLikeSecretHeader(row.name) && (
              <p className="field-hint header-row-note">
                {label} looks like a secret: tick Secret to keep its value in the keychain.
              </p>
            )}
            {row.stale && (
              <p className="field-error header-row-note">
                Enter the value of {label} again: Keysmith sends it nowhere until you do.
              </p>
            )}
          </div>
        );
      })}
      <button type="button" className="button" onClick={() => onChange([...rows, headerRow()])}>
        Add header
      </button>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
