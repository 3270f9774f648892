import type { Environment } from '../../../shared/domain';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { BoundSecrets } from '../secrets/bound-secrets';
import type { RegistrationTokens } from '../secrets/registration-tokens';
import type { DcrRegistry } from './dcr-registry';

/** The part of `core.clientKeys` (tokens/client-keys.ts) a DCR create and delete use. */
export interface DcrClientKeys {
  /** Generates a key pair in main; the private key goes to the keychain; resolves to the public JWK. */
  generate(
    environment: Environment,
    clientId: string,
    alg: 'ES256' | 'RS256',
  ): Promise<{ readonly jwk: object }>;
  /** Moves a key stored under a provisional id to the client_id the server assigned. */
  adopt(environment: Environment, provisionalId: string, clientId: string): Promise<void>;
  remove(environment: Environment, clientId: string): Promise<unknown>;
}

/** What the DCR backend is built over. */
export interface DcrDeps {
  readonly registry: DcrRegistry;
  readonly registrationTokens: RegistrationTokens;
  readonly secrets: Pick<BoundSecrets, 'storeClientSecret' | 'read' | 'deleteClientSecret'>;
  /** The environment's initial access token (RFC 7591 §3), bound to its registration endpoint; null when none. */
  readonly initialAccessToken: (environment: Environment) => Promise<string | null>;
  readonly clientKeys: DcrClientKeys;
  readonly auditRecorder: AuditRecorder;
  readonly now: () => number;
  readonly newId: () => string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}
