/**
 * Recognises values shaped like a secret or a token, so the files main writes (profiles.json,
 * the audit log) can refuse them. A last line of defence: callers should never pass one anyway.
 */
const SECRET_SHAPES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  // The API's client secrets: `dinie_cs_live_…`, `dinie_cs_test_…`.
  { what: 'a client secret', pattern: /dinie_cs_/i },
  // A JWT (access token): base64url `{"` header, a dot, base64url `{"` payload.
  { what: 'a JWT', pattern: /eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*/ },
  // A PEM private key, e.g. a JWT signing key pasted by mistake.
  { what: 'a private key', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/ },
];

/** What secret a string looks like ("a client secret", "a JWT", …), or null when it looks like none. */
export function secretShapeOf(value: string): string | null {
  for (const { what, pattern } of SECRET_SHAPES) {
    if (pattern.test(value)) return what;
  }
  return null;
}
