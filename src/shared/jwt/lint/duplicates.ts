import { certainlyNoDuplicates, findDuplicateMembers } from '../encoding/json';
import type { JsonValue, LintFinding, SegmentName } from '../types';
import { finding } from './rules';

/** One finding per member name that occurs twice in the same JSON object (`text` parsed to `value`). */
export function duplicateFindings(
  text: string,
  segment: SegmentName,
  value: JsonValue,
): readonly LintFinding[] {
  if (certainlyNoDuplicates(text, value)) return [];
  return findDuplicateMembers(text).map((d) =>
    finding(
      'duplicate-member',
      `The ${segment} has "${d.name}" twice${d.path === '' ? '' : ` inside ${d.path}`}. JSON.parse keeps the last value, other parsers the first: a verifier and an application can read different values.`,
      { segment, claim: d.name },
    ),
  );
}
