import { Fragment } from 'react';
import {
  describeHiddenCharacter,
  hiddenCharacterMarker,
  hiddenCharactersWarning,
  revealHiddenCharacters,
  splitHiddenCharacters,
  type NamedText,
} from '@shared/hidden-characters';
import './safe-text.css';

/**
 * A string a server (or a file) provided, such as a credential or environment name or a client_id,
 * shown isolated from the text around it (`<bdi>`), with every invisible or bidi control character
 * drawn as a ⟨U+202E⟩ marker: a name cannot reverse its neighbours or pose as another name.
 */
export function SafeText({
  text,
  className,
  withTitle = false,
}: {
  text: string;
  className?: string;
  /** Also shows the whole text on hover, for places that may cut it with an ellipsis. */
  withTitle?: boolean;
}) {
  return (
    <bdi className={className} title={withTitle ? revealHiddenCharacters(text) : undefined}>
      {splitHiddenCharacters(text).map((piece, index) =>
        piece.kind === 'text' ? (
          <Fragment key={index}>{piece.text}</Fragment>
        ) : (
          <span
            key={index}
            className="hidden-char"
            title={describeHiddenCharacter(piece.codePoint)}
          >
            {hiddenCharacterMarker(piece.codePoint)}
          </span>
        ),
      )}
    </bdi>
  );
}

/** The same for places that take a plain string (titles, accessible names, option text). */
export const safeLabel: (text: string) => string = revealHiddenCharacters;

/**
 * The warning a confirmation shows when a name in it holds hidden characters (nothing otherwise):
 * which name, which characters, and that they are drawn as markers.
 */
export function HiddenCharactersWarning({ names }: { names: readonly NamedText[] }) {
  const warning = hiddenCharactersWarning(names);
  if (warning === null) return null;
  return (
    <p className="callout callout-warning" role="note" data-testid="hidden-characters-warning">
      <strong>Hidden characters: </strong>
      {warning}
    </p>
  );
}
