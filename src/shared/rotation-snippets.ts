/** Ready-made configuration snippets for handing a new credential over to an app. */

/** The formats of a hand-over snippet. */
export const SNIPPET_FORMATS = ['env', 'json'] as const;

/** The format of a hand-over snippet. */
export type SnippetFormat = (typeof SNIPPET_FORMATS)[number];

/** What a snippet names: never the secret unless main fills it in for a copy through the clipboard. */
export interface SnippetInput {
  readonly environmentName: string;
  readonly credentialName: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The secret (main only, for a copy that is cleared after 30 s); null puts a placeholder. */
  readonly clientSecret: string | null;
}

/** The placeholder that stands for the secret in snippets shown on screen. */
export const SECRET_PLACEHOLDER = '<paste the secret from your secret manager>';

/** Quotes a value for a .env file (double quotes, backslash and quote escaped). */
function envValue(value: string): string {
  return /^[A-Za-z0-9_./:@-]*$/.test(value) ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}

/** A `.env` snippet: token URL, client_id and the secret (or a placeholder). */
export function envSnippet(input: SnippetInput): string {
  const secret = input.clientSecret ?? SECRET_PLACEHOLDER;
  return [
    `# ${input.environmentName}: ${input.credentialName}`.replace(/[\r\n]+/g, ' '),
    `OAUTH_TOKEN_URL=${envValue(input.tokenUrl)}`,
    `OAUTH_CLIENT_ID=${envValue(input.clientId)}`,
    `OAUTH_CLIENT_SECRET=${input.clientSecret === null ? secret : envValue(secret)}`,
    '',
  ].join('\n');
}

/** A JSON snippet with the same three values. */
export function jsonSnippet(input: SnippetInput): string {
  return `${JSON.stringify(
    {
      tokenUrl: input.tokenUrl,
      grantType: 'client_credentials',
      clientId: input.clientId,
      clientSecret: input.clientSecret ?? SECRET_PLACEHOLDER,
    },
    null,
    2,
  )}\n`;
}

/** The snippet in the given format. */
export function handOverSnippet(format: SnippetFormat, input: SnippetInput): string {
  return format === 'env' ? envSnippet(input) : jsonSnippet(input);
}
