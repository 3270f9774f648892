/**
 * JSON with object keys sorted at every level and no whitespace, so that equal values give equal
 * bytes: what the audit chain hashes and what the sandbox fingerprints an idempotent request by.
 * It writes what `JSON.stringify` would, in key order: a member whose value is undefined, a
 * function or a symbol is left out of an object and becomes null in an array, and a value with
 * `toJSON` (a Date) is written as what that returns. Undefined alone is written as `null`.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

/** The canonical text of a value, or undefined where JSON has none (undefined, functions, symbols). */
function canonical(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    return undefined;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => canonical(item) ?? 'null').join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const members: string[] = [];
    for (const key of Object.keys(value).sort(byCodeUnits)) {
      const text = canonical((value as Record<string, unknown>)[key]);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/** Orders keys by UTF-16 code units, as both former copies did (not by locale). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
