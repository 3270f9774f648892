import type { Environment, EnvironmentView } from '../../../shared/domain';
import type { BoundSecrets } from '../secrets/bound-secrets';
import { initialAccessTokenAccount } from '../secrets/initial-access-token';
import type { TokenService } from '../tokens/token-service';

/** What an environment's view reads besides the environment. */
export interface ViewSources {
  readonly secrets: Pick<BoundSecrets, 'factsOf' | 'initialAccessTokenState'>;
  readonly tokens: Pick<TokenService, 'statusOf'>;
  readonly pendingRotation?: (id: string) => boolean;
}

/**
 * An environment as the page sees it. Every field is named: a field added to the stored
 * environment reaches the page only once it is added here (and to the channel's output schema).
 */
export async function environmentView(
  environment: Environment,
  stored: ReadonlySet<string>,
  { secrets, tokens, pendingRotation }: ViewSources,
): Promise<EnvironmentView> {
  const { secretState, secretHeadersToPaste } = await secrets.factsOf(environment, stored);
  const initialAccessTokenState = stored.has(initialAccessTokenAccount(environment.id))
    ? await secrets.initialAccessTokenState(environment)
    : 'missing';
  return {
    id: environment.id,
    name: environment.name,
    kind: environment.kind,
    baseUrl: environment.baseUrl,
    tokenUrl: environment.tokenUrl,
    extraHeaders: environment.extraHeaders,
    secretHeaders: environment.secretHeaders,
    colour: environment.colour,
    issuer: environment.issuer,
    jwksUrl: environment.jwksUrl,
    registrationUrl: environment.registrationUrl,
    credentialBackend: environment.credentialBackend,
    clientAuth: environment.clientAuth,
    scope: environment.scope,
    audience: environment.audience,
    resources: environment.resources,
    tokenParams: environment.tokenParams,
    activeClientId: environment.activeClientId,
    verification: environment.verification,
    embedded: environment.embedded,
    autoRenew: environment.autoRenew,
    hasSecret: secretState !== 'missing',
    secretState,
    secretHeadersToPaste,
    initialAccessTokenState,
    tokenStatus: tokens.statusOf(environment),
    pendingRotation: pendingRotation?.(environment.id) ?? false,
  };
}
