import { CONTROL_CHARACTERS } from './environment';

// The rules of an environment's token request options (scope, audience, RFC 8707 resources,
// extra form parameters): main enforces them through the environment's schema, the form uses
// them for early feedback.

/** Longest scope or audience value. */
export const MAX_TEXT_LENGTH = 1000;
/** Most resource indicators an environment may send. */
export const MAX_RESOURCES = 10;
/** Most extra token parameters an environment may send. */
export const MAX_TOKEN_PARAMS = 20;

/**
 * Token request parameters Keysmith sets itself: an extra parameter may not replace them (the
 * grant, the client's proof, and the options that have their own field).
 */
export const RESERVED_TOKEN_PARAMS: ReadonlySet<string> = new Set([
  'grant_type',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'scope',
  'audience',
  'resource',
]);

/** A form parameter name: printable ASCII without separators. */
export const PARAM_NAME_PATTERN = /^[A-Za-z0-9_.\-:]{1,100}$/;

/** What is wrong with a short single-line value (scope, audience), or null. */
export function textProblem(value: string, label: string): string | null {
  if (value.length > MAX_TEXT_LENGTH) {
    return `Keep the ${label} under ${MAX_TEXT_LENGTH} characters.`;
  }
  if (CONTROL_CHARACTERS.test(value) || value.includes('\t')) {
    return `The ${label} contains a line break or control character.`;
  }
  return null;
}

/** What is wrong with a list of resource indicators, or null (RFC 8707 §2: absolute, no fragment). */
export function resourcesProblem(values: readonly string[]): string | null {
  if (values.length > MAX_RESOURCES) return `Use at most ${MAX_RESOURCES} resources.`;
  for (const value of values) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `“${value}” is not an absolute URI: a resource is written as https://api.example.com.`;
    }
    if (value.includes('#')) return `Remove the #fragment from ${url.origin} (RFC 8707 §2).`;
    if (url.username !== '' || url.password !== '') {
      return 'Remove the user name and password from the resource URI.';
    }
  }
  if (new Set(values).size !== values.length) return 'A resource appears twice.';
  return null;
}

/** What is wrong with the extra token parameters, or null. */
export function tokenParamsProblem(
  params: Readonly<Record<string, string>>,
  looksSecret: (value: string) => boolean = () => false,
): string | null {
  const names = Object.keys(params);
  if (names.length > MAX_TOKEN_PARAMS) return `Use at most ${MAX_TOKEN_PARAMS} extra parameters.`;
  for (const name of names) {
    if (!PARAM_NAME_PATTERN.test(name)) return `“${name}” is not a valid parameter name.`;
    if (RESERVED_TOKEN_PARAMS.has(name)) {
      return `${name} is set by Keysmith itself${name === 'scope' || name === 'audience' || name === 'resource' ? ': use its own field' : ''}.`;
    }
    const problem = textProblem(params[name] ?? '', `value of ${name}`);
    if (problem !== null) return problem;
    if (looksSecret(params[name] ?? '')) {
      return `The value of ${name} looks like a secret or a token: those belong in the keychain.`;
    }
  }
  return null;
}
