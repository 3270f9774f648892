import { describe, expect, it } from 'vitest';
import { metadataNamed, oauthErrorToAppError } from '../../src/main/core/tokens/oauth-error';

// OAuth error responses (RFC 6749 §5.2, RFC 7591 §3.2.2) in words, on the field they concern.

const token = { context: 'token', host: 'auth.example.com' } as const;
const registration = { context: 'registration', host: 'auth.example.com' } as const;

describe('an OAuth error response becomes a problem on the field it concerns', () => {
  it.each([
    ['invalid_scope', token, 'scope', 'scope is unknown'],
    ['invalid_target', token, 'resources', 'resource'],
    ['invalid_client', token, 'clientSecret', 'client_id or client_secret is wrong'],
    [
      'invalid_client',
      { ...token, clientAuth: 'private_key_jwt' as const },
      'clientId',
      'public key registered',
    ],
    ['unauthorized_client', token, 'clientId', 'may not use the client_credentials grant'],
    ['invalid_token', registration, 'initialAccessToken', 'initial or registration access token'],
    ['invalid_redirect_uri', registration, 'redirectUris', 'redirect URI'],
    ['invalid_software_statement', registration, 'softwareStatement', 'software statement'],
  ])('%s lands on its field', (error, options, param, words) => {
    const appError = oauthErrorToAppError({ error }, 400, options);
    expect(appError).toMatchObject({
      kind: 'problem',
      problem: { code: error, param, status: 400, errors: [{ param, code: error }] },
    });
    expect(appError!.message).toContain(words);
    expect(appError!.message).toContain('auth.example.com');
  });

  it('keeps the server’s own description in the message and the detail', () => {
    const appError = oauthErrorToAppError(
      { error: 'invalid_client', error_description: 'client authentication failed' },
      401,
      token,
    );
    expect(appError!.message).toContain('— client authentication failed.');
    expect(appError).toMatchObject({
      problem: { detail: 'client authentication failed', status: 401 },
    });
  });

  it('puts invalid_client_metadata on the metadata field its description names', () => {
    const named = oauthErrorToAppError(
      {
        error: 'invalid_client_metadata',
        error_description: 'token_endpoint_auth_method must be one of: client_secret_basic',
      },
      400,
      registration,
    );
    expect(named).toMatchObject({ problem: { param: 'clientAuth' } });
    const unnamed = oauthErrorToAppError({ error: 'invalid_client_metadata' }, 400, registration);
    expect(unnamed).toMatchObject({ problem: { code: 'invalid_client_metadata' } });
    expect((unnamed as { problem: { param?: string } }).problem.param).toBeUndefined();
    expect(unnamed!.message).toContain('metadata');
  });

  it('drops members named like secrets, and answers null for a body that is no OAuth error', () => {
    const appError = oauthErrorToAppError(
      { error: 'invalid_request', client_secret: 'leaked-by-a-broken-server' },
      400,
      token,
    );
    expect(JSON.stringify(appError)).not.toContain('leaked-by-a-broken-server');
    expect(oauthErrorToAppError({ message: 'nope' }, 400, token)).toBeNull();
    expect(oauthErrorToAppError('error', 400, token)).toBeNull();
    expect(oauthErrorToAppError({ error: '' }, 400, token)).toBeNull();
  });

  it('reads a metadata name from a long description in linear time, looking at its start only', () => {
    expect(metadataNamed(`${'x '.repeat(5000)}jwks`)).toBeNull();
    expect(metadataNamed('jwks_uri is not allowed')).toBe('jwks_uri');
  });
});
