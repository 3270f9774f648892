import { finding } from './rules';
import { jsonTypeName, preview } from '../encoding/json';
import type { JsonObject, LintFinding } from '../types';

// Registered header names may not be listed in crit (RFC 7515 §4.1.11).
const REGISTERED_HEADERS = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
]);

// Path traversal, an absolute path, quotes and SQL comment, shell and markup metacharacters, a URL.
// Plain "/" "+" "=" are left alone: some issuers (e.g. Amazon Cognito) use standard base64 kids.
const SUSPICIOUS_KID = /\.\.[/\\]|^[/\\]|['";`|<>]|--|\$\(|^[a-z][a-z0-9+.-]*:\/\//i;

function lintCrit(header: JsonObject): LintFinding | null {
  const crit = header['crit'];
  if (crit === undefined) return null;
  const at = { segment: 'header', claim: 'crit' } as const;
  if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string'))
    return finding('crit-invalid', 'crit must be a non-empty array of header parameter names.', at);
  const names = crit as readonly string[];
  const registered = names.filter((n) => REGISTERED_HEADERS.has(n));
  if (registered.length > 0)
    return finding(
      'crit-invalid',
      `crit lists registered parameters (${registered.join(', ')}), which it must not.`,
      at,
    );
  const absent = names.filter((n) => !Object.hasOwn(header, n));
  if (absent.length > 0)
    return finding(
      'crit-invalid',
      `crit names ${absent.join(', ')}, which the header does not contain.`,
      at,
    );
  const unknown = names.filter((n) => n !== 'b64');
  return finding(
    'header-crit',
    unknown.length === 0
      ? `crit lists ${names.join(', ')}: a recipient that does not implement these extensions must reject the token.`
      : `crit lists ${names.join(', ')}: a recipient that does not implement them must reject the token. Keysmith (jose) implements only b64, so verification will refuse ${unknown.join(', ')}.`,
    at,
  );
}

function lintTyp(header: JsonObject, envelope: 'JWS' | 'JWE'): LintFinding | null {
  const typ = header['typ'];
  const at = { segment: 'header', claim: 'typ' } as const;
  if (typ === undefined) {
    return envelope === 'JWS'
      ? finding(
          'typ-missing',
          'Without typ, a verifier cannot tell this kind of JWT from another one signed by the same key (e.g. an ID token passed off as an access token). Explicit types like "at+jwt" prevent that.',
          at,
        )
      : null;
  }
  if (typeof typ !== 'string')
    return finding('typ-unusual', `typ must be a string, but is ${jsonTypeName(typ)}.`, at);
  const lower = typ.toLowerCase();
  const short = lower.replace(/^application\//, '');
  if (short === 'jwt' || short.endsWith('+jwt')) {
    return lower.startsWith('application/')
      ? finding(
          'typ-application-prefix',
          `typ is "${typ}"; the "application/" prefix should be omitted ("${typ.slice(12)}").`,
          at,
        )
      : null;
  }
  const jose = short === 'jose' || short === 'jose+json';
  return finding(
    'typ-unusual',
    jose
      ? `typ "${typ}" marks a generic JOSE object, not a JWT: a JWT uses "JWT" or an explicit type such as "at+jwt".`
      : `typ "${typ}" is not a JWT media type: a JWT uses "JWT" or an explicit type such as "at+jwt" (RFC 9068), so a verifier expecting one kind of token can refuse the others.`,
    at,
  );
}

/** Findings about header parameters that steer key selection or processing (RFC 8725 §3.10, §3.11). */
export function lintHeaderParams(
  header: JsonObject,
  envelope: 'JWS' | 'JWE',
): readonly LintFinding[] {
  const out: LintFinding[] = [];
  const kid = header['kid'];
  if (kid !== undefined) {
    const at = { segment: 'header', claim: 'kid' } as const;
    out.push(
      finding(
        'header-kid',
        `kid "${preview(kid, 60)}" only tells a verifier which of its own keys to try. It comes from the token, so an attacker controls it: it must be looked up in a trusted key set, never used in a file path, a query or a URL.`,
        at,
      ),
    );
    if (
      typeof kid !== 'string' ||
      SUSPICIOUS_KID.test(kid) ||
      kid.includes('\0') ||
      kid.length > 256
    )
      out.push(
        finding(
          'kid-suspicious',
          typeof kid !== 'string'
            ? `kid should be a string, but is ${jsonTypeName(kid)}.`
            : `kid "${preview(kid, 60)}" contains characters used in path traversal, SQL or command injection, or a URL. Verifiers that use kid to build a lookup can be tricked by it.`,
          at,
        ),
      );
  }
  for (const [name, what] of [
    ['jku', 'key set'],
    ['x5u', 'certificate'],
  ] as const) {
    if (header[name] !== undefined)
      out.push(
        finding(
          name === 'jku' ? 'header-jku' : 'header-x5u',
          `The token points at its own ${what}: ${preview(header[name] ?? null, 100)}. A verifier that fetches it lets the token choose the key that verifies it, and can be made to call internal hosts (SSRF). Keysmith never fetches it: verify with keys you supply.`,
          { segment: 'header', claim: name },
        ),
      );
  }
  if (header['jwk'] !== undefined)
    out.push(
      finding(
        'header-jwk',
        'The token carries the key to verify it with. Anyone can sign with their own key and embed it; a verifier that trusts the embedded key accepts every forgery. Keysmith never verifies with it.',
        { segment: 'header', claim: 'jwk' },
      ),
    );
  const x5c = header['x5c'];
  if (x5c !== undefined)
    out.push(
      finding(
        'header-x5c',
        `The token embeds ${Array.isArray(x5c) ? `${x5c.length} certificate${x5c.length === 1 ? '' : 's'}` : 'a certificate chain'}. It proves nothing unless the chain is validated against a trust anchor you chose and names the expected issuer; Keysmith does not validate chains (you may paste a certificate you trust as a PEM key).`,
        { segment: 'header', claim: 'x5c' },
      ),
    );
  const crit = lintCrit(header);
  if (crit !== null) out.push(crit);
  if (header['b64'] === false)
    out.push(
      finding(
        'b64-unencoded',
        Array.isArray(header['crit']) && header['crit'].includes('b64')
          ? 'The payload is not base64url-encoded (RFC 7797); the signature covers it as is.'
          : 'b64 is false but not listed in crit: recipients that do not know RFC 7797 will misread the payload. RFC 7797 requires crit to include b64.',
        { segment: 'header', claim: 'b64' },
      ),
    );
  const typ = lintTyp(header, envelope);
  if (typ !== null) out.push(typ);
  return out;
}
