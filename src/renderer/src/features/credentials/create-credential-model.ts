/** Longest credential name the API accepts, in code points. */
export const MAX_NAME_LENGTH = 100;

/** The create form's values as the inputs hold them. */
export interface CreateCredentialValues {
  readonly name: string;
  /** A `datetime-local` value (local time), or '' for "never expires". */
  readonly expiresAt: string;
}

/** A datetime-local value (YYYY-MM-DDTHH:mm) for a moment, in local time. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO 8601 UTC instant of a datetime-local value, or null when empty or unreadable. */
export function localInputToIso(value: string): string | null {
  if (value.trim() === '') return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Checks the form before sending; messages by field. The server checks again and may still refuse. */
export function validateCreate(
  values: CreateCredentialValues,
  now: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name;
  if (name.trim() === '')
    errors.name = 'Give the credential a name (e.g. the app or system that uses it).';
  else if ([...name].length > MAX_NAME_LENGTH)
    errors.name = `At most ${MAX_NAME_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name)) errors.name = 'No control characters.';
  if (values.expiresAt.trim() !== '') {
    const iso = localInputToIso(values.expiresAt);
    if (iso === null) errors.expiresAt = 'Enter a date and time.';
    else if (Date.parse(iso) <= now) errors.expiresAt = 'The expiry must be in the future.';
  }
  return errors;
}
