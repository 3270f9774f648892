import { z } from 'zod';
import {
  ENVIRONMENT_FIELDS,
  ENVIRONMENT_FIELD_NAMES,
  needsHttps,
  type EnvironmentFields,
} from '../../../shared/environment';
import { headerSetProblem, secretHeaderValueProblem } from '../../../shared/secret-header-rules';
import { checkedEnvironmentFieldsSchema } from '../../../shared/environment-schema';
import { AppFailure, type FieldError } from '../../../shared/errors';
import { secretShapeOf } from '../secrets/secret-shape';

const noSecret = (value: string): boolean => secretShapeOf(value) === null;

/**
 * The editable fields of an environment as main enforces them, field by field (derived from
 * ENVIRONMENT_FIELDS). The IPC input is the contract's looser `EnvironmentFieldsInput`: these
 * rules run in core, so that every caller gets them and each error lands on its field.
 */
export const EnvironmentFieldsSchema = checkedEnvironmentFieldsSchema(
  (value) => secretShapeOf(value) !== null,
);

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

/** The fields that hold a URL, in form order. */
const URL_FIELDS = ENVIRONMENT_FIELD_NAMES.filter((name) => {
  const { type } = ENVIRONMENT_FIELDS[name];
  return type === 'url' || type === 'optional-url';
});

/**
 * Validates and normalises environment fields (trimmed, lower-case colour), then the rules that
 * span fields: production must use https unless it points at loopback (`needsHttps`), and a
 * header is either plain or secret, never both.
 */
export function checkEnvironmentFields(fields: unknown): EnvironmentFields {
  const parsed = EnvironmentFieldsSchema.safeParse(fields);
  if (!parsed.success) failValidation(fieldErrorsOf(parsed.error));
  const checked = parsed.data;
  const errors: FieldError[] = [];
  for (const param of URL_FIELDS) {
    const value = checked[param];
    if (typeof value === 'string' && needsHttps(checked.kind, value)) {
      errors.push({
        param,
        detail: 'Production needs https: a secret sent over plain http can be read on the way.',
      });
    }
  }
  const headers = headerSetProblem(checked.extraHeaders, checked.secretHeaders);
  if (headers !== null) errors.push({ param: 'secretHeaders', detail: headers });
  if (errors.length > 0) failValidation(errors);
  return checked;
}

/**
 * Checks the secret header values sent with an add or an edit against the environment's secret
 * header names: each must name one of them, and each name not yet `known` (stored before) needs
 * a value. Returns the values keyed by the names as the environment spells them.
 */
export function checkSecretHeaderValues(
  names: readonly string[],
  values: Readonly<Record<string, string>>,
  known: readonly string[],
): Record<string, string> {
  const byLower = new Map(names.map((name) => [name.toLowerCase(), name]));
  const knownLower = new Set(known.map((name) => name.toLowerCase()));
  const checked: Record<string, string> = {};
  const problems: string[] = [];
  for (const [given, value] of Object.entries(values)) {
    const name = byLower.get(given.toLowerCase());
    if (name === undefined) {
      problems.push(`${given} is not one of the secret headers.`);
      continue;
    }
    const problem = secretHeaderValueProblem(name, value);
    if (problem === null) checked[name] = value;
    else problems.push(problem);
  }
  for (const name of names) {
    if (!knownLower.has(name.toLowerCase()) && checked[name] === undefined) {
      problems.push(`Enter the value of ${name}: it is kept in the keychain.`);
    }
  }
  if (problems.length > 0) {
    failValidation([{ param: 'secretHeaders', detail: problems.join(' ') }]);
  }
  return checked;
}
