import { z } from 'zod';
import { ProblemError } from './reply';
import type { ProblemFieldError } from './types';

/** Longest credential name, in Unicode code points. */
export const MAX_NAME_LENGTH = 100;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 / ISO 8601 date-time with an offset; null when malformed or impossible. */
export function parseTimestamp(text: string): number | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, fraction));
  date.setUTCFullYear(year);
  if (date.getUTCDate() !== day) return null;
  const local = date.getTime();
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return local - offsetMinutes * 60_000;
}

function customIssue(code: string, message: string) {
  return { code: 'custom' as const, message, params: { code } };
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

const NameSchema = z.string().check((ctx) => {
  const length = [...ctx.value].length;
  if (ctx.value.trim().length === 0) {
    ctx.issues.push({ ...customIssue('blank', 'name must not be blank.'), input: ctx.value });
  } else if (length > MAX_NAME_LENGTH) {
    ctx.issues.push({
      ...customIssue('too_long', `name must be at most ${MAX_NAME_LENGTH} characters.`),
      input: ctx.value,
    });
  } else if ([...ctx.value].some(isControl)) {
    ctx.issues.push({
      ...customIssue('invalid_characters', 'name must not contain control characters.'),
      input: ctx.value,
    });
  }
});

const ExpiresAtSchema = z
  .string()
  .check((ctx) => {
    if (parseTimestamp(ctx.value) === null) {
      ctx.issues.push({
        ...customIssue(
          'invalid_format',
          'expires_at must be an ISO 8601 date-time with a time zone, e.g. 2027-03-04T00:00:00Z.',
        ),
        input: ctx.value,
      });
    }
  })
  .nullable()
  .optional();

/** The body of POST /auth/credentials (structure only; the clock is checked separately). */
export const CreateCredentialSchema = z.strictObject({
  name: NameSchema,
  expires_at: ExpiresAtSchema,
});

/** A structurally valid create request. */
export type CreateCredentialInput = z.infer<typeof CreateCredentialSchema>;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Validates the create body; throws a 400 ProblemError with `param` and `errors[]`. */
export function parseCreateCredential(body: unknown): CreateCredentialInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemError({
      status: 400,
      code: 'invalid_body',
      detail: `The request body must be a JSON object, not ${typeName(body)}.`,
    });
  }
  const parsed = CreateCredentialSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const record = body as Record<string, unknown>;
  const errors: ProblemFieldError[] = [];
  for (const issue of parsed.error.issues) {
    const param = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ param: key, detail: `Unknown parameter ${key}.`, code: 'unknown_parameter' });
      }
    } else if (issue.code === 'invalid_type') {
      const missing = !Object.prototype.hasOwnProperty.call(record, param);
      errors.push(
        missing
          ? { param, detail: `${param} is required.`, code: 'required' }
          : {
              param,
              detail: `${param} must be ${param === 'expires_at' ? 'a string or null' : 'a string'}, not ${typeName(record[param])}.`,
              code: 'invalid_type',
            },
      );
    } else {
      const code =
        issue.code === 'custom' ? String(issue.params?.['code'] ?? 'invalid') : issue.code;
      errors.push({ param, detail: issue.message, code });
    }
  }
  const first = errors[0];
  throw new ProblemError({
    status: 400,
    code: 'validation_failed',
    detail:
      errors.length === 1 && first !== undefined
        ? first.detail
        : `The request has ${errors.length} invalid parameters.`,
    ...(first === undefined ? {} : { param: first.param }),
    errors,
  });
}

/** Checks the parts that depend on the clock; throws a 422 ProblemError. Returns expires_at as ms or null. */
export function checkCreateSemantics(input: CreateCredentialInput, nowMs: number): number | null {
  if (input.expires_at === undefined || input.expires_at === null) return null;
  const at = parseTimestamp(input.expires_at);
  if (at === null || at <= nowMs) {
    const detail = 'expires_at must be in the future.';
    throw new ProblemError({
      status: 422,
      code: 'expires_at_in_past',
      detail,
      param: 'expires_at',
      errors: [{ param: 'expires_at', detail, code: 'in_past' }],
    });
  }
  return at;
}
