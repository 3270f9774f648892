import { explainClaims, explainHeader, type JsonObject } from '@shared/jwt';
import { ExplainedTable } from '../../components/explained-table';
import { useNow } from '../../lib/use-now';

/**
 * A token's header or claims, explained by the JWT module (times local / UTC / relative); `skewMs`
 * is how far the issuing server's clock runs ahead, so "in 5 min" is said on its clock.
 */
export function ClaimsTable({
  caption,
  part,
  values,
  skewMs = 0,
}: {
  caption: string;
  part: 'header' | 'claims';
  values: Readonly<Record<string, unknown>>;
  skewMs?: number;
}) {
  const now = useNow(60_000) + skewMs;
  const members = values as JsonObject;
  const items = part === 'header' ? explainHeader(members, now) : explainClaims(members, now);
  return <ExplainedTable caption={caption} items={items} />;
}
