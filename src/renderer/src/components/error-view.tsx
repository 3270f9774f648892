import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '@shared/errors';
import { copyText } from '../lib/clipboard';
import { describeError } from '../lib/errors/describe-error';
import { fieldErrorList, paramToField } from '../lib/errors/field-errors';
import { supportText } from '../lib/errors/support-text';
import { formatClock } from '../lib/format';
import { CopyButton } from './copy-button';

/** The environment "Copy for support" names: the shell provides the selected one. */
export const SupportEnvironmentContext = createContext<string | null>(null);

/** Props of the error view. */
export interface ErrorViewProps {
  readonly error: AppError;
  /** Offered as a Retry button when retrying makes sense (and, for a rate limit, once allowed). */
  readonly onRetry?: () => void;
  /** Form fields already showing their own errors: those are not listed again here. */
  readonly shownOnFields?: readonly string[];
  /** A tighter layout for dialogs and table states. */
  readonly compact?: boolean;
  /** Extra, context-specific explanation. */
  readonly children?: ReactNode;
}

/** Re-renders until `at` (epoch ms) has passed; returns whether it has. */
function useHasPassed(at: number | null): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null || now >= at) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(1000, at - now));
    return () => window.clearTimeout(timer);
  }, [at, now]);
  return at === null || now >= at;
}

/** Whether the person is typing in a field outside `root`'s dialog (focus stays with them then). */
function typingElsewhere(root: HTMLElement): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return false;
  const typing =
    active instanceof HTMLTextAreaElement ||
    active.isContentEditable ||
    (active instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(active.type));
  const dialog = root.closest('[role="dialog"], [role="alertdialog"]');
  return typing && (dialog === null || !dialog.contains(active));
}

/**
 * Brings an error into view where it happened and moves focus to it, so that a person (and a
 * screen reader) is taken to it: a dialog's error below the fold is scrolled to. Focus is left
 * alone while the person types in a field of the page.
 */
function useTakeFocus(error: AppError) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    root.scrollIntoView({ block: 'nearest' });
    if (!typingElsewhere(root)) root.focus({ preventScroll: true });
  }, [error]);
  return ref;
}

/** Shows any AppError the way a person needs it: what happened, what to do, and a retry where it helps. */
export function ErrorView({
  error,
  onRetry,
  shownOnFields = [],
  compact,
  children,
}: ErrorViewProps) {
  const description = describeError(error);
  const ref = useTakeFocus(error);
  const environment = useContext(SupportEnvironmentContext);
  const [seenAt] = useState(() => Date.now());
  const retryAt = error.kind === 'rate-limited' ? error.retryAt : null;
  const retryAllowed = useHasPassed(retryAt);
  const problem =
    error.kind === 'problem'
      ? error.problem
      : error.kind === 'rate-limited'
        ? error.problem
        : undefined;
  const listed = fieldErrorList(error).filter(
    (entry) => !shownOnFields.includes(paramToField(entry.param)),
  );

  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className={`error-view ${compact ? 'error-view-compact' : ''}`}
      data-error-kind={error.kind}
    >
      <p className="error-heading">{description.heading}</p>
      <p className="error-message">{description.message}</p>
      {description.advice && <p className="error-advice">{description.advice}</p>}
      {children}
      {retryAt !== null && (
        <p className="error-retry-after">
          Retry after <time dateTime={new Date(retryAt).toISOString()}>{formatClock(retryAt)}</time>
        </p>
      )}
      {listed.length > 0 && (
        <ul className="error-fields" aria-label="Field errors">
          {listed.map((entry) => (
            <li key={`${entry.param}:${entry.detail}`}>
              <code>{entry.param}</code>: {entry.detail}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <dl className="problem-facts" aria-label="Problem details">
          <dt>Status</dt>
          <dd>{problem.status}</dd>
          {problem.code && (
            <>
              <dt>Code</dt>
              <dd className="mono">{problem.code}</dd>
            </>
          )}
          {problem.instance && (
            <>
              <dt>Instance</dt>
              <dd className="mono">{problem.instance}</dd>
            </>
          )}
          <dt>Type</dt>
          <dd className="mono">{problem.type}</dd>
        </dl>
      )}
      {(problem || (onRetry && description.retryable)) && (
        <div className="error-actions">
          {onRetry && description.retryable && (
            <button
              type="button"
              className="button"
              disabled={!retryAllowed}
              onClick={onRetry}
              title={retryAllowed ? undefined : 'The API asked to wait before retrying'}
            >
              Retry
            </button>
          )}
          {problem && (
            <CopyButton
              label="Copy for support"
              copy={() => copyText(supportText(problem, { environment, at: seenAt }))}
            />
          )}
        </div>
      )}
    </div>
  );
}
