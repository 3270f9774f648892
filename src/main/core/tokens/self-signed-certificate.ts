import { webcrypto } from 'node:crypto';
// @peculiar/x509's dependency injection container (tsyringe) needs the Reflect metadata API.
import 'reflect-metadata';

/** How long the self-signed certificate around a client key is valid: two years. */
export const CERTIFICATE_VALIDITY_MS = 2 * 365 * 24 * 60 * 60_000;

/** A self-signed X.509 certificate around a client key, for servers that register certificates (Entra ID). */
export interface SelfSignedCertificate {
  readonly pem: string;
  /** base64url SHA-256 of the certificate's DER: the `x5t#S256` JWS header (RFC 7515 §4.1.8). */
  readonly x5tS256: string;
  readonly notAfter: number;
}

type X509 = typeof import('@peculiar/x509');
type Crypto = ReturnType<X509['cryptoProvider']['get']>;
type SigningAlgorithm = NonNullable<
  Parameters<X509['X509CertificateGenerator']['createSelfSigned']>[0]['signingAlgorithm']
>;
type KeyPair = Parameters<X509['X509CertificateGenerator']['createSelfSigned']>[0]['keys'];
let loaded: Promise<X509> | null = null;

/** Loads @peculiar/x509 once, on Node's WebCrypto. */
function x509(): Promise<X509> {
  loaded ??= (async () => {
    const module = await import('@peculiar/x509');
    module.cryptoProvider.set(webcrypto as unknown as Crypto);
    return module;
  })();
  return loaded;
}

/** The WebCrypto signing algorithm of the certificate for a JWS algorithm. */
function signingAlgorithm(alg: 'ES256' | 'RS256'): SigningAlgorithm {
  return alg === 'ES256'
    ? ({ name: 'ECDSA', hash: 'SHA-256' } as SigningAlgorithm)
    : ({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as SigningAlgorithm);
}

/**
 * Makes a self-signed certificate (subject = issuer = `CN=<commonName>`) around a key pair, with
 * a library that writes the DER (@peculiar/x509), never by hand.
 */
export async function selfSignedCertificate(
  keys: KeyPair,
  alg: 'ES256' | 'RS256',
  commonName: string,
  now: number,
): Promise<SelfSignedCertificate> {
  const lib = await x509();
  const notAfter = now + CERTIFICATE_VALIDITY_MS;
  const certificate = await lib.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [commonName] }],
    notBefore: new Date(now - 60_000),
    notAfter: new Date(notAfter),
    signingAlgorithm: signingAlgorithm(alg),
    keys,
    extensions: [
      new lib.BasicConstraintsExtension(false, undefined, true),
      new lib.KeyUsagesExtension(lib.KeyUsageFlags.digitalSignature, true),
    ],
  });
  const thumbprint = await certificate.getThumbprint('SHA-256');
  return {
    pem: certificate.toString('pem'),
    x5tS256: Buffer.from(thumbprint).toString('base64url'),
    notAfter,
  };
}
