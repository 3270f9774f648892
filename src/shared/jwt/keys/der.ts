/**
 * The little DER reading jose does not offer. jose imports SPKI, PKCS#8 and X.509 keys, but its
 * importers must be told the algorithm up front, and that depends on the key type inside the DER:
 * so this reads the AlgorithmIdentifier of an SPKI or PKCS#8 structure (three elements in), which
 * also names the keys Keysmith cannot use. And jose has no importer for a PKCS#1 RSAPublicKey
 * ("BEGIN RSA PUBLIC KEY"), which pkcs1ToSpki wraps into an SPKI for it.
 */

/** The kinds of asymmetric key a PEM/DER structure can hold, as far as Keysmith tells them apart. */
export type DerKeyType =
  | { readonly kty: 'RSA' }
  | { readonly kty: 'EC'; readonly crv: 'P-256' | 'P-384' | 'P-521' }
  | { readonly kty: 'OKP'; readonly crv: 'Ed25519' | 'X25519' }
  | { readonly kty: 'unsupported'; readonly name: string };

interface Tlv {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset just past the content. */
  readonly end: number;
}

/** A DER structure that is not what the caller expected. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

function readTlv(bytes: Uint8Array, pos: number, limit = bytes.length): Tlv {
  const tag = bytes[pos];
  let first = bytes[pos + 1];
  if (tag === undefined || first === undefined) throw new DerError('Unexpected end of DER data');
  let start = pos + 2;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerError('Unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      first = bytes[start + i];
      if (first === undefined) throw new DerError('Unexpected end of DER data');
      length = length * 256 + first;
    }
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError('DER element runs past its container');
  return { tag, start, end };
}

function expect(bytes: Uint8Array, pos: number, tag: number, what: string, limit?: number): Tlv {
  const tlv = readTlv(bytes, pos, limit);
  if (tlv.tag !== tag) throw new DerError(`Expected ${what}`);
  return tlv;
}

function hex(bytes: Uint8Array, tlv: Tlv): string {
  return Array.from(bytes.subarray(tlv.start, tlv.end), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

const CURVES: Readonly<Record<string, 'P-256' | 'P-384' | 'P-521'>> = {
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
};

/** Reads an AlgorithmIdentifier (OID + parameters) into a key type. */
function keyTypeOf(bytes: Uint8Array, algId: Tlv): DerKeyType {
  const oid = expect(bytes, algId.start, 0x06, 'an algorithm OID', algId.end);
  switch (hex(bytes, oid)) {
    case '2a864886f70d010101':
      return { kty: 'RSA' };
    case '2a864886f70d01010a':
      return {
        kty: 'unsupported',
        name: 'RSASSA-PSS-restricted RSA key (OID 1.2.840.113549.1.1.10)',
      };
    case '2a8648ce3d0201': {
      const curve = expect(bytes, oid.end, 0x06, 'a named curve', algId.end);
      const crv = CURVES[hex(bytes, curve)];
      return crv === undefined
        ? { kty: 'unsupported', name: 'EC key on an unsupported curve (e.g. secp256k1)' }
        : { kty: 'EC', crv };
    }
    case '2b6570':
      return { kty: 'OKP', crv: 'Ed25519' };
    case '2b656e':
      return { kty: 'OKP', crv: 'X25519' };
    case '2b6571':
      return { kty: 'unsupported', name: 'Ed448 key' };
    case '2b656f':
      return { kty: 'unsupported', name: 'X448 key' };
    default:
      return { kty: 'unsupported', name: `key with algorithm OID ${hex(bytes, oid)}` };
  }
}

/** The key type inside a SubjectPublicKeyInfo. */
export function spkiKeyType(spki: Uint8Array): DerKeyType {
  const outer = expect(spki, 0, 0x30, 'a SubjectPublicKeyInfo SEQUENCE');
  return keyTypeOf(spki, expect(spki, outer.start, 0x30, 'an AlgorithmIdentifier', outer.end));
}

/** The key type inside a PKCS#8 PrivateKeyInfo. */
export function pkcs8KeyType(pkcs8: Uint8Array): DerKeyType {
  const outer = expect(pkcs8, 0, 0x30, 'a PrivateKeyInfo SEQUENCE');
  const version = expect(pkcs8, outer.start, 0x02, 'a version INTEGER', outer.end);
  return keyTypeOf(pkcs8, expect(pkcs8, version.end, 0x30, 'an AlgorithmIdentifier', outer.end));
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

function element(tag: number, content: Uint8Array): Uint8Array {
  const head = [tag, ...encodeLength(content.length)];
  const out = new Uint8Array(head.length + content.length);
  out.set(head, 0);
  out.set(content, head.length);
  return out;
}

/** Wraps a PKCS#1 RSAPublicKey ("BEGIN RSA PUBLIC KEY") into a SubjectPublicKeyInfo. */
export function pkcs1ToSpki(pkcs1: Uint8Array): Uint8Array {
  expect(pkcs1, 0, 0x30, 'an RSAPublicKey SEQUENCE');
  const algId = new Uint8Array([
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
  ]);
  const bitString = element(0x03, new Uint8Array([0x00, ...pkcs1]));
  return element(0x30, new Uint8Array([...algId, ...bitString]));
}
