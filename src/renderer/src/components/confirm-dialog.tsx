import { useId, type ReactNode } from 'react';
import type { AppError } from '@shared/errors';
import { ErrorView } from './error-view';
import { Dialog } from './dialog';

/** Props of a confirmation dialog. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly tone?: 'normal' | 'danger';
  readonly busy?: boolean;
  readonly error?: AppError | null;
  /** Shown inside the error view when the failure has a specific meaning here. */
  readonly errorHint?: ReactNode;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before a consequential action outside production. Production actions are confirmed by
 * main in its own window (the typed phrase is asked there), never by a dialog of this page.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = 'danger',
  busy = false,
  error,
  errorHint,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const bodyId = useId();
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
            disabled={busy}
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
      {error && (
        <ErrorView error={error} compact>
          {errorHint}
        </ErrorView>
      )}
    </Dialog>
  );
}
