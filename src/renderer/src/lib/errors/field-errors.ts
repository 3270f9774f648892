import type { AppError, FieldError } from '@shared/errors';

/** Turns an API parameter name such as `expires_at` or `base_url` into a form field name (`expiresAt`). */
export function paramToField(param: string): string {
  const parts = param.split(/[.[\]]/).filter(Boolean);
  const head = (parts[0] === 'patch' || parts[0] === 'input' ? parts[1] : parts[0]) ?? param;
  return head.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

/** The field-level errors an AppError carries, whatever its kind. */
export function fieldErrorList(error: AppError | null | undefined): readonly FieldError[] {
  if (!error) return [];
  if (error.kind === 'validation') return error.errors;
  const problem =
    error.kind === 'problem' ? error.problem : error.kind === 'rate-limited' ? error.problem : null;
  if (!problem) return [];
  const list = [...(problem.errors ?? [])];
  if (problem.param && !list.some((entry) => entry.param === problem.param)) {
    list.unshift({ param: problem.param, detail: problem.detail ?? problem.title });
  }
  return list;
}

/**
 * Maps an error's `param` and `errors[]` onto form fields: `{ expiresAt: 'expires_at must be in the future.' }`.
 * `aliases` renames API params the default snake→camel rule gets wrong; the first message per field wins.
 */
export function fieldErrors(
  error: AppError | null | undefined,
  aliases: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fieldErrorList(error)) {
    const field = aliases[entry.param] ?? paramToField(entry.param);
    if (out[field] === undefined) out[field] = entry.detail;
  }
  return out;
}

/** Whether every field error of an error landed on one of the given fields (so no list is needed). */
export function allOnFields(
  error: AppError | null | undefined,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): boolean {
  const list = fieldErrorList(error);
  return (
    list.length > 0 &&
    list.every((entry) => fields.includes(aliases[entry.param] ?? paramToField(entry.param)))
  );
}
