import { jweAlgorithm, jweEncryption, jwsAlgorithm } from '../keys/algorithms';
import { explainMembers, listMeaning, stringMeaning, type MemberDoc } from './members';
import { isJsonObject, jsonTypeName, preview } from '../encoding/json';
import type { ClaimExplanation, JsonObject, JsonValue } from '../types';

const R7515 = 'RFC 7515 §4.1';
const R7516 = 'RFC 7516 §4.1';
const NO_TIME: ReadonlySet<string> = new Set();

function algMeaning(value: JsonValue): string {
  return stringMeaning(value, (s) => {
    const info = jwsAlgorithm(s) ?? jweAlgorithm(s);
    if (info !== undefined) return `${s}: ${info.description}.`;
    if (s.toLowerCase() === 'none')
      return `"${s}" is a spelling variant of "none": alg values are case-sensitive.`;
    return `"${s}" is not an algorithm Keysmith knows.`;
  });
}

function typMeaning(value: JsonValue): string {
  return stringMeaning(value, (s) => {
    const t = s.toLowerCase().replace(/^application\//, '');
    if (t === 'jwt') return 'A JWT.';
    if (t === 'at+jwt') return 'An OAuth 2.0 access token in the JWT profile (RFC 9068).';
    if (t === 'dpop+jwt') return 'A DPoP proof (RFC 9449), not an access token.';
    if (t === 'secevent+jwt') return 'A Security Event Token (RFC 8417).';
    if (t === 'logout+jwt') return 'A logout token (OpenID Connect Back-Channel Logout).';
    if (t.endsWith('+jwt')) return `An explicitly typed JWT: "${s}".`;
    return `Media type "${s}".`;
  });
}

function keyMeaning(value: JsonValue): string {
  if (!isJsonObject(value)) return `Should be a JWK object, but is ${jsonTypeName(value)}.`;
  const kty = typeof value['kty'] === 'string' ? value['kty'] : '?';
  const crv = typeof value['crv'] === 'string' ? ` ${value['crv']}` : '';
  return `An embedded ${kty}${crv} key.`;
}

/** Every JOSE header parameter Keysmith explains (JWS and JWE). */
export const HEADER_DOCS: Readonly<Record<string, MemberDoc>> = {
  alg: {
    label: 'Algorithm',
    description: 'The signing (JWS) or key-management (JWE) algorithm, as the token claims it.',
    reference: `${R7515}.1`,
    category: 'registered',
    meaning: algMeaning,
  },
  typ: {
    label: 'Type',
    description: 'The media type of the whole token: what kind of JWT this is.',
    reference: `${R7515}.9`,
    category: 'registered',
    meaning: typMeaning,
  },
  cty: {
    label: 'Content type',
    description: 'The media type of the payload; "JWT" means the payload is itself a JWT.',
    reference: `${R7515}.10`,
    category: 'registered',
    meaning: (v) =>
      stringMeaning(v, (s) =>
        s.toUpperCase() === 'JWT' ? 'The payload is a nested JWT.' : `Payload of type "${s}".`,
      ),
  },
  kid: {
    label: 'Key ID',
    description: 'A hint naming the key that signed the token; untrusted input.',
    reference: `${R7515}.4`,
    category: 'registered',
    meaning: (v) =>
      stringMeaning(v, (s) => `Signed with the key named "${s}" (if the token tells the truth).`),
  },
  jku: {
    label: 'JWK Set URL',
    description: 'A URL of a key set the token says holds its key.',
    reference: `${R7515}.2`,
    category: 'registered',
    meaning: (v) => stringMeaning(v, (s) => `Points at ${s}. Keysmith never fetches it.`),
  },
  jwk: {
    label: 'JSON Web Key',
    description: 'The public key the token says it was signed with, embedded.',
    reference: `${R7515}.3`,
    category: 'registered',
    meaning: keyMeaning,
  },
  x5u: {
    label: 'X.509 URL',
    description: 'A URL of the certificate (chain) of the signing key.',
    reference: `${R7515}.5`,
    category: 'registered',
    meaning: (v) => stringMeaning(v, (s) => `Points at ${s}. Keysmith never fetches it.`),
  },
  x5c: {
    label: 'X.509 certificate chain',
    description: 'The certificate chain of the signing key, embedded (base64 DER).',
    reference: `${R7515}.6`,
    category: 'registered',
    meaning: (v) => listMeaning(v, 'certificate'),
  },
  x5t: {
    label: 'X.509 SHA-1 thumbprint',
    description: 'SHA-1 thumbprint of the signing certificate.',
    reference: `${R7515}.7`,
    category: 'registered',
  },
  'x5t#S256': {
    label: 'X.509 SHA-256 thumbprint',
    description: 'SHA-256 thumbprint of the signing certificate.',
    reference: `${R7515}.8`,
    category: 'registered',
  },
  crit: {
    label: 'Critical',
    description: 'Extensions the recipient must understand, or else reject the token.',
    reference: `${R7515}.11`,
    category: 'registered',
    meaning: (v) => listMeaning(v, 'critical extension'),
  },
  b64: {
    label: 'Base64url-encode payload',
    description: 'false means the payload is sent unencoded (RFC 7797).',
    reference: 'RFC 7797 §3',
    category: 'registered',
    meaning: (v) => (v === false ? 'The payload is not base64url-encoded.' : preview(v)),
  },
  enc: {
    label: 'Encryption',
    description: 'The content encryption algorithm of a JWE.',
    reference: `${R7516}.2`,
    category: 'registered',
    meaning: (v) =>
      stringMeaning(v, (s) => {
        const info = jweEncryption(s);
        return info === undefined
          ? `"${s}" is not an encryption Keysmith knows.`
          : `${s}: ${info.description}.`;
      }),
  },
  zip: {
    label: 'Compression',
    description: 'The plaintext was compressed before encryption ("DEF" = DEFLATE).',
    reference: `${R7516}.3`,
    category: 'registered',
  },
  epk: {
    label: 'Ephemeral public key',
    description: 'The sender’s one-time key for ECDH-ES key agreement.',
    reference: 'RFC 7518 §4.6.1.1',
    category: 'registered',
    meaning: keyMeaning,
  },
  apu: {
    label: 'Agreement PartyUInfo',
    description: 'ECDH-ES producer information.',
    reference: 'RFC 7518 §4.6.1.2',
    category: 'registered',
  },
  apv: {
    label: 'Agreement PartyVInfo',
    description: 'ECDH-ES recipient information.',
    reference: 'RFC 7518 §4.6.1.3',
    category: 'registered',
  },
  iv: {
    label: 'Key-wrap IV',
    description: 'The IV of AES-GCM key wrapping.',
    reference: 'RFC 7518 §4.7.1.1',
    category: 'registered',
  },
  tag: {
    label: 'Key-wrap tag',
    description: 'The tag of AES-GCM key wrapping.',
    reference: 'RFC 7518 §4.7.1.2',
    category: 'registered',
  },
  p2s: {
    label: 'PBES2 salt',
    description: 'The salt input of password-based key derivation.',
    reference: 'RFC 7518 §4.8.1.1',
    category: 'registered',
  },
  p2c: {
    label: 'PBES2 count',
    description: 'The PBKDF2 iteration count.',
    reference: 'RFC 7518 §4.8.1.2',
    category: 'registered',
  },
  url: {
    label: 'URL',
    description: 'The request URL this JWS is bound to (ACME).',
    reference: 'RFC 8555 §6.4',
    category: 'common',
  },
  nonce: {
    label: 'Nonce',
    description: 'A server nonce for replay protection (ACME).',
    reference: 'RFC 8555 §6.5',
    category: 'common',
  },
};

/** Explains every header parameter, in the order the issuer wrote them. */
export function explainHeader(header: JsonObject, now: number): readonly ClaimExplanation[] {
  return explainMembers(header, HEADER_DOCS, now, NO_TIME);
}
