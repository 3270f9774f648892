import type { LintFinding } from '@shared/jwt';
import { Badge } from '../../components/badge';

const TONE = { error: 'danger', warning: 'warning', info: 'info' } as const;

/** The linter's findings, worst first (as the inspection orders them), each with why it matters and its rule. */
export function FindingsList({ findings }: { findings: readonly LintFinding[] }) {
  return (
    <section aria-labelledby="jwt-findings-title" className="jwt-section">
      <h3 id="jwt-findings-title">Findings ({findings.length})</h3>
      {findings.length === 0 ? (
        <p className="muted">Nothing to report.</p>
      ) : (
        <ul className="findings" aria-label="Lint findings">
          {findings.map((finding, index) => (
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
