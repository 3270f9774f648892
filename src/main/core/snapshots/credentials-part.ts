import { z } from 'zod';
import type { Credential } from '../../../shared/domain';
import { secretShapeOf } from '../secrets/secret-shape';

/** The most credentials a snapshot keeps per environment (a list of 25,000 is about 8 MiB). */
export const MAX_SNAPSHOT_CREDENTIALS = 25_000;
/** The longest identifier or name kept; a longer one is clipped (names) or dropped (ids). */
export const MAX_TEXT = 200;

/** An environment's last credentials list (`snapshots/<id>.credentials.json`): no secret in it. */
export interface CredentialsPart {
  /** The base URL the list came from: a snapshot of another server is not this environment's. */
  readonly source: string;
  readonly fetchedAt: number;
  /** The list was longer than `MAX_SNAPSHOT_CREDENTIALS`: only its first credentials are kept. */
  readonly truncated: boolean;
  readonly items: readonly Credential[];
}

/** The few numbers of a list the small snapshot file keeps, so summaries never read the list. */
export interface CredentialsHead {
  readonly source: string;
  readonly fetchedAt: number;
  readonly truncated: boolean;
  readonly count: number;
  readonly active: number;
}

const Text = z.string().max(4096);
const CredentialSchema = z.strictObject({
  id: Text,
  clientId: Text,
  name: Text,
  status: z.enum(['active', 'revoked']),
  expiresAt: Text.nullable(),
  createdAt: Text,
  updatedAt: Text,
  lastUsedAt: Text.nullable(),
});
const CredentialsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  environmentId: Text,
  source: Text,
  fetchedAt: z.number(),
  truncated: z.boolean(),
  items: z.array(CredentialSchema).max(MAX_SNAPSHOT_CREDENTIALS),
});

/** A string a snapshot may keep: short, and not shaped like a secret or a token; else null. */
export function cleanText(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_TEXT && secretShapeOf(value) === null
    ? value
    : null;
}

/** The credential's fields a snapshot keeps, or null when its identifiers are unusable or secret-shaped. */
export function snapshotCredential(credential: Credential): Credential | null {
  const id = cleanText(credential.id);
  const clientId = cleanText(credential.clientId);
  if (id === null || clientId === null) return null;
  const name = credential.name.slice(0, MAX_TEXT);
  return {
    id,
    clientId,
    name: secretShapeOf(name) === null ? name : '(name hidden: it looks like a secret)',
    status: credential.status === 'revoked' ? 'revoked' : 'active',
    expiresAt: credential.expiresAt === null ? null : cleanText(credential.expiresAt),
    createdAt: cleanText(credential.createdAt) ?? '',
    updatedAt: cleanText(credential.updatedAt) ?? '',
    lastUsedAt: credential.lastUsedAt === null ? null : cleanText(credential.lastUsedAt),
  };
}

/** The list bounded to `MAX_SNAPSHOT_CREDENTIALS`, each credential reduced to what a snapshot keeps. */
export function sanitizeCredentials(part: CredentialsPart): CredentialsPart {
  return {
    source: part.source,
    fetchedAt: part.fetchedAt,
    truncated: part.truncated || part.items.length > MAX_SNAPSHOT_CREDENTIALS,
    items: part.items
      .slice(0, MAX_SNAPSHOT_CREDENTIALS)
      .map(snapshotCredential)
      .filter((item): item is Credential => item !== null),
  };
}

/** The head of a list: where and when it was fetched, how many credentials, how many active. */
export function headOf(part: CredentialsPart): CredentialsHead {
  return {
    source: part.source,
    fetchedAt: part.fetchedAt,
    truncated: part.truncated,
    count: part.items.length,
    active: part.items.filter((item) => item.status === 'active').length,
  };
}

/** A credentials list read from its file, or null when the text is not one (a damaged file is a miss). */
export function parseCredentialsPart(text: string, environmentId: string): CredentialsPart | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = CredentialsFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.environmentId !== environmentId) return null;
  const { schemaVersion: _version, environmentId: _id, ...part } = parsed.data;
  return sanitizeCredentials(part);
}

/**
 * The file text of a sanitized list, compact JSON. A last line of defence: refuses (throws) when
 * the text holds anything shaped like a secret or a token.
 */
export function serializeCredentialsPart(environmentId: string, part: CredentialsPart): string {
  const text = `${JSON.stringify({ schemaVersion: 1, environmentId, ...part })}\n`;
  const shape = secretShapeOf(text);
  if (shape !== null) {
    throw new Error(`Refused to write a credentials snapshot holding what looks like ${shape}.`);
  }
  return text;
}
