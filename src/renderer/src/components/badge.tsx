import type { ReactNode } from 'react';

/** The colour family of a badge. */
export type BadgeTone = 'neutral' | 'ok' | 'warning' | 'danger' | 'info';

/** A small inline label for a status. */
export function Badge({
  tone = 'neutral',
  title,
  children,
}: {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
