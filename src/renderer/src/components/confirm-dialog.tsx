import { useId, useState, type ReactNode } from 'react';
import type { AppError } from '@shared/errors';
import { ErrorView } from './error-view';
import { Dialog } from './dialog';

/** A phrase the user must type before a destructive action unlocks (production safety). */
export interface TypedConfirmation {
  /** What the label asks for, e.g. "Type the credential's name or the last 6 characters of its client_id". */
  readonly prompt: string;
  /** Any of these, typed exactly, unlocks the action. */
  readonly accepted: readonly string[];
}

/** Props of a confirmation dialog. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly tone?: 'normal' | 'danger';
  readonly typed?: TypedConfirmation;
  readonly busy?: boolean;
  readonly error?: AppError | null;
  /** Shown inside the error view when the failure has a specific meaning here. */
  readonly errorHint?: ReactNode;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before a consequential action; optionally requires a typed phrase. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = 'danger',
  typed,
  busy = false,
  error,
  errorHint,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const inputId = useId();
  const bodyId = useId();
  const [phrase, setPhrase] = useState('');
  const unlocked =
    !typed || typed.accepted.some((value) => value !== '' && value === phrase.trim());
  return (
    <Dialog
      title={title}
      role="alertdialog"
      tone={tone}
      size="small"
      describedBy={bodyId}
      onClose={busy ? undefined : onCancel}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${tone === 'danger' ? 'button-danger' : 'button-primary'}`}
            disabled={!unlocked || busy}
            aria-busy={busy}
            onClick={onConfirm}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div id={bodyId} className="confirm-body">
        {children}
      </div>
      {typed && (
        <div className="field">
          <label htmlFor={inputId}>{typed.prompt}</label>
          <input
            id={inputId}
            className="input mono"
            autoComplete="off"
            spellCheck={false}
            value={phrase}
            onChange={(event) => setPhrase(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && unlocked && !busy) onConfirm();
            }}
          />
        </div>
      )}
      {error && (
        <ErrorView error={error} compact>
          {errorHint}
        </ErrorView>
      )}
    </Dialog>
  );
}
