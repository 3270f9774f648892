import { useMemo } from 'react';
import { Field } from '../../components/field';
import { compareJwts } from '@shared/jwt';
import { useJwt } from './jwt-store';

const STATUS_LABEL = {
  same: 'same',
  changed: 'changed',
  'only-in-a': 'only in the first',
  'only-in-b': 'only in the second',
} as const;

function show(value: unknown): string {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** A second token compared with the first, claim by claim. */
export function CompareView() {
  const input = useJwt((state) => state.input);
  const other = useJwt((state) => state.compareWith);
  const setOther = useJwt((state) => state.setCompareWith);
  const comparison = useMemo(
    () => (other.trim() === '' ? null : compareJwts(input, other)),
    [input, other],
  );
  return (
    <section aria-labelledby="jwt-compare-title" className="jwt-section">
      <h3 id="jwt-compare-title">Compare with another token</h3>
      <Field label="Second token" className="stacked-field">
        {(field) => (
          <textarea
            {...field}
            className="input mono"
            rows={3}
            spellCheck={false}
            value={other}
            onChange={(event) => setOther(event.target.value)}
          />
        )}
      </Field>
      {comparison && !comparison.comparable && (
        <p className="field-error">
          {!comparison.a.ok
            ? `The first token cannot be read: ${comparison.a.error.message}`
            : !comparison.b.ok
              ? `The second token cannot be read: ${comparison.b.error.message}`
              : 'These tokens cannot be compared claim by claim.'}
        </p>
      )}
      {comparison?.comparable && (
        <table className="kv-table">
          <caption>
            Differences: {comparison.summary.changed} changed, {comparison.summary.onlyInA} only in
            the first, {comparison.summary.onlyInB} only in the second; signature{' '}
            {comparison.signature}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">First</th>
              <th scope="col">Second</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {[...comparison.header, ...comparison.payload].map((diff) => (
              <tr key={`${diff.location}-${diff.name}`} className={`diff-${diff.status}`}>
                <th scope="row" className="mono">
                  {diff.location === 'header' ? `header.${diff.name}` : diff.name}
                </th>
                <td className="mono">{show(diff.a)}</td>
                <td className="mono">{show(diff.b)}</td>
                <td>
                  {STATUS_LABEL[diff.status]}
                  {diff.deltaSec !== undefined && diff.deltaSec !== 0
                    ? ` (${diff.deltaSec} s)`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
