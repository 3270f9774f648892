import { formatDateTime, formatIso } from '../../lib/format';

/** What the registered and common claims mean (RFC 7519 §4.1 and RFC 9068/8693). */
const CLAIM_NOTES: Readonly<Record<string, string>> = {
  iss: 'Issuer: who minted the token',
  sub: 'Subject: whom the token is about',
  aud: 'Audience: who must accept the token',
  exp: 'Expires at',
  nbf: 'Not valid before',
  iat: 'Issued at',
  jti: 'Unique token id',
  scope: 'Granted scopes',
  client_id: 'The client the token was issued to',
  azp: 'Authorised party',
  typ: 'Token type',
  alg: 'Signature algorithm',
  kid: 'Id of the signing key',
};

const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat', 'auth_time']);

function renderValue(name: string, value: unknown): { text: string; title?: string } {
  if (TIME_CLAIMS.has(name) && typeof value === 'number') {
    return { text: `${value} · ${formatDateTime(value * 1000)}`, title: formatIso(value * 1000) };
  }
  return { text: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** A JSON object (JWT header or claims) as a name / value / meaning table. */
export function ClaimsTable({
  caption,
  values,
  notes = {},
}: {
  caption: string;
  values: Readonly<Record<string, unknown>>;
  /** Explanations from the JWT module, when it provides them; they override the built-in ones. */
  notes?: Readonly<Record<string, string>>;
}) {
  const entries = Object.entries(values);
  return (
    <table className="kv-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => {
          const shown = renderValue(name, value);
          return (
            <tr key={name}>
              <th scope="row" className="mono">
                {name}
              </th>
              <td className="mono" title={shown.title}>
                {shown.text}
              </td>
              <td className="muted">{notes[name] ?? CLAIM_NOTES[name] ?? ''}</td>
            </tr>
          );
        })}
        {entries.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              (empty)
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
