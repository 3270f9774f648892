import { OIDC_CLAIM_DOCS } from './claims-oidc';
import { VENDOR_CLAIM_DOCS } from './claims-vendor';
import {
  explainMembers,
  listMeaning,
  str,
  stringMeaning,
  timeDoc,
  type MemberDoc,
} from './members';
import { isJsonObject, jsonTypeName, preview } from '../encoding/json';
import type { ClaimExplanation, JsonObject, JsonValue } from '../types';

const R7519 = 'RFC 7519 §4.1';
const OIDC = 'OpenID Connect Core 1.0 §2';

function audMeaning(value: JsonValue): string {
  if (typeof value === 'string')
    return `Meant only for "${value}": any other recipient must reject it.`;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'An empty list: no recipient should accept this token.';
    return `Meant for ${value.length} audience${value.length === 1 ? '' : 's'} (${value.map((v) => preview(v, 40)).join(', ')}); each recipient must find itself in the list.`;
  }
  return `Should be a string or an array of strings, but is ${jsonTypeName(value)}.`;
}

function subMeaning(value: JsonValue, members: JsonObject): string {
  return stringMeaning(value, (s) => {
    const client = members['client_id'] ?? members['azp'] ?? members['appid'];
    const same =
      typeof client === 'string' && client === s
        ? ' It equals the client id: typical of a client-credentials token, where the client acts for itself.'
        : '';
    return `The token is about "${s}".${same}`;
  });
}

function cnfMeaning(value: JsonValue): string {
  if (!isJsonObject(value)) return `Should be an object, but is ${jsonTypeName(value)}.`;
  const parts: string[] = [];
  if (typeof value['jkt'] === 'string')
    parts.push(`bound to a DPoP key with thumbprint ${value['jkt']} (RFC 9449)`);
  if (typeof value['x5t#S256'] === 'string')
    parts.push(
      `bound to a client TLS certificate with SHA-256 thumbprint ${value['x5t#S256']} (RFC 8705)`,
    );
  if (value['jwk'] !== undefined) parts.push('bound to the embedded key (RFC 7800)');
  if (typeof value['kid'] === 'string') parts.push(`bound to key "${value['kid']}" (RFC 7800)`);
  return parts.length === 0
    ? `Proof-of-possession confirmation: ${preview(value)}.`
    : `Sender-constrained: ${parts.join('; ')}. Only the holder of that key may use this token.`;
}

function actMeaning(value: JsonValue): string {
  if (!isJsonObject(value)) return `Should be an object, but is ${jsonTypeName(value)}.`;
  const chain: string[] = [];
  let current: JsonValue | undefined = value;
  while (isJsonObject(current) && chain.length < 10) {
    chain.push(typeof current['sub'] === 'string' ? `"${current['sub']}"` : preview(current, 40));
    current = current['act'];
  }
  return `Delegation: ${chain[0]} acts on behalf of the subject${chain.length > 1 ? ` (earlier actors: ${chain.slice(1).join(' ← ')})` : ''}.`;
}

/** Every claim Keysmith explains: the registered ones of RFC 7519 and the common ones of OAuth, OIDC and big issuers. */
export const CLAIM_DOCS: Readonly<Record<string, MemberDoc>> = {
  iss: {
    label: 'Issuer',
    description: 'Who issued and signed the token.',
    reference: `${R7519}.1`,
    category: 'registered',
    meaning: str((s) =>
      /^https:\/\//.test(s)
        ? `Issued by ${s}. Its keys are usually listed in its discovery metadata (Keysmith never fetches it on its own).`
        : `Issued by "${s}".`,
    ),
  },
  sub: {
    label: 'Subject',
    description: 'Whom the token is about: a user, or the client itself.',
    reference: `${R7519}.2`,
    category: 'registered',
    meaning: (v, ctx) => subMeaning(v, ctx.members),
  },
  aud: {
    label: 'Audience',
    description: 'The recipients the token is meant for.',
    reference: `${R7519}.3`,
    category: 'registered',
    meaning: audMeaning,
  },
  exp: timeDoc(
    'Expiration time',
    'After this moment the token must be rejected.',
    `${R7519}.4`,
    (s) => (s > 0 ? 'Expires' : 'Expired'),
  ),
  nbf: timeDoc('Not before', 'Before this moment the token must be rejected.', `${R7519}.5`, (s) =>
    s > 0 ? 'Becomes valid' : 'Valid since',
  ),
  iat: timeDoc('Issued at', 'When the token was issued.', `${R7519}.6`, (s) =>
    s > 0 ? 'Claims to be issued in the future,' : 'Issued',
  ),
  jti: {
    label: 'JWT ID',
    description: 'A unique identifier, so recipients can detect replays.',
    reference: `${R7519}.7`,
    category: 'registered',
    meaning: str((s) => `Token id "${s}".`),
  },
  scope: {
    label: 'Scope',
    description: 'The OAuth scopes granted, space-separated.',
    reference: 'RFC 8693 §4.2, RFC 9068 §2.2.3',
    category: 'common',
    meaning: (v) => listMeaning(v, 'scope'),
  },
  client_id: {
    label: 'Client ID',
    description: 'The OAuth client the token was issued to.',
    reference: 'RFC 8693 §4.3, RFC 9068 §2.2',
    category: 'common',
    meaning: str((s) => `Issued to the client "${s}".`),
  },
  azp: {
    label: 'Authorized party',
    description: 'The client the token was issued to (OpenID Connect).',
    reference: OIDC,
    category: 'common',
    meaning: str((s) => `Issued to the client "${s}".`),
  },
  act: {
    label: 'Actor',
    description: 'Who is acting on behalf of the subject (token exchange).',
    reference: 'RFC 8693 §4.1',
    category: 'common',
    meaning: actMeaning,
  },
  may_act: {
    label: 'May act',
    description: 'Who is allowed to act on behalf of the subject.',
    reference: 'RFC 8693 §4.4',
    category: 'common',
  },
  cnf: {
    label: 'Confirmation',
    description: 'Binds the token to a key the presenter must prove it holds.',
    reference: 'RFC 7800 §3.1',
    category: 'common',
    meaning: cnfMeaning,
  },
  roles: {
    label: 'Roles',
    description: 'Roles granted to the subject or the application.',
    reference: 'RFC 9068 §2.2.3.1, RFC 7643 §4.1.2',
    category: 'common',
    meaning: (v) => listMeaning(v, 'role'),
  },
  groups: {
    label: 'Groups',
    description: 'Groups the subject belongs to.',
    reference: 'RFC 9068 §2.2.3.1, RFC 7643 §4.1.2',
    category: 'common',
    meaning: (v) => listMeaning(v, 'group'),
  },
  entitlements: {
    label: 'Entitlements',
    description: 'Entitlements granted to the subject.',
    reference: 'RFC 9068 §2.2.3.1',
    category: 'common',
    meaning: (v) => listMeaning(v, 'entitlement'),
  },
  events: {
    label: 'Events',
    description: 'The events a Security Event Token reports.',
    reference: 'RFC 8417 §2.2',
    category: 'common',
  },
  ...OIDC_CLAIM_DOCS,
  ...VENDOR_CLAIM_DOCS,
};

/** Explains every claim of a claims set, in the order the issuer wrote them. */
export function explainClaims(claims: JsonObject, now: number): readonly ClaimExplanation[] {
  return explainMembers(claims, CLAIM_DOCS, now);
}
