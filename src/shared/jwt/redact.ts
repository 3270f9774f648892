import { encodeBase64urlText } from './encoding/base64url';
import { inspectJwt } from './inspect';
import type { JsonObject, JsonValue, JwtError } from './types';

/** What replaces a masked value in a redacted token. */
export const MASK = '•••• (masked)';

/** The claims masked when the caller does not choose: the ones that identify a person. */
export const DEFAULT_MASKED_CLAIMS: readonly string[] = [
  'sub',
  'email',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'upn',
  'unique_name',
  'oid',
  'phone_number',
];

/** Options of redactJwt: which claims (payload) and header parameters to mask. */
export interface RedactOptions {
  readonly maskClaims?: readonly string[];
  readonly maskHeaderParams?: readonly string[];
}

/** A token safe to paste into a ticket: `header.payload`, no signature, chosen values masked. */
export type RedactResult =
  | {
      readonly ok: true;
      /** `header.payload` in base64url: decodable, but without a signature it can never be replayed. */
      readonly text: string;
      readonly header: JsonObject;
      readonly payload: JsonObject;
      /** The names that were present and masked. */
      readonly masked: readonly string[];
    }
  | { readonly ok: false; readonly error: JwtError };

function mask(
  object: JsonObject,
  names: readonly string[],
): { readonly result: JsonObject; readonly masked: string[] } {
  const masked = Object.keys(object).filter((key) => names.includes(key));
  // fromEntries defines properties, so a "__proto__" claim stays a plain member.
  const result: JsonObject = Object.fromEntries(
    Object.entries(object).map(([key, value]): [string, JsonValue] => [
      key,
      names.includes(key) ? MASK : value,
    ]),
  );
  return { result, masked };
}

/** Drops the signature and masks chosen claims, for the "copy redacted" action; never throws. */
export function redactJwt(input: string, options: RedactOptions = {}): RedactResult {
  const inspection = inspectJwt(input);
  if (!inspection.ok) return { ok: false, error: inspection.error };
  if (inspection.payload?.form !== 'claims') {
    return {
      ok: false,
      error: {
        code: 'not-an-object',
        segment: 'payload',
        message:
          inspection.envelope === 'JWE'
            ? 'An encrypted token has no readable claims to share; decrypt it first.'
            : 'Only a token whose payload is a claims set can be redacted.',
      },
    };
  }
  const header = mask(inspection.header, options.maskHeaderParams ?? []);
  const payload = mask(inspection.payload.claims, options.maskClaims ?? DEFAULT_MASKED_CLAIMS);
  return {
    ok: true,
    text: `${encodeBase64urlText(JSON.stringify(header.result))}.${encodeBase64urlText(JSON.stringify(payload.result))}`,
    header: header.result,
    payload: payload.result,
    masked: [...header.masked.map((n) => `header.${n}`), ...payload.masked],
  };
}
