import { z } from 'zod';
import {
  ENVIRONMENT_KINDS,
  type EnvironmentFields,
  type EnvironmentKind,
} from '../../../shared/domain';
import { AppFailure, type FieldError } from '../../../shared/errors';
import { secretShapeOf } from '../secrets/secret-shape';

/** Longest environment name. */
export const MAX_NAME_LENGTH = 80;

/** Header names the app (or the HTTP client) sets itself; an environment may not override them. */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'idempotency-key',
]);

const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Control characters would let a header value smuggle a second header (CR/LF) or break parsers.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const MAX_HEADERS = 50;

/** The environment kinds as a non-empty tuple, for z.enum. */
export const ENVIRONMENT_KIND_TUPLE = ENVIRONMENT_KINDS as readonly [
  EnvironmentKind,
  ...EnvironmentKind[],
];

/** True for hosts that never leave the machine: localhost, *.localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

const noSecret = (value: string): boolean => secretShapeOf(value) === null;
const NO_SECRET = { error: 'This looks like a secret or a token: those belong in the keychain.' };

/** An absolute http(s) URL without credentials or fragment (and, for a base URL, without query). */
function httpUrl(what: string, allowQuery: boolean) {
  return z
    .string()
    .trim()
    .min(1, { error: `Enter the ${what}.`, abort: true })
    .max(2048, { error: `Keep the ${what} under 2048 characters.` })
    .refine(noSecret, NO_SECRET)
    .superRefine((value, ctx) => {
      const problem = urlProblem(value, what, allowQuery);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    });
}

function urlProblem(value: string, what: string, allowQuery: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Enter the ${what} as a full URL, e.g. https://api.example.com.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `Use an https:// (or http://) URL, not ${url.protocol}.`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'Remove the user name and password from the URL: credentials belong in the keychain.';
  }
  if (url.hash !== '' || value.includes('#')) return 'Remove the #fragment from the URL.';
  if (!allowQuery && url.search !== '') {
    return `Remove the query string: API paths are appended to the ${what}.`;
  }
  return null;
}

/**
 * The editable fields of an environment, validated field by field (also the IPC input shape).
 * Cross-field rules (https for production) are in `checkEnvironmentFields`: zod cannot extend or
 * pick an object schema that carries refinements, and this one is meant to be extended.
 */
export const EnvironmentFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Give the environment a name.' })
    .max(MAX_NAME_LENGTH, { error: `Keep the name to ${MAX_NAME_LENGTH} characters or fewer.` })
    .refine((value) => !CONTROL_CHARACTERS.test(value) && !value.includes('\t'), {
      error: 'The name cannot contain control characters.',
    })
    .refine(noSecret, NO_SECRET),
  kind: z.enum(ENVIRONMENT_KIND_TUPLE, {
    error: `Choose one of: ${ENVIRONMENT_KINDS.join(', ')}.`,
  }),
  baseUrl: httpUrl('base URL', false),
  tokenUrl: httpUrl('token URL', true).nullable(),
  extraHeaders: z
    .record(z.string(), z.string())
    .default({})
    .superRefine((headers, ctx) => {
      const problem = headersProblem(headers);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
  colour: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Use a colour written as #rrggbb.' })
    .transform((value) => value.toLowerCase()),
});

function headersProblem(headers: Readonly<Record<string, string>>): string | null {
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) return `Use at most ${MAX_HEADERS} extra headers.`;
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!HEADER_TOKEN.test(name)) return `“${name}” is not a valid header name.`;
    if (RESERVED_HEADER_NAMES.has(lower)) return `${name} is set by Keysmith itself.`;
    if (seen.has(lower)) return `${name} appears twice (header names ignore case).`;
    seen.add(lower);
    const value = headers[name] ?? '';
    if (value.length > 4096) return `The value of ${name} is too long (4096 characters at most).`;
    if (CONTROL_CHARACTERS.test(value))
      return `The value of ${name} contains a line break or control character.`;
    if (!noSecret(value)) {
      return `The value of ${name} looks like a secret or a token: those belong in the keychain.`;
    }
  }
  return null;
}

/** The non-field properties an environment carries, checked when they are set. */
export const EnvironmentStateSchema = z.object({
  activeClientId: z
    .string()
    .trim()
    .min(1, { error: 'Enter the client_id.' })
    .max(200, { error: 'A client_id has 200 characters at most.' })
    .refine(noSecret, { error: 'This is a client secret, not a client_id.' })
    .nullable(),
  verification: z.enum(['verified', 'not-verified']),
  autoRenew: z.boolean(),
});

/** Turns zod issues into field errors named after the top-level field (the first per field), as the UI expects. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const byParam = new Map<string, FieldError>();
  for (const issue of error.issues) {
    const param = issue.path.length > 0 ? String(issue.path[0]) : 'environment';
    if (!byParam.has(param)) byParam.set(param, { param, detail: issue.message });
  }
  return [...byParam.values()];
}

/** Throws a validation AppFailure listing every field error. */
export function failValidation(errors: readonly FieldError[]): never {
  const first = errors[0];
  const message =
    errors.length === 1 && first !== undefined
      ? `Check ${first.param}: ${first.detail}`
      : `Check the environment: ${errors.length} fields need attention.`;
  throw new AppFailure({ kind: 'validation', message, errors });
}

/**
 * Validates and normalises environment fields (trimmed, lower-case colour). Production must use
 * https unless it points at loopback: a production secret sent over plain http can be read by
 * anyone on the path. Other kinds may use http on any host, because internal staging and
 * development servers often have no TLS.
 */
export function checkEnvironmentFields(fields: unknown): EnvironmentFields {
  const parsed = EnvironmentFieldsSchema.safeParse(fields);
  if (!parsed.success) failValidation(fieldErrorsOf(parsed.error));
  const checked = parsed.data;
  if (checked.kind === 'production') {
    const errors: FieldError[] = [];
    for (const param of ['baseUrl', 'tokenUrl'] as const) {
      const value = checked[param];
      if (value === null) continue;
      const url = new URL(value);
      if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        errors.push({
          param,
          detail: 'Production needs https: a secret sent over plain http can be read on the way.',
        });
      }
    }
    if (errors.length > 0) failValidation(errors);
  }
  return checked;
}
