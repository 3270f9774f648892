import { AppFailure, errorCode } from '../../../shared/errors';

const NETWORK_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running, and is the port right?)',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS is not answering)',
  ECONNRESET: 'the connection was reset before a complete response arrived',
  EPIPE: 'the connection was closed while sending the request',
  UND_ERR_SOCKET: 'the connection was closed before a complete response arrived',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain has a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

/** A `network` failure naming the host and the cause's code, never a header or a body. */
export function networkFailure(
  error: unknown,
  host: string,
  during: 'request' | 'body',
): AppFailure {
  const code = errorCode(error);
  const cause =
    (code && NETWORK_CAUSES[code]) ??
    (during === 'body'
      ? 'the connection broke before the whole response arrived'
      : 'the request could not be sent');
  // Without a code, a short cause from the HTTP stack ("bad port") still helps; it never holds headers.
  const reason = (error as { cause?: unknown } | null)?.cause;
  const said =
    code === undefined && reason instanceof Error && /^[\w .,'-]{1,60}$/.test(reason.message)
      ? reason.message
      : code;
  return new AppFailure({
    kind: 'network',
    message: `Cannot reach ${host}: ${cause}${said ? ` (${said})` : ''}.`,
  });
}

/** A `timeout` failure naming the host and how long Keysmith waited. */
export function timeoutFailure(host: string, timeoutMs: number): AppFailure {
  const wait = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  return new AppFailure({
    kind: 'timeout',
    message: `${host} did not answer within ${wait}.`,
    timeoutMs,
  });
}

/** The `host[:port]` of an http(s) URL; throws a `validation` failure for anything else. */
export function hostOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppFailure({
      kind: 'validation',
      message: `"${url.slice(0, 200)}" is not a valid URL.`,
      errors: [],
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppFailure({
      kind: 'validation',
      message: `${parsed.protocol} URLs are not supported: use https:// (or http:// for a local server).`,
      errors: [],
    });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new AppFailure({
      kind: 'validation',
      message: 'A URL must not carry a user name or password; Keysmith sends credentials itself.',
      errors: [],
    });
  }
  return parsed.host;
}
