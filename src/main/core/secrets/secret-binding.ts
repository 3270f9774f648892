import { z } from 'zod';
import type { Environment } from '../../../shared/domain';
import { ENVIRONMENT_KINDS, tokenUrlOf, type EnvironmentKind } from '../../../shared/environment';

/**
 * Where a secret may go: the token endpoint's origin and the API's origin it was proven against
 * (or pasted for), and the environment's kind then. A secret is sent only while the environment
 * still has all three, so an edit (or page script) that repoints it cannot take the secret along.
 */
export interface SecretBinding {
  readonly tokenOrigin: string;
  /** Bearer tokens minted with the secret, and secret headers, go to the API. */
  readonly apiOrigin: string;
  readonly kind: EnvironmentKind;
}

/** What the keychain holds for one secret: the secret with its binding, so both live and die together. */
export interface SecretEnvelope extends SecretBinding {
  readonly v: 1;
  readonly secret: string;
  /** When a token exchange proved it (epoch ms); null when it was stored without one. */
  readonly provenAt: number | null;
}

const EnvelopeSchema = z.strictObject({
  v: z.literal(1),
  secret: z.string(),
  tokenOrigin: z.string(),
  apiOrigin: z.string(),
  kind: z.enum(ENVIRONMENT_KINDS),
  provenAt: z.number().nullable(),
});

/** The origin of a URL (`https://host:port`), or the URL itself when it does not parse. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The binding an environment gives a secret stored for it now. */
export function bindingOf(
  environment: Pick<Environment, 'baseUrl' | 'tokenUrl' | 'kind'>,
): SecretBinding {
  return {
    tokenOrigin: originOf(tokenUrlOf(environment)),
    apiOrigin: originOf(environment.baseUrl),
    kind: environment.kind,
  };
}

/** The keychain value for a secret bound as given. */
export function sealSecret(
  secret: string,
  binding: SecretBinding,
  provenAt: number | null,
): string {
  const envelope: SecretEnvelope = {
    v: 1,
    secret,
    tokenOrigin: binding.tokenOrigin,
    apiOrigin: binding.apiOrigin,
    kind: binding.kind,
    provenAt,
  };
  return JSON.stringify(envelope);
}

/** The envelope in a keychain value, or null for a plain secret stored before bindings existed. */
export function openSecret(stored: string): SecretEnvelope | null {
  if (!stored.startsWith('{"v":')) return null;
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return null;
  }
  const parsed = EnvelopeSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** What differs between two bindings, in words ("token endpoint https://a → https://b"); empty when none. */
export function bindingChanges(from: SecretBinding, to: SecretBinding): string[] {
  const changes: string[] = [];
  if (from.tokenOrigin !== to.tokenOrigin) {
    changes.push(`token endpoint ${from.tokenOrigin} → ${to.tokenOrigin}`);
  }
  if (from.apiOrigin !== to.apiOrigin) changes.push(`API ${from.apiOrigin} → ${to.apiOrigin}`);
  if (from.kind !== to.kind) changes.push(`kind ${from.kind} → ${to.kind}`);
  return changes;
}
