import type { TokenCopyFormat } from '../../../shared/domain';

/** Quotes a value for a POSIX shell: single quotes, each `'` inside written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The text a token copy puts on the clipboard: the bare token, an `Authorization: Bearer` header,
 * or a curl command that lists the environment's credentials with it.
 */
export function tokenCopyText(
  format: TokenCopyFormat,
  accessToken: string,
  baseUrl: string,
): string {
  const header = `Authorization: Bearer ${accessToken}`;
  switch (format) {
    case 'token':
      return accessToken;
    case 'authorization-header':
      return header;
    case 'curl':
      return `curl -H ${shellQuote(header)} ${shellQuote(`${baseUrl}/auth/credentials`)}`;
  }
}
