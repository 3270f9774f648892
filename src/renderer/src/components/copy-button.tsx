import { useEffect, useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import { CheckIcon, CopyIcon } from './icons';

/** What a copy action may report back: when main will clear the clipboard, if it will. */
export interface CopyOutcome {
  readonly clearsAt?: number | string | null;
}

/** Props of a copy button. */
export interface CopyButtonProps {
  /** The accessible name and visible text, e.g. "Copy client_id". */
  readonly label: string;
  /** Performs the copy through main (clipboard channels); the renderer never touches the clipboard. */
  readonly copy: () => Promise<Result<CopyOutcome | void | null>>;
  readonly className?: string;
  /** Shows only an icon-sized button (the label stays the accessible name). */
  readonly compact?: boolean;
}

/** A button that copies through main and says so, including when the clipboard will be cleared. */
export function CopyButton({ label, copy, className, compact = false }: CopyButtonProps) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; clearsInS: number | null }
    | { kind: 'failed'; error: AppError }
  >({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'done' && state.kind !== 'failed') return;
    const timer = window.setTimeout(() => setState({ kind: 'idle' }), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const onClick = async () => {
    setState({ kind: 'busy' });
    const result = await copy();
    if (!result.ok) {
      setState({ kind: 'failed', error: result.error });
      return;
    }
    const clearsAt = result.value?.clearsAt;
    const at = typeof clearsAt === 'string' ? Date.parse(clearsAt) : clearsAt;
    setState({
      kind: 'done',
      clearsInS:
        typeof at === 'number' && Number.isFinite(at)
          ? Math.max(1, Math.round((at - Date.now()) / 1000))
          : null,
    });
  };

  return (
    <span className="copy">
      <button
        type="button"
        className={`button ${compact ? 'button-compact' : ''} ${className ?? ''}`}
        aria-label={compact ? label : undefined}
        title={compact ? label : undefined}
        disabled={state.kind === 'busy'}
        onClick={() => void onClick()}
      >
        {compact ? state.kind === 'done' ? <CheckIcon /> : <CopyIcon /> : label}
      </button>
      <span className={compact ? 'visually-hidden' : 'copy-note'} role="status">
        {state.kind === 'done' &&
          (state.clearsInS === null
            ? 'Copied'
            : `Copied — clipboard clears in ${state.clearsInS} s`)}
        {state.kind === 'failed' && <span className="text-danger">{state.error.message}</span>}
      </span>
    </span>
  );
}
