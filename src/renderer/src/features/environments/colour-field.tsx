import { useId } from 'react';
import type { EnvironmentKind } from '../../lib/domain';
import { PRODUCTION_RED, SWATCHES } from './env-colour';

/** Picks an environment's colour: swatches or a custom colour; production is fixed to red. */
export function ColourField({
  kind,
  value,
  error,
  onChange,
}: {
  kind: EnvironmentKind;
  value: string;
  error?: string;
  onChange: (colour: string) => void;
}) {
  const errorId = useId();
  if (kind === 'production') {
    return (
      <fieldset className="field colour-field">
        <legend>Colour</legend>
        <div className="colour-fixed">
          <span
            className="swatch swatch-large"
            style={{ background: PRODUCTION_RED }}
            aria-hidden="true"
          />
          <span>Production is always red, with a thick frame. This cannot be changed.</span>
        </div>
      </fieldset>
    );
  }
  const custom = !SWATCHES.some((swatch) => swatch.value.toLowerCase() === value.toLowerCase());
  return (
    <fieldset
      className={`field colour-field ${error ? 'field-invalid' : ''}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>Colour</legend>
      <div className="swatches" role="radiogroup" aria-label="Colour">
        {SWATCHES.map((swatch) => (
          <label key={swatch.value} className="swatch-option" title={swatch.name}>
            <input
              type="radio"
              name="environment-colour"
              value={swatch.value}
              checked={swatch.value.toLowerCase() === value.toLowerCase()}
              onChange={() => onChange(swatch.value)}
              aria-label={swatch.name}
            />
            <span
              className="swatch swatch-large"
              style={{ background: swatch.value }}
              aria-hidden="true"
            />
          </label>
        ))}
        <label className={`swatch-option swatch-custom ${custom ? 'is-custom' : ''}`}>
          <span className="visually-hidden">Custom colour</span>
          <input type="color" value={value} onChange={(event) => onChange(event.target.value)} />
        </label>
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
