import { keyBits } from './describe';
import type { KeyText } from './key-text';
import { loadKeys } from './load';
import type { LoadedKey } from './loaded-key';
import { keyTypeName } from './select';

/** A loaded key in a few words: "an RSA 2048-bit public key (in an X.509 certificate)". */
function keyPhrase(key: LoadedKey): string {
  const { jwk } = key;
  const bits = keyBits(jwk);
  const kind =
    jwk.kty === 'RSA'
      ? `an RSA${bits === undefined ? '' : ` ${bits}-bit`}`
      : jwk.kty === 'EC'
        ? `an EC ${jwk.crv ?? ''}`.trimEnd()
        : `an ${jwk.crv ?? jwk.kty ?? ''}`.trimEnd();
  const where =
    key.source === 'x509'
      ? ' (in an X.509 certificate)'
      : key.source === 'jwks'
        ? ' (in a JWK set)'
        : key.source === 'pkcs1'
          ? ' (PKCS#1)'
          : '';
  return `${kind} ${key.private ? 'private' : 'public'} key${where}`;
}

/** What key text given as a secret really holds, read as the key it is; its format when unreadable. */
export async function describeKeyText(text: KeyText): Promise<string> {
  const loaded = await loadKeys({ kind: text.kind, value: text.text });
  const first = loaded.ok ? loaded.keys.find((k) => k.jwk.kty !== 'oct') : undefined;
  return first === undefined ? text.what : keyPhrase(first);
}

/**
 * Why an HMAC verification with key text as the secret is refused, in plain words (RFC 8725 §2.1).
 * `macMatches`: whether the token's HMAC was in fact computed over that text.
 */
export function confusionReason(
  alg: string,
  text: KeyText,
  what: string,
  macMatches: boolean,
): string {
  return (
    `This token says ${alg}, but the key you gave is ${what}. ${alg} would use that key’s text as a shared HMAC secret, ` +
    'and a key’s text is no secret: a server that accepted this would be vulnerable to algorithm confusion (RFC 8725 §2.1), ' +
    'where anyone holding the public key can forge tokens. ' +
    (macMatches
      ? 'The HMAC does match that text: the token was made with it, exactly as such a forgery is. '
      : 'The HMAC does not match that text either. ') +
    `Keysmith never reports this as valid; to check a signature made by the owner of this key, choose the key type "${keyTypeName(text)}".`
  );
}
