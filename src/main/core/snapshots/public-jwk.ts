/** The public members a JWK may keep, per key type; everything else is dropped. */
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
};
const COMMON_MEMBERS = ['kty', 'kid', 'use', 'alg', 'key_ops'];
/** Members that hold private or symmetric key material: a key carrying one is never kept. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** A public JWK as a snapshot keeps it. */
export type PublicJwk = Readonly<Record<string, unknown>>;

/**
 * A JWK reduced to its public members (kty, kid, use, alg, key_ops and the public numbers of
 * RSA, EC and OKP keys), or null for a symmetric key, a key carrying private members, or an
 * unknown type: whatever the server published, no private key reaches a file or the page.
 */
export function publicJwk(key: Readonly<Record<string, unknown>>): PublicJwk | null {
  const kty = key['kty'];
  if (typeof kty !== 'string' || !Object.hasOwn(PUBLIC_MEMBERS, kty)) return null;
  if (PRIVATE_MEMBERS.some((member) => Object.hasOwn(key, member))) return null;
  const out: Record<string, unknown> = {};
  for (const member of [...COMMON_MEMBERS, ...PUBLIC_MEMBERS[kty]!]) {
    const value = key[member];
    if (typeof value === 'string') out[member] = value;
    else if (member === 'key_ops' && Array.isArray(value)) {
      out[member] = value.filter((op): op is string => typeof op === 'string').slice(0, 8);
    }
  }
  return out;
}

/** The public keys of a JWKS text (at most `max`), or [] when it is not a key set. */
export function publicKeysOf(text: string, max: number): PublicJwk[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return [];
  return keys
    .slice(0, max)
    .filter((key): key is Record<string, unknown> => key !== null && typeof key === 'object')
    .map(publicJwk)
    .filter((key): key is PublicJwk => key !== null);
}
