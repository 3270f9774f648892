import type { ReactNode } from 'react';

/** One choice of a segmented control: its value and what it shows. */
export interface Segment<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
}

/** A row of mutually exclusive choices, as a labelled radio group (arrow keys move the choice). */
export function Segmented<T extends string>({
  label,
  name,
  segments,
  value,
  onChange,
}: {
  /** The group's accessible name. */
  label: string;
  /** The radio inputs' shared name: unique on the page. */
  name: string;
  segments: readonly Segment<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {segments.map((segment) => (
        <label key={segment.value} className="segment">
          <input
            type="radio"
            name={name}
            value={segment.value}
            checked={value === segment.value}
            onChange={() => onChange(segment.value)}
          />
          <span>{segment.label}</span>
        </label>
      ))}
    </div>
  );
}
