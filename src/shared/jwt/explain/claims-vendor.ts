import { listMeaning, str, type MemberDoc } from './members';
import { isJsonObject, preview } from '../encoding/json';

const ENTRA = 'Microsoft Entra ID token claims reference';

/** Claims of widely used issuers (Microsoft Entra, Keycloak, Auth0, Okta, Amazon Cognito) that Keysmith explains. */
export const VENDOR_CLAIM_DOCS: Readonly<Record<string, MemberDoc>> = {
  scp: {
    label: 'Scopes',
    description: 'The OAuth scopes granted (Microsoft, Okta: string or array).',
    reference: ENTRA,
    category: 'common',
    meaning: (v) => listMeaning(v, 'scope'),
  },
  appid: {
    label: 'Application ID',
    description: 'The client the token was issued to (Microsoft v1 tokens).',
    reference: ENTRA,
    category: 'common',
    meaning: str((s) => `Issued to the application "${s}".`),
  },
  permissions: {
    label: 'Permissions',
    description: 'Permissions granted (Auth0 RBAC).',
    reference: 'Auth0 RBAC documentation',
    category: 'common',
    meaning: (v) => listMeaning(v, 'permission'),
  },
  tid: {
    label: 'Tenant ID',
    description: 'The Microsoft Entra tenant that issued the token.',
    reference: ENTRA,
    category: 'common',
    meaning: str((s) => `Tenant ${s}.`),
  },
  oid: {
    label: 'Object ID',
    description: 'The immutable id of the user or service principal in the tenant.',
    reference: ENTRA,
    category: 'common',
    meaning: str((s) => `Directory object ${s}.`),
  },
  idtyp: {
    label: 'Identity type',
    description: 'Whether the token is for an app or a user (Microsoft).',
    reference: ENTRA,
    category: 'common',
    meaning: str((s) =>
      s === 'app' ? 'An app-only (client-credentials) token.' : `Identity type "${s}".`,
    ),
  },
  upn: {
    label: 'User principal name',
    description: 'The user’s sign-in name (Microsoft); not guaranteed unique or stable.',
    reference: ENTRA,
    category: 'common',
  },
  unique_name: {
    label: 'Unique name',
    description: 'A display identifier of the user (Microsoft v1); not for authorisation.',
    reference: ENTRA,
    category: 'common',
  },
  ver: {
    label: 'Version',
    description: 'The token format version (Microsoft: "1.0" or "2.0").',
    reference: ENTRA,
    category: 'common',
  },
  typ: {
    label: 'Token type (claim)',
    description: 'The token type stated inside the payload (e.g. Keycloak "Bearer", "ID").',
    reference: 'Keycloak token format',
    category: 'common',
  },
  gty: {
    label: 'Grant type',
    description: 'The OAuth grant that produced the token (Auth0).',
    reference: 'Auth0 access token profile',
    category: 'common',
  },
  token_use: {
    label: 'Token use',
    description: 'Whether this is an "access" or an "id" token (Amazon Cognito).',
    reference: 'Amazon Cognito token reference',
    category: 'common',
  },
  cid: {
    label: 'Client ID (Okta)',
    description: 'The client the token was issued to (Okta).',
    reference: 'Okta access token claims',
    category: 'common',
  },
  uid: {
    label: 'User ID (Okta)',
    description: 'The user’s id (Okta).',
    reference: 'Okta access token claims',
    category: 'common',
  },
  realm_access: {
    label: 'Realm roles',
    description: 'Roles granted in the Keycloak realm.',
    reference: 'Keycloak token format',
    category: 'common',
    meaning: (v) => (isJsonObject(v) ? listMeaning(v['roles'] ?? [], 'role') : preview(v)),
  },
  resource_access: {
    label: 'Client roles',
    description: 'Roles granted per client (Keycloak).',
    reference: 'Keycloak token format',
    category: 'common',
    meaning: (v) =>
      isJsonObject(v)
        ? `Roles for ${Object.keys(v).length} client(s): ${Object.keys(v).join(', ')}.`
        : preview(v),
  },
};
