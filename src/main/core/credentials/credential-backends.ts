import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CredentialBackendKind } from '../../../shared/environment';
import { AppFailure } from '../../../shared/errors';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { BoundSecrets } from '../secrets/bound-secrets';
import { createRegistrationTokens } from '../secrets/registration-tokens';
import type { SecretStore } from '../secrets/secret-store';
import type { TokenService } from '../tokens/token-service';
import type { CredentialBackend } from './credential-backend';
import type { CredentialsApiOptions } from './credentials-api';
import { createDcrBackend } from './dcr-backend';
import type { DcrClientKeys } from './dcr-deps';
import { createDcrRegistry } from './dcr-registry';
import type { IdempotencyLedger } from './idempotency-ledger';
import { createSeedApiBackend } from './seed-api-backend';

/** Until private_key_jwt keys exist in core: a DCR create of such a client is refused in words. */
const NO_CLIENT_KEYS: DcrClientKeys = {
  generate: () =>
    Promise.reject(
      new AppFailure({
        kind: 'validation',
        message: 'This Keysmith cannot generate private_key_jwt keys yet.',
        errors: [
          { param: 'clientAuth', detail: 'Choose client_secret_basic or client_secret_post.' },
        ],
      }),
    ),
  adopt: async () => undefined,
  remove: async () => undefined,
};

/** Builds one backend of each kind; the credentials service picks by `environment.credentialBackend`. */
export function createCredentialBackends(deps: {
  readonly dataDir: string;
  readonly keychain: SecretStore;
  readonly secrets: BoundSecrets;
  readonly tokens: TokenService;
  readonly ledger: IdempotencyLedger;
  readonly auditRecorder: AuditRecorder;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly apiOptions?: Partial<CredentialsApiOptions>;
  readonly clientKeys?: DcrClientKeys;
}): Readonly<Record<CredentialBackendKind, CredentialBackend>> {
  return {
    'seed-api': createSeedApiBackend(deps),
    dcr: createDcrBackend({
      registry: createDcrRegistry(join(deps.dataDir, 'registrations.json')),
      registrationTokens: createRegistrationTokens(deps.keychain),
      secrets: deps.secrets,
      initialAccessToken: async () => null,
      clientKeys: deps.clientKeys ?? NO_CLIENT_KEYS,
      auditRecorder: deps.auditRecorder,
      now: deps.now,
      newId: randomUUID,
      fetch: deps.fetch,
      timeoutMs: deps.apiOptions?.timeoutMs,
    }),
  };
}
