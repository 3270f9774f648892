import { useId, type ReactNode } from 'react';

/** The accessibility props a Field hands to its control. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

/** A labelled form field with an optional hint and an error that screen readers announce with the control. */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (props: FieldControlProps) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled field holding an identifier, URL or list typed as is: monospace, no spell check. */
export function CodeField({
  label,
  hint,
  error,
  className,
  value,
  onChange,
  type,
  rows,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  value: string;
  onChange: (value: string) => void;
  /** An `<input>` type, e.g. "url"; ignored with `rows`. */
  type?: string;
  /** Makes it a textarea of that many rows (one value per line). */
  rows?: number;
}) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(props) =>
        rows === undefined ? (
          <input
            {...props}
            className="input mono"
            type={type}
            spellCheck={false}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <textarea
            {...props}
            className="input mono"
            rows={rows}
            spellCheck={false}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}
