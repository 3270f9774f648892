import { z } from 'zod';
import type { Credential } from '../../../shared/domain';

/** One credential as the API sends it (snake_case, no secret); unknown members are allowed. */
export const CredentialSchema = z.looseObject({
  id: z.string().min(1),
  client_id: z.string().min(1),
  name: z.string(),
  status: z.enum(['active', 'revoked']),
  expires_at: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  last_used_at: z.string().nullish(),
});

/** `{ data: [...] }` as the seed answers; a bare array is read the same way. */
export const ListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { data: value } : value),
  z.looseObject({ data: z.array(CredentialSchema) }),
);

/** The create response: a credential and, once, its secret. */
export const CreatedSchema = CredentialSchema.extend({
  client_secret: z.string().min(1).optional(),
});

/** A credential of the API in the app's camelCase shape. */
export function toCredential(json: z.infer<typeof CredentialSchema>): Credential {
  return {
    id: json.id,
    clientId: json.client_id,
    name: json.name,
    status: json.status,
    expiresAt: json.expires_at ?? null,
    createdAt: json.created_at,
    updatedAt: json.updated_at,
    lastUsedAt: json.last_used_at ?? null,
  };
}

// What zod calls an object: anything but null and arrays (JSON gives plain objects only).
function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullishString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** One list item, checked member by member exactly as CredentialSchema checks it, or null. */
function readCredential(item: unknown): Credential | null {
  if (!isObject(item)) return null;
  const { id, client_id: clientId, name, status } = item;
  const { expires_at: expiresAt, created_at: createdAt, updated_at: updatedAt } = item;
  const lastUsedAt = item['last_used_at'];
  if (
    typeof id !== 'string' ||
    id.length < 1 ||
    typeof clientId !== 'string' ||
    clientId.length < 1 ||
    typeof name !== 'string' ||
    (status !== 'active' && status !== 'revoked') ||
    !isNullishString(expiresAt) ||
    typeof createdAt !== 'string' ||
    typeof updatedAt !== 'string' ||
    !isNullishString(lastUsedAt)
  )
    return null;
  return {
    id,
    clientId,
    name,
    status,
    expiresAt: expiresAt ?? null,
    createdAt,
    updatedAt,
    lastUsedAt: lastUsedAt ?? null,
  };
}

/**
 * A parsed list body read by hand: the credentials when the body is one ListSchema accepts, or
 * null as soon as anything is off. The same checks as the schema, without copying every item
 * through it (that was about a fifth of a 10,000-credential list's time); on null the caller runs
 * ListSchema, which has the last word and words the error, so no invalid body gets through here
 * and every error reads as before.
 */
export function readCredentialList(value: unknown): Credential[] | null {
  const items = Array.isArray(value) ? value : isObject(value) ? value['data'] : undefined;
  if (!Array.isArray(items)) return null;
  const credentials: Credential[] = [];
  for (const item of items) {
    const credential = readCredential(item);
    if (credential === null) return null;
    credentials.push(credential);
  }
  return credentials;
}
