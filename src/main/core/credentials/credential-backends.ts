import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Environment } from '../../../shared/domain';
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

/**
 * The environment's initial access token for a registration, or null when it has none. One
 * entered for another registration endpoint (or kind) is refused on its field rather than left
 * out: the person enters it again for the endpoint as it is now.
 */
async function sendableInitialAccessToken(
  secrets: BoundSecrets,
  environment: Environment,
): Promise<string | null> {
  if ((await secrets.initialAccessTokenState(environment)) === 'needs-proof') {
    const detail = `The initial access token was entered for another registration endpoint or kind than “${environment.name}” has now: enter it again to send it to ${environment.registrationUrl ?? 'the new endpoint'}.`;
    throw new AppFailure({
      kind: 'validation',
      message: detail,
      errors: [{ param: 'initialAccessToken', detail }],
    });
  }
  return secrets.initialAccessToken(environment);
}

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
  readonly clientKeys: DcrClientKeys;
}): Readonly<Record<CredentialBackendKind, CredentialBackend>> {
  return {
    'seed-api': createSeedApiBackend(deps),
    dcr: createDcrBackend({
      registry: createDcrRegistry(join(deps.dataDir, 'registrations.json')),
      registrationTokens: createRegistrationTokens(deps.keychain),
      secrets: deps.secrets,
      initialAccessToken: (environment) => sendableInitialAccessToken(deps.secrets, environment),
      clientKeys: deps.clientKeys,
      auditRecorder: deps.auditRecorder,
      now: deps.now,
      newId: randomUUID,
      fetch: deps.fetch,
      timeoutMs: deps.apiOptions?.timeoutMs,
    }),
  };
}
