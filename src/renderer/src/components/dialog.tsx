import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { pushDialog, useIsTopDialog } from './dialog-stack';
import { safeLabel } from './safe-text';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls of a dialog that Tab can reach, in order. */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.closest('[inert]') && element.offsetParent !== null,
  );
}

/** Props of a modal dialog. */
export interface DialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Footer buttons. */
  readonly actions?: ReactNode;
  /**
   * Called on Esc, backdrop click or the close button. Omit it to make the dialog impossible to
   * dismiss: the only way out is an action the content offers.
   */
  readonly onClose?: () => void;
  /** An element to focus first; defaults to the first control. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** `alertdialog` for confirmations of destructive actions. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly tone?: 'normal' | 'danger';
  readonly size?: 'small' | 'medium' | 'large';
  readonly describedBy?: string;
}

/** A modal dialog: labelled, focus trapped inside, focus restored on close, the app behind inert. */
export function Dialog({
  title,
  children,
  actions,
  onClose,
  initialFocus,
  role = 'dialog',
  tone = 'normal',
  size = 'medium',
  describedBy,
}: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const [layer] = useState(() => Symbol('dialog'));
  const isTop = useIsTopDialog(layer);

  useLayoutEffect(() => pushDialog(layer), [layer]);

  // Remember what had focus (read while rendering, before the app behind turns inert and drops
  // it), and give it back once the dialog has closed and the app is no longer inert.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(
    () => () => {
      window.setTimeout(() => {
        if (opener?.isConnected && !opener.closest('[inert]')) opener.focus();
      }, 0);
    },
    [opener],
  );

  // Focus the first control once the dialog is on top (it is inert until then).
  const focused = useRef(false);
  useEffect(() => {
    const root = panel.current;
    if (!isTop || focused.current || !root) return;
    focused.current = true;
    (initialFocus?.current ?? focusables(root)[0] ?? root).focus();
  }, [isTop, initialFocus]);

  useEffect(() => {
    if (!isTop) return;
    const keepFocusInside = (event: FocusEvent) => {
      const root = panel.current;
      if (root && event.target instanceof Node && !root.contains(event.target)) {
        (focusables(root)[0] ?? root).focus();
      }
    };
    document.addEventListener('focusin', keepFocusInside);
    return () => document.removeEventListener('focusin', keepFocusInside);
  }, [isTop]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      onClose?.();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = focusables(panel.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className="dialog-backdrop"
      inert={!isTop}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose?.();
      }}
    >
      <div
        ref={panel}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`dialog dialog-${size} ${tone === 'danger' ? 'dialog-danger' : ''}`}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          {/* Titles name servers' names: their hidden characters show as markers. */}
          <h2 id={titleId}>{safeLabel(title)}</h2>
          {onClose && (
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              ×
            </button>
          )}
        </header>
        <div className="dialog-body">{children}</div>
        {actions && <footer className="dialog-actions">{actions}</footer>}
      </div>
    </div>,
    document.body,
  );
}
