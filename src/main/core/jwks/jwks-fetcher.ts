import type { Environment, FetchedJwks } from '../../../shared/domain';
import { requireConfirmation, type ConfirmPort } from '../confirm/confirm-port';
import { jwksUrlOf } from '../../../shared/environment';
import { checkedJwksUrl, fetchJwks } from './jwks-fetch';

/**
 * Where the JWT debugger's keys come from: an environment's own JWKS (its configuration names
 * the URL), or a URL the user typed, which main shows verbatim and fetches only once confirmed.
 */
export type JwksSource = { readonly environmentId: string } | { readonly url: string };

/** The JWT debugger's JWKS download (`createCore` builds it). */
export interface JwksFetcher {
  /** Downloads and checks a JWKS from an environment, or from a URL the person confirmed. */
  fetch(source: JwksSource): Promise<FetchedJwks>;
}

/**
 * Builds the JWKS fetcher. Page script can name an environment (whose configuration fixes the
 * URL: nothing the page chooses leaves the machine), or a URL: then the person sees that exact
 * URL in a confirmation main owns, whatever the environment, before a single byte is sent. So
 * the download can never carry a token or a secret out unseen.
 */
export function createJwksFetcher(options: {
  readonly confirm: ConfirmPort;
  readonly environmentOf: (id: string) => Pick<Environment, 'baseUrl' | 'jwksUrl'>;
  readonly fetch?: typeof fetch;
  readonly now: () => number;
}): JwksFetcher {
  const download = (url: string) => fetchJwks(url, { fetch: options.fetch, now: options.now });
  return {
    async fetch(source) {
      if ('environmentId' in source) {
        return download(jwksUrlOf(options.environmentOf(source.environmentId)));
      }
      // Refused URLs (plain http to another host, say) are refused before anyone is asked.
      const url = checkedJwksUrl(source.url).href;
      const carriesQuery = new URL(url).search !== '';
      await requireConfirmation(options.confirm, {
        action: 'jwks.fetch',
        title: 'Fetch keys from a URL',
        detail:
          'Keysmith will download the key set (JWKS) at exactly this URL, from this computer. ' +
          'Everything in the URL, its path and query included, reaches that server.',
        environment: null,
        subject: url,
        confirmLabel: 'Fetch keys',
        typeToConfirm: null,
        ...(carriesQuery
          ? {
              warning:
                'This URL carries a query string. Make sure it holds nothing private, such as a token or a secret.',
            }
          : {}),
      });
      return download(url);
    },
  };
}
