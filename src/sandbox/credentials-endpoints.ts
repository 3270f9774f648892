import {
  newCredentialRecord,
  nowIso,
  type Handler,
  type RequestContext,
  type SandboxApp,
} from './context';
import { toCredentialJson } from './credential-store';
import { checkCreateSemantics, parseCreateCredential } from './credential-input';
import { parseBearer } from './form-encoding';
import { fingerprint, parseIdempotencyKey } from './idempotency';
import { emptyReply, jsonReply, ProblemError, type Reply } from './reply';
import { parseJsonBody } from './request-body';
import { hashGeneratedSecret, newClientId, newClientSecret } from './secrets';
import type { CreatedCredentialJson, CredentialListJson } from './types';

function unauthorized(code: string, detail: string, challenge: string): ProblemError {
  return new ProblemError({
    status: 401,
    code,
    detail,
    headers: { 'WWW-Authenticate': challenge },
  });
}

/**
 * Checks the Bearer token (signature, issuer, audience, exp) and returns its client_id.
 * A token keeps working after its credential is revoked, until it expires.
 */
async function authenticateBearer(app: SandboxApp, context: RequestContext): Promise<string> {
  const bearer = parseBearer(context.request.headers.authorization);
  if (bearer === 'absent') {
    throw unauthorized(
      'missing_token',
      'Send an access token from POST /auth/token as "Authorization: Bearer <token>".',
      'Bearer realm="sandbox"',
    );
  }
  const invalid = (detail: string) =>
    unauthorized(
      'invalid_token',
      detail,
      `Bearer realm="sandbox", error="invalid_token", error_description="${detail}"`,
    );
  if (bearer === 'malformed')
    throw invalid('The Authorization header is not a valid Bearer token.');
  const verdict = await app.signer.verify(bearer.token);
  if (!verdict.ok) {
    throw verdict.reason === 'expired'
      ? invalid('The access token has expired.')
      : invalid('The access token is invalid.');
  }
  const updated = app.store.update(verdict.clientId, { last_used_at: nowIso(app) });
  if (updated === undefined) throw invalid('The access token belongs to no known credential.');
  app.persistence.touch();
  return verdict.clientId;
}

/** GET /auth/credentials: every credential of the partner, newest first, without secrets. */
export const handleList: Handler = async (app, context): Promise<Reply> => {
  await authenticateBearer(app, context);
  await context.pause();
  const body: CredentialListJson = { data: app.store.listNewestFirst() };
  return jsonReply(200, body);
};

/** POST /auth/credentials: creates a credential; honours Idempotency-Key. */
export const handleCreate: Handler = async (app, context): Promise<Reply> => {
  const caller = await authenticateBearer(app, context);
  const key = parseIdempotencyKey(context.request.headersDistinct['idempotency-key']);
  const json = parseJsonBody(context.request.headers['content-type'], context.body);
  const input = parseCreateCredential(json);
  const decision = key === null ? null : app.idempotency.begin(caller, key, fingerprint(json));
  if (decision?.kind === 'replay') {
    app.stats.idempotentReplays += 1;
    return jsonReply(decision.status, decision.body, { 'Idempotent-Replayed': 'true' });
  }
  try {
    await context.pause();
    const expiresAtMs = checkCreateSemantics(input, app.now());
    const clientSecret = newClientSecret();
    const record = newCredentialRecord({
      clientId: newClientId(),
      name: input.name,
      secretHash: hashGeneratedSecret(clientSecret),
      expiresAt: expiresAtMs === null ? null : new Date(expiresAtMs).toISOString(),
      at: nowIso(app),
    });
    app.store.add(record);
    app.stats.credentialCreates += 1;
    const body: CreatedCredentialJson = {
      ...toCredentialJson(record),
      client_secret: clientSecret,
    };
    decision?.complete(201, body);
    await app.persistence.commit();
    return jsonReply(201, body);
  } finally {
    decision?.abandon();
  }
};

/** DELETE /auth/credentials/{client_id}: revokes a credential for good. */
export const handleRevoke: Handler = async (app, context): Promise<Reply> => {
  await authenticateBearer(app, context);
  let clientId: string;
  try {
    clientId = decodeURIComponent(context.params['client_id'] ?? '');
  } catch {
    throw new ProblemError({
      status: 400,
      code: 'invalid_path',
      detail: 'The client_id in the path has invalid percent-encoding.',
      param: 'client_id',
    });
  }
  await context.pause();
  const record = app.store.get(clientId);
  if (record === undefined) {
    throw new ProblemError({
      status: 404,
      code: 'credential_not_found',
      detail: `No credential has client_id ${clientId}.`,
      param: 'client_id',
    });
  }
  if (record.status === 'revoked') {
    throw new ProblemError({
      status: 409,
      code: 'credential_already_revoked',
      detail: `The credential ${clientId} is already revoked.`,
      param: 'client_id',
    });
  }
  app.store.update(clientId, { status: 'revoked', updated_at: nowIso(app) });
  await app.persistence.commit();
  return emptyReply(204);
};
