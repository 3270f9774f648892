import { nowIso, type Handler, type SandboxApp } from './context';
import { unusableReason } from './credential-store';
import { parseBasicAuth, parseForm, type BasicCredentials, type FormFields } from './form-encoding';
import { jsonReply, ProblemError, type Reply } from './reply';
import { decodeUtf8, isUtf8Charset, parseMediaType } from './request-body';
import { burnVerification, verifySecret } from './secrets';
import type { TokenResponseJson } from './types';

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** A 400 OAuth error (RFC 6749 §5.2) as a problem document. */
function badRequest(error: string, detail: string, param?: string): ProblemError {
  return new ProblemError({
    status: 400,
    code: error,
    oauthError: error,
    detail,
    headers: NO_STORE,
    ...(param === undefined ? {} : { param }),
  });
}

/** A 401 invalid_client (RFC 6749 §5.2) with the Basic challenge. */
function invalidClient(detail: string): ProblemError {
  return new ProblemError({
    status: 401,
    code: 'invalid_client',
    oauthError: 'invalid_client',
    detail,
    headers: { ...NO_STORE, 'WWW-Authenticate': 'Basic realm="sandbox"' },
  });
}

function readForm(contentType: string | undefined, body: Buffer): FormFields {
  const media = parseMediaType(contentType);
  if (body.length > 0) {
    if (
      media === null ||
      media.type !== 'application/x-www-form-urlencoded' ||
      !isUtf8Charset(media)
    ) {
      throw badRequest(
        'invalid_request',
        'The request body must be application/x-www-form-urlencoded.',
        'Content-Type',
      );
    }
  }
  const text = decodeUtf8(body);
  const form = text === null ? null : parseForm(text);
  if (form === null) {
    throw badRequest('invalid_request', 'The form body has invalid percent-encoding or UTF-8.');
  }
  for (const [name, values] of form) {
    if (values.length > 1) {
      throw badRequest('invalid_request', `The parameter ${name} is repeated.`, name);
    }
  }
  return form;
}

function one(form: FormFields, name: string): string | undefined {
  return form.get(name)?.[0];
}

/** Finds the client credentials in the Basic header or the form body, never both (RFC 6749 §2.3). */
function clientCredentials(header: string | undefined, form: FormFields): BasicCredentials {
  const basic = parseBasicAuth(header);
  const bodyId = one(form, 'client_id');
  const bodySecret = one(form, 'client_secret');
  switch (basic.kind) {
    case 'malformed':
      throw invalidClient(basic.detail);
    case 'other-scheme':
      throw invalidClient('Authenticate the client with HTTP Basic (RFC 6749 section 2.3.1).');
    case 'ok':
      if (bodySecret !== undefined) {
        throw badRequest(
          'invalid_request',
          'Use only one client authentication method: Basic or client_secret in the body.',
          'client_secret',
        );
      }
      if (bodyId !== undefined && bodyId !== basic.credentials.clientId) {
        throw badRequest(
          'invalid_request',
          'client_id in the body differs from Basic auth.',
          'client_id',
        );
      }
      return basic.credentials;
    case 'absent':
      if (bodyId === undefined || bodySecret === undefined) {
        throw invalidClient('Client authentication is required: send client_id and client_secret.');
      }
      return { clientId: bodyId, clientSecret: bodySecret };
  }
}

async function authenticate(app: SandboxApp, credentials: BasicCredentials): Promise<void> {
  const record = app.store.get(credentials.clientId);
  if (record === undefined) {
    burnVerification(credentials.clientSecret);
    throw invalidClient('Unknown client or wrong secret.');
  }
  if (!(await verifySecret(credentials.clientSecret, record.secret_hash))) {
    throw invalidClient('Unknown client or wrong secret.');
  }
  const current = app.store.get(credentials.clientId);
  const reason = current === undefined ? 'Unknown client.' : unusableReason(current, app.now());
  if (reason !== null) throw invalidClient(reason);
}

/** POST /auth/token: OAuth2 client credentials grant (RFC 6749 §4.4). */
export const handleToken: Handler = async (app, context): Promise<Reply> => {
  const form = readForm(context.request.headers['content-type'], context.body);
  // The seed documents the token request with the Basic header alone: a request without a
  // grant_type is a client_credentials request. One that names any other grant is refused.
  const grantType = one(form, 'grant_type') ?? 'client_credentials';
  if (grantType === '') {
    throw badRequest('invalid_request', 'grant_type is empty.', 'grant_type');
  }
  if (grantType !== 'client_credentials') {
    throw badRequest(
      'unsupported_grant_type',
      'Only grant_type=client_credentials is supported.',
      'grant_type',
    );
  }
  const rawScope = one(form, 'scope');
  const scope = rawScope === undefined || rawScope === '' ? undefined : rawScope;
  if (scope !== undefined && !SCOPE.test(scope)) {
    throw badRequest('invalid_scope', 'scope is not a valid list of scope tokens.', 'scope');
  }
  const credentials = clientCredentials(context.request.headers.authorization, form);
  await context.pause();
  await authenticate(app, credentials);
  const accessToken = await app.signer.issue(credentials.clientId, scope);
  app.stats.tokensIssued += 1;
  app.store.update(credentials.clientId, { last_used_at: nowIso(app) });
  app.persistence.touch();
  const body: TokenResponseJson = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: app.tokenTtlSeconds,
    ...(scope === undefined ? {} : { scope }),
  };
  return jsonReply(200, body, NO_STORE);
};
