import type { z } from 'zod';

/** JSON.parse that answers null for text that is not JSON (for "is this backup still good?" checks). */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Parses a state file's text against its schema. Throws what `corrupt(reason)` makes when the
 * text is not JSON or not of the expected shape, the reason naming the first wrong field.
 */
export function parseJsonFile<S extends z.ZodType>(
  text: string,
  schema: S,
  corrupt: (reason: string) => Error,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('it is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(
      `it does not have the expected shape (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}
