/**
 * The token side's shapes the renderer sees: what discovery found, the public half of a
 * private_key_jwt key, and what a token request sent. Plain types, shared by main and the page.
 */

import type { ClientAuthMethod, ClientKeyAlg } from './environment';

/** An authorization server as its metadata (RFC 8414 / OpenID Connect discovery) describes it. */
export interface DiscoveredServer {
  readonly issuer: string;
  /** Which document answered: RFC 8414 authorization server metadata, or OpenID configuration. */
  readonly source: 'rfc8414' | 'openid';
  readonly metadataUrl: string;
  readonly tokenEndpoint: string | null;
  readonly jwksUri: string | null;
  readonly registrationEndpoint: string | null;
  /** `token_endpoint_auth_methods_supported` as published. */
  readonly tokenEndpointAuthMethods: readonly string[];
  readonly scopes: readonly string[];
  readonly grantTypes: readonly string[];
  /** What the person should know before using it (no client_credentials grant, say). */
  readonly notes: readonly string[];
}

/** What discovery found: the server, or that it publishes no metadata (type the token URL). */
export type DiscoveryResult =
  | { readonly found: true; readonly server: DiscoveredServer; readonly tried: readonly string[] }
  | { readonly found: false; readonly tried: readonly string[]; readonly message: string };

/** The public members of an EC or RSA JWK: what a server needs to verify a client's assertions. */
export interface PublicJwk {
  readonly kty: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly n?: string;
  readonly e?: string;
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
}

/** The public half of a private_key_jwt key, as the page shows it for registration. */
export interface PublicClientKeyView {
  /** RFC 7638 thumbprint (SHA-256) of the public key. */
  readonly kid: string;
  readonly alg: ClientKeyAlg;
  /** Public members only, with kid, alg, use: 'sig'. */
  readonly jwk: PublicJwk;
  /** A self-signed X.509 certificate around the same key (Entra ID takes certificates). */
  readonly certificatePem: string;
  /** base64url SHA-256 of the certificate's DER (the `x5t#S256` header). */
  readonly x5tS256: string;
  readonly certificateExpiresAt: number;
  readonly createdAt: number;
}

/** One form parameter of a token request as the panel shows it; a secret or assertion only named. */
export interface TokenRequestParam {
  readonly name: string;
  /** Null when hidden: the client secret or the signed assertion is never shown. */
  readonly value: string | null;
  readonly hidden?: 'client secret' | 'signed client assertion';
}

/** What the last token request of an environment sent: never a secret, an assertion or a header value. */
export interface TokenRequestSummary {
  readonly method: 'POST';
  readonly url: string;
  readonly clientAuth: ClientAuthMethod;
  readonly clientId: string;
  readonly params: readonly TokenRequestParam[];
  /** Header names only. */
  readonly headers: readonly string[];
  /** When it was sent (epoch ms). */
  readonly at: number;
  /** private_key_jwt: the assertion's decoded header and claims (not its signature). */
  readonly assertion?: {
    readonly header: Record<string, unknown>;
    readonly claims: Record<string, unknown>;
  };
}
