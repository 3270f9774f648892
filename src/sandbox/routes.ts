import type { Handler } from './context';
import { handleCreate, handleList, handleRevoke } from './credentials-endpoints';
import { jsonReply } from './reply';
import { TOKEN_AUDIENCE } from './token-signer';
import { handleToken } from './token-endpoint';

/** One path of the API with the handler of each method it supports. */
interface Route {
  /** The route key's path part, e.g. "/auth/credentials/:client_id". */
  readonly pattern: string;
  readonly regex: RegExp;
  readonly paramNames: readonly string[];
  readonly methods: Readonly<Record<string, Handler>>;
}

const handleJwks: Handler = async (app) => jsonReply(200, app.signer.jwks);

/** RFC 8414 metadata, so generic OAuth clients can discover the token endpoint and keys. */
const handleMetadata: Handler = async (app) =>
  jsonReply(200, {
    issuer: app.issuer,
    token_endpoint: `${app.issuer}/auth/token`,
    jwks_uri: `${app.issuer}/.well-known/jwks.json`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    response_types_supported: [],
    keysmith_audience: TOKEN_AUDIENCE,
  });

const ROUTES: readonly Route[] = [
  {
    pattern: '/auth/token',
    regex: /^\/auth\/token$/,
    paramNames: [],
    methods: { POST: handleToken },
  },
  {
    pattern: '/auth/credentials',
    regex: /^\/auth\/credentials$/,
    paramNames: [],
    methods: { GET: handleList, POST: handleCreate },
  },
  {
    pattern: '/auth/credentials/:client_id',
    regex: /^\/auth\/credentials\/([^/]+)$/,
    paramNames: ['client_id'],
    methods: { DELETE: handleRevoke },
  },
  {
    pattern: '/.well-known/jwks.json',
    regex: /^\/\.well-known\/jwks\.json$/,
    paramNames: [],
    methods: { GET: handleJwks },
  },
  {
    pattern: '/.well-known/oauth-authorization-server',
    regex: /^\/\.well-known\/oauth-authorization-server$/,
    paramNames: [],
    methods: { GET: handleMetadata },
  },
];

/** Where a request lands: a handler, a known path with the wrong method, or nowhere. */
export type RouteMatch =
  | {
      readonly kind: 'found';
      readonly key: string;
      readonly handler: Handler;
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'method-not-allowed'; readonly key: string; readonly allow: string }
  | { readonly kind: 'not-found'; readonly key: string };

/** Matches a method and a raw (still percent-encoded) path against the API's routes. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.regex.exec(pathname);
    if (match === null) continue;
    const key = `${method} ${route.pattern}`;
    const handler = Object.hasOwn(route.methods, method) ? route.methods[method] : undefined;
    if (handler === undefined) {
      return { kind: 'method-not-allowed', key, allow: Object.keys(route.methods).join(', ') };
    }
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      params[name] = match[index + 1] ?? '';
    });
    return { kind: 'found', key, handler, params };
  }
  return { kind: 'not-found', key: `${method} (unmatched)` };
}
