import type { Environment } from '../../../shared/domain';

/**
 * Where an environment's public keys (its JWKS) are fetched from: `<baseUrl>/.well-known/jwks.json`.
 * The one place that decides it: the snapshots and the JWT debugger's "Keys of <environment>" both
 * ask here (a discovered `jwks_uri`, once environments carry one, is to be answered here too).
 */
export function jwksUrlFor(environment: Pick<Environment, 'baseUrl'>): string {
  let end = environment.baseUrl.length;
  while (end > 0 && environment.baseUrl[end - 1] === '/') end -= 1;
  return `${environment.baseUrl.slice(0, end)}/.well-known/jwks.json`;
}
