import {
  CONTROL_CHARACTERS,
  HEADER_NAME_PATTERN,
  MAX_EXTRA_HEADERS,
  MAX_HEADER_VALUE_LENGTH,
  RESERVED_HEADER_NAMES,
} from './environment';

// The rules of secret headers (their names live with the environment, their values only in the
// keychain): main enforces them, the form uses them for early feedback.

/** Header names whose value is probably a secret: the form proposes to keep those in the keychain. */
const SECRET_HEADER_NAME = /auth|key|secret|token|passw|credential|signature|session|cookie/i;

/** True for header names such as X-Api-Key, X-Auth-Token or Ocp-Apim-Subscription-Key. */
export function looksLikeSecretHeader(name: string): boolean {
  return SECRET_HEADER_NAME.test(name);
}

/** What is wrong with the names of the secret headers, or null (their values are checked apart). */
export function secretHeaderNamesProblem(names: readonly string[]): string | null {
  if (names.length > MAX_EXTRA_HEADERS) return `Use at most ${MAX_EXTRA_HEADERS} secret headers.`;
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME_PATTERN.test(name)) return `“${name}” is not a valid header name.`;
    if (RESERVED_HEADER_NAMES.has(lower)) return `${name} is set by Keysmith itself.`;
    if (seen.has(lower)) return `${name} appears twice (header names ignore case).`;
    seen.add(lower);
  }
  return null;
}

/** What is wrong with plain and secret headers together (a name in both, too many), or null. */
export function headerSetProblem(
  plain: Readonly<Record<string, string>>,
  secret: readonly string[],
): string | null {
  const plainNames = new Set(Object.keys(plain).map((name) => name.toLowerCase()));
  const both = secret.find((name) => plainNames.has(name.toLowerCase()));
  if (both !== undefined) return `${both} is both a plain and a secret header: keep one.`;
  if (plainNames.size + secret.length > MAX_EXTRA_HEADERS) {
    return `Use at most ${MAX_EXTRA_HEADERS} extra headers, secret ones included.`;
  }
  return null;
}

/** What is wrong with the value of a secret header, or null. */
export function secretHeaderValueProblem(name: string, value: string): string | null {
  if (value === '') return `Enter the value of ${name}.`;
  if (value.length > MAX_HEADER_VALUE_LENGTH) {
    return `The value of ${name} is too long (${MAX_HEADER_VALUE_LENGTH} characters at most).`;
  }
  if (CONTROL_CHARACTERS.test(value)) {
    return `The value of ${name} contains a line break or control character.`;
  }
  return null;
}
