import type { EnvironmentKind } from '../../lib/domain';
import { KIND_LABELS } from './env-colour';

/** The kind of an environment as a small badge; production stands out. */
export function KindBadge({ kind }: { kind: EnvironmentKind }) {
  return <span className={`badge kind-badge kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}
