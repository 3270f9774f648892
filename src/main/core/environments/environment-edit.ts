import type { Environment, EnvironmentFields } from '../../../shared/domain';

// What an edit of an environment changes, for the service to act on and the audit log to say.

/** The fields a patch sets (core callers may leave some undefined). */
export function setFields(patch: Partial<EnvironmentFields>): Partial<EnvironmentFields> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/** True when a request to the environment would differ: cached tokens must go. */
export function requestsChanged(before: Environment, after: Environment): boolean {
  return (
    before.baseUrl !== after.baseUrl ||
    before.tokenUrl !== after.tokenUrl ||
    before.kind !== after.kind ||
    JSON.stringify(before.extraHeaders) !== JSON.stringify(after.extraHeaders) ||
    JSON.stringify(before.secretHeaders) !== JSON.stringify(after.secretHeaders) ||
    before.clientAuth !== after.clientAuth ||
    before.scope !== after.scope ||
    before.audience !== after.audience ||
    JSON.stringify(before.resources) !== JSON.stringify(after.resources) ||
    JSON.stringify(before.tokenParams) !== JSON.stringify(after.tokenParams)
  );
}

/** The audit outcome of an edit: where its secrets may go now, and which secret headers changed (names only). */
export function updateOutcome(
  changes: readonly string[],
  setHeaders: readonly string[],
  removedHeaders: readonly string[],
): string | undefined {
  const parts: string[] = [];
  if (changes.length > 0) {
    parts.push(`${changes.join('; ')}: its secrets are sent nowhere until pasted again`);
  }
  if (setHeaders.length > 0)
    parts.push(`secret headers set in the keychain: ${setHeaders.join(', ')}`);
  if (removedHeaders.length > 0) parts.push(`secret headers removed: ${removedHeaders.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
