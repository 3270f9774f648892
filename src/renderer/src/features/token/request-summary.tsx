import type { TokenRequestSummary } from '@shared/domain';
import { formatDateTime } from '../../lib/format';
import { ClaimsTable } from './claims-table';

/** How each client authentication method sends the client's proof, in words. */
const PROOF: Readonly<Record<TokenRequestSummary['clientAuth'], string>> = {
  client_secret_basic: 'client_secret_basic: the client_id and secret in the Authorization header',
  client_secret_post: 'client_secret_post: the client_id and secret in the form body',
  private_key_jwt: 'private_key_jwt: a client assertion signed with the key in the keychain',
};

/**
 * What the last token request sent, for comparing with a server's docs or another tool: method,
 * URL, how the client proved itself, every form parameter (the secret and the assertion only
 * named) and the header names. Never a secret, an assertion or a header value.
 */
export function RequestSummary({ request }: { request: TokenRequestSummary }) {
  return (
    <section className="request-summary" aria-labelledby="request-summary-heading">
      <h3 id="request-summary-heading">Token request</h3>
      <p className="mono">
        {request.method} {request.url}
      </p>
      <dl className="facts">
        <dt>Sent</dt>
        <dd>{formatDateTime(request.at)}</dd>
        <dt>Client authentication</dt>
        <dd>{PROOF[request.clientAuth]}</dd>
        <dt>Headers</dt>
        <dd className="mono">{request.headers.join(', ')}</dd>
      </dl>
      <table className="request-params">
        <caption className="visually-hidden">Form parameters</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {request.params.map((param, index) => (
            <tr key={`${param.name}-${index}`}>
              <th scope="row" className="mono">
                {param.name}
              </th>
              <td className="mono">
                {param.value ?? <em className="muted">{param.hidden} (not shown)</em>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {request.assertion && (
        <div className="claims-grid">
          <ClaimsTable caption="Assertion header" part="header" values={request.assertion.header} />
          <ClaimsTable caption="Assertion claims" part="claims" values={request.assertion.claims} />
        </div>
      )}
    </section>
  );
}
