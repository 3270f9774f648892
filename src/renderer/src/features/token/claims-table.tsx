import { explainClaims, explainHeader, type JsonObject } from '@shared/jwt';
import { ExplainedTable } from '../../components/explained-table';
import { useNow } from '../../lib/use-now';

/** A token's header or claims, explained by the JWT module (times local / UTC / relative). */
export function ClaimsTable({
  caption,
  part,
  values,
}: {
  caption: string;
  part: 'header' | 'claims';
  values: Readonly<Record<string, unknown>>;
}) {
  const now = useNow(60_000);
  const members = values as JsonObject;
  const items = part === 'header' ? explainHeader(members, now) : explainClaims(members, now);
  return <ExplainedTable caption={caption} items={items} />;
}
