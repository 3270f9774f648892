import type { ClaimExplanation } from '@shared/jwt';
import './explained-table.css';

/** A value for the table: strings as they are, everything else as JSON. */
function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Values up to this length never wrap ("HS256", "credentials:read"); longer ones may, anywhere. */
const SHORT_VALUE = 24;

/** Header parameters or claims with what each is and what this value means, times shown three ways. */
export function ExplainedTable({
  caption,
  items,
}: {
  caption: string;
  items: readonly ClaimExplanation[];
}) {
  return (
    <table className="kv-table jwt-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const value = show(item.value);
          return (
            <tr key={item.name}>
              <th scope="row" className="mono" title={item.label ?? 'Private claim'}>
                {item.name}
              </th>
              <td className={`mono ${value.length <= SHORT_VALUE ? 'value-short' : ''}`}>
                {value}
                {item.time && (
                  <span className="jwt-times">
                    <span>{item.time.local ?? 'out of range'}</span>
                    <span>{item.time.utc ?? ''}</span>
                    <span>{item.time.relative}</span>
                  </span>
                )}
              </td>
              <td>
                {item.label && <strong>{item.label}. </strong>}
                <span className="muted">{item.meaning}</span>
                {item.description && <span className="jwt-description">{item.description}</span>}
              </td>
            </tr>
          );
        })}
        {items.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              (none)
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
