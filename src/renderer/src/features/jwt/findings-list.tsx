import type { LintFinding } from '@shared/jwt';
import { Badge } from '../../components/badge';

const TONE = { error: 'danger', warning: 'warning', info: 'info' } as const;

/** The linter's findings, worst first, each with why it matters and the rule it comes from. */
export function FindingsList({ findings }: { findings: readonly LintFinding[] }) {
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <section aria-labelledby="jwt-findings-title" className="jwt-section">
      <h3 id="jwt-findings-title">Findings ({findings.length})</h3>
      {sorted.length === 0 ? (
        <p className="muted">Nothing to report.</p>
      ) : (
        <ul className="findings" aria-label="Lint findings">
          {sorted.map((finding, index) => (
            <li key={`${finding.id}-${index}`} className={`finding finding-${finding.severity}`}>
              <Badge tone={TONE[finding.severity]}>{finding.severity}</Badge>{' '}
              <strong>{finding.title}</strong>
              <p>{finding.detail}</p>
              <p className="muted">{finding.reference}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
