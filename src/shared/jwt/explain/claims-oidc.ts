import { str, timeDoc, type MemberDoc } from './members';
import { jsonTypeName, preview } from '../encoding/json';
import type { JsonValue } from '../types';

const OIDC = 'OpenID Connect Core 1.0 §2';

const AMR_VALUES: Readonly<Record<string, string>> = {
  pwd: 'password',
  mfa: 'multiple factors',
  otp: 'one-time password',
  hwk: 'hardware-bound key',
  swk: 'software-bound key',
  sms: 'SMS code',
  fpt: 'fingerprint',
  face: 'facial recognition',
  pin: 'PIN',
  rsa: 'RSA key',
  kba: 'knowledge-based',
  user: 'user presence',
  wia: 'Windows integrated auth',
};

function amrMeaning(value: JsonValue): string {
  if (!Array.isArray(value)) return `Should be an array of strings, but is ${jsonTypeName(value)}.`;
  const named = value.map((v) =>
    typeof v === 'string' && Object.hasOwn(AMR_VALUES, v)
      ? `${v} (${AMR_VALUES[v]})`
      : preview(v, 30),
  );
  return `Authenticated with: ${named.join(', ') || 'nothing listed'}.`;
}

/** The OpenID Connect claims Keysmith explains (ID tokens and user info). */
export const OIDC_CLAIM_DOCS: Readonly<Record<string, MemberDoc>> = {
  email: {
    label: 'Email',
    description: 'The subject’s email address; do not use it as an identifier.',
    reference: OIDC,
    category: 'common',
  },
  email_verified: {
    label: 'Email verified',
    description: 'Whether the issuer verified the email address.',
    reference: OIDC,
    category: 'common',
  },
  name: {
    label: 'Name',
    description: 'The subject’s full name.',
    reference: OIDC,
    category: 'common',
  },
  given_name: {
    label: 'Given name',
    description: 'First name.',
    reference: OIDC,
    category: 'common',
  },
  family_name: {
    label: 'Family name',
    description: 'Surname.',
    reference: OIDC,
    category: 'common',
  },
  preferred_username: {
    label: 'Preferred username',
    description: 'A display username; not unique, not for authorisation.',
    reference: OIDC,
    category: 'common',
  },
  nonce: {
    label: 'Nonce',
    description: 'Ties an ID token to the login request that sent this nonce (replay protection).',
    reference: OIDC,
    category: 'common',
  },
  auth_time: timeDoc(
    'Authentication time',
    'When the user last actually authenticated.',
    OIDC,
    (s) => (s > 0 ? 'Claims authentication in the future,' : 'Authenticated'),
    'common',
  ),
  acr: {
    label: 'Authentication context class',
    description: 'How strong the authentication was (e.g. a level or "mfa").',
    reference: OIDC,
    category: 'common',
    meaning: str((s) =>
      s === '0'
        ? 'Level 0: does not meet ISO 29115 level 1 (e.g. a long-lived cookie).'
        : `Class "${s}".`,
    ),
  },
  amr: {
    label: 'Authentication methods',
    description: 'The methods the user authenticated with.',
    reference: 'RFC 8176',
    category: 'common',
    meaning: amrMeaning,
  },
  sid: {
    label: 'Session ID',
    description: 'The login session this token belongs to (used for logout).',
    reference: 'OpenID Connect Front-Channel Logout §3',
    category: 'common',
  },
  at_hash: {
    label: 'Access token hash',
    description: 'Half of the hash of the access token issued with this ID token.',
    reference: 'OpenID Connect Core 1.0 §3.1.3.6',
    category: 'common',
  },
  c_hash: {
    label: 'Code hash',
    description: 'Half of the hash of the authorization code issued with this ID token.',
    reference: 'OpenID Connect Core 1.0 §3.3.2.11',
    category: 'common',
  },
  updated_at: timeDoc(
    'Updated at',
    'When the user’s profile was last updated.',
    OIDC,
    (s) => (s > 0 ? 'Updated (in the future)' : 'Updated'),
    'common',
  ),
};
