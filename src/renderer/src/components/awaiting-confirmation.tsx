import type { ReactNode } from 'react';
import type { AppError } from '@shared/errors';
import type { NamedText } from '@shared/hidden-characters';
import { Dialog } from './dialog';
import { ErrorView } from './error-view';
import { HiddenCharactersWarning } from './safe-text';

/** An action main confirms itself (production), as the app's window follows it: on what, and how it failed. */
export interface MainConfirmed<T> {
  readonly subject: T;
  readonly error: AppError | null;
}

/**
 * Shown while main asks the person in its own confirmation window (production): the app asks
 * nothing itself, so the person confirms once. A "no" there closes this; a failure stays here.
 */
export function AwaitingConfirmation({
  title,
  names = [],
  error,
  errorHint,
  onClose,
}: {
  readonly title: string;
  /** Server-provided names the action is about: any hidden characters in them are warned about. */
  readonly names?: readonly NamedText[];
  readonly error: AppError | null;
  /** Shown inside the error view when the failure has a specific meaning here. */
  readonly errorHint?: ReactNode;
  readonly onClose: () => void;
}) {
  return (
    <Dialog
      title={title}
      role="alertdialog"
      tone="danger"
      size="small"
      onClose={error ? onClose : undefined}
      actions={
        error && (
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        )
      }
    >
      <HiddenCharactersWarning names={names} />
      {error ? (
        <ErrorView error={error} compact>
          {errorHint}
        </ErrorView>
      ) : (
        <p role="status" aria-busy="true">
          Production: confirm in Keysmith’s confirmation window. Nothing happens until you answer
          there.
        </p>
      )}
    </Dialog>
  );
}
