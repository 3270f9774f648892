import { z } from 'zod';
import { CLIENT_AUTH_METHODS, CLIENT_KEY_ALGS } from '../environment';
import { environmentFieldsOutputShape } from '../environment-schema';
import { ROTATION_STEPS } from '../rotation';

// The output schemas the channels share: what main may answer the page, field by field. Each is
// a plain `z.object`, which drops every member it does not name, so a field added to a stored
// object later never reaches the page by itself. The channels' declarations check that each
// yields exactly its domain type (see `channel` in define.ts). Main and the contract only: the
// renderer imports the contract's types, never this module (it would bundle zod).

/** A JSON object whose members are not Keysmith's to name (decoded JWT claims, problem extensions). */
const JsonObject = z.record(z.string(), z.unknown());

/** One field-level error of a problem or a validation error. */
const FieldErrorOutput = z.object({
  param: z.string(),
  detail: z.string(),
  code: z.string().optional(),
});

/** An RFC 9457 problem document as main reports it. */
export const ProblemDocumentOutput = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  param: z.string().optional(),
  errors: z.array(FieldErrorOutput).optional(),
  extensions: JsonObject.optional(),
});

const KeychainReasonOutput = z.enum(['unavailable', 'locked', 'denied', 'not-found', 'unknown']);
const message = z.string();

/** An AppError inside a successful answer (the token panel's last error). */
export const AppErrorOutput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('problem'), message, problem: ProblemDocumentOutput }),
  z.object({ kind: z.literal('network'), message }),
  z.object({ kind: z.literal('timeout'), message, timeoutMs: z.number() }),
  z.object({
    kind: z.literal('rate-limited'),
    message,
    retryAt: z.number().nullable(),
    problem: ProblemDocumentOutput.optional(),
  }),
  z.object({ kind: z.literal('keychain'), reason: KeychainReasonOutput, message }),
  z.object({ kind: z.literal('validation'), message, errors: z.array(FieldErrorOutput) }),
  z.object({ kind: z.literal('not-found'), message }),
  z.object({ kind: z.literal('conflict'), message }),
  z.object({ kind: z.literal('forbidden'), message }),
  z.object({ kind: z.literal('cancelled'), message }),
  z.object({ kind: z.literal('internal'), message }),
]);

const TokenStatusOutput = z.enum(['none', 'valid', 'expiring', 'expired', 'error']);

/** An environment as the page sees it: its fields and live facts, never a secret. */
export const EnvironmentViewOutput = z.object({
  id: z.string(),
  ...environmentFieldsOutputShape,
  activeClientId: z.string().nullable(),
  verification: z.enum(['verified', 'not-verified']),
  embedded: z.boolean().optional(),
  autoRenew: z.boolean(),
  hasSecret: z.boolean(),
  secretState: z.enum(['bound', 'needs-proof', 'missing']),
  secretHeadersToPaste: z.array(z.string()),
  initialAccessTokenState: z.enum(['bound', 'needs-proof', 'missing']),
  tokenStatus: TokenStatusOutput,
  pendingRotation: z.boolean().optional(),
});

/** A credential row: what the API lists and what Keysmith knows of it, never a secret. */
export const CredentialViewOutput = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  status: z.enum(['active', 'revoked']),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastUsedAt: z.string().nullable(),
  inUse: z.boolean(),
  secretStored: z.boolean(),
  registration: z
    .object({
      state: z.enum(['registered', 'gone', 'unreadable']),
      changes: z.array(z.string()),
      authMethod: z.string(),
      detail: z.string().optional(),
    })
    .optional(),
});

/** A DCR registration whose outcome is unknown: what to look for on the server, never a secret. */
export const PendingRegistrationOutput = z.object({
  id: z.string(),
  name: z.string(),
  startedAt: z.number(),
  clientId: z.string().nullable(),
  reason: z.string(),
});

/** The one-time capture of a created credential: the only output that carries a client secret. */
export const CapturedCredentialOutput = z.object({
  credential: CredentialViewOutput,
  clientSecret: z.string().nullable(),
  replayed: z.boolean(),
});

/** What a copy through main did. */
export const CopyOutcomeOutput = z.object({ clearsAt: z.number().nullable() });

/** What a token request sent: the secret and assertion only named, header names only. */
const TokenRequestSummaryOutput = z.object({
  method: z.literal('POST'),
  url: z.string(),
  clientAuth: z.enum(CLIENT_AUTH_METHODS),
  clientId: z.string(),
  params: z.array(
    z.object({
      name: z.string(),
      value: z.string().nullable(),
      hidden: z.enum(['client secret', 'signed client assertion']).optional(),
    }),
  ),
  headers: z.array(z.string()),
  at: z.number(),
  assertion: z.object({ header: JsonObject, claims: JsonObject }).optional(),
});

/** An environment's token as the token panel shows it: never the raw token. */
export const TokenStateOutput = z.object({
  status: TokenStatusOutput,
  obtainedAt: z.number().optional(),
  expiresAt: z.number().optional(),
  tokenType: z.string().optional(),
  scope: z.string().optional(),
  header: JsonObject.optional(),
  claims: JsonObject.optional(),
  autoRenew: z.boolean(),
  error: AppErrorOutput.optional(),
  request: TokenRequestSummaryOutput.optional(),
});

const PhaseOutput = z.enum([...ROTATION_STEPS, 'cancelled']);

/** A rotation as the wizard shows it: client_ids, names, times and decoded claims, never a secret. */
export const RotationOutput = z.object({
  id: z.string(),
  environmentId: z.string(),
  step: PhaseOutput,
  startedAt: z.number(),
  updatedAt: z.number(),
  old: z.object({ clientId: z.string(), name: z.string(), expiresAt: z.string().nullable() }),
  replacement: z.object({
    name: z.string(),
    expiresAt: z.string().nullable(),
    idempotencyKey: z.string(),
  }),
  createAttempts: z.number(),
  newClientId: z.string().nullable(),
  replayed: z.boolean(),
  verification: z
    .object({
      at: z.number(),
      tokenUrl: z.string(),
      tokenExpiresAt: z.number(),
      header: JsonObject.nullable(),
      claims: JsonObject.nullable(),
    })
    .nullable(),
  switchedAt: z.number().nullable(),
  keysmithSwitched: z.boolean(),
  baselineLastUsedAt: z.string().nullable(),
  handedOverAt: z.number().nullable(),
  watch: z
    .object({
      polls: z.number(),
      lastPolledAt: z.number(),
      oldStatus: z.enum(['active', 'revoked', 'missing']),
      oldLastUsedAt: z.string().nullable(),
      usedAfterSwitch: z.boolean(),
    })
    .nullable(),
  revokedAt: z.number().nullable(),
  tokensValidUntil: z.number().nullable(),
  revokedDespiteUse: z.boolean(),
  finishedAt: z.number().nullable(),
  cancelled: z
    .object({
      at: z.number(),
      fromStep: z.enum(ROTATION_STEPS),
      revokedNew: z.boolean(),
      note: z.string(),
    })
    .nullable(),
  history: z.array(z.object({ step: PhaseOutput, at: z.number() })),
});

/** The public members a JWK may carry to the page: a private or symmetric member never passes. */
const PublicJwkOutput = z.object({
  kty: z.string(),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
  kid: z.string().optional(),
  alg: z.string().optional(),
  use: z.string().optional(),
});

/** The public half of a private_key_jwt key, as the page shows it for registration. */
export const PublicClientKeyOutput = z.object({
  kid: z.string(),
  alg: z.enum(CLIENT_KEY_ALGS),
  jwk: PublicJwkOutput,
  certificatePem: z.string(),
  x5tS256: z.string(),
  certificateExpiresAt: z.number(),
  createdAt: z.number(),
});

/** An authorization server as its metadata describes it. */
const DiscoveredServerOutput = z.object({
  issuer: z.string(),
  source: z.enum(['rfc8414', 'openid']),
  metadataUrl: z.string(),
  tokenEndpoint: z.string().nullable(),
  jwksUri: z.string().nullable(),
  registrationEndpoint: z.string().nullable(),
  tokenEndpointAuthMethods: z.array(z.string()),
  scopes: z.array(z.string()),
  grantTypes: z.array(z.string()),
  notes: z.array(z.string()),
});

/** What discovery found, or that the server publishes no metadata. */
export const DiscoveryResultOutput = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), server: DiscoveredServerOutput, tried: z.array(z.string()) }),
  z.object({ found: z.literal(false), tried: z.array(z.string()), message: z.string() }),
]);
