/**
 * Names that lie: a credential or environment name comes from a server (or a file, or a paste)
 * and may hold characters that draw nothing (zero-width spaces, joiners) or that reorder what
 * follows (bidi overrides, embeddings, isolates), so that one name can be made to look exactly
 * like another. These helpers find such characters and make them visible as ⟨U+202E⟩ markers.
 * Every function reads its text once, code point by code point: linear time on any input.
 */

/** The names of the characters people most need to recognise; the rest show their code only. */
const NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/**
 * Whether a code point draws nothing or changes the direction of the text around it: C0 and C1
 * controls, the zero-width and bidi format characters (U+200B–U+200F, U+202A–U+202E,
 * U+2060–U+206F), U+FEFF, blank fillers and the invisible tag characters (U+E0000–U+E007F).
 */
export function isHiddenCharacter(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x00ad ||
    codePoint === 0x061c ||
    codePoint === 0x115f ||
    codePoint === 0x1160 ||
    codePoint === 0x180e ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2028 && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x206f) ||
    codePoint === 0x3164 ||
    codePoint === 0xfeff ||
    codePoint === 0xffa0 ||
    (codePoint >= 0xfff9 && codePoint <= 0xfffb) ||
    (codePoint >= 0xe0000 && codePoint <= 0xe007f)
  );
}

/** "U+202E": the code point as Unicode writes it. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The visible stand-in of a hidden character: "⟨U+202E⟩". */
export function hiddenCharacterMarker(codePoint: number): string {
  return `⟨${codePointLabel(codePoint)}⟩`;
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE", or the code alone for characters without a listed name. */
export function describeHiddenCharacter(codePoint: number): string {
  const name = NAMES[codePoint];
  return name === undefined ? codePointLabel(codePoint) : `${codePointLabel(codePoint)} ${name}`;
}

/**
 * Calls `visit` with the UTF-16 index, code point and length of every hidden character of a text,
 * in order, until it returns false. One pass, no allocation per character.
 */
function eachHidden(
  text: string,
  visit: (index: number, codePoint: number, length: number) => boolean | void,
): void {
  for (let index = 0; index < text.length;) {
    const codePoint = text.codePointAt(index) ?? 0;
    const length = codePoint > 0xffff ? 2 : 1;
    if (isHiddenCharacter(codePoint) && visit(index, codePoint, length) === false) return;
    index += length;
  }
}

/** One piece of a text as shown: a run of ordinary text, or one hidden character. */
export type TextPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'hidden'; readonly codePoint: number };

/** Splits a text into ordinary runs and hidden characters, in order. */
export function splitHiddenCharacters(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let runStart = 0;
  eachHidden(text, (index, codePoint, length) => {
    if (index > runStart) pieces.push({ kind: 'text', text: text.slice(runStart, index) });
    pieces.push({ kind: 'hidden', codePoint });
    runStart = index + length;
  });
  if (text.length > runStart) pieces.push({ kind: 'text', text: text.slice(runStart) });
  return pieces;
}

/** Whether a text holds any hidden character. */
export function hasHiddenCharacters(text: string): boolean {
  let found = false;
  eachHidden(text, () => {
    found = true;
    return false;
  });
  return found;
}

/** The text with every hidden character replaced by its marker: "⟨U+202E⟩norc dlO". */
export function revealHiddenCharacters(text: string): string {
  const parts: string[] = [];
  let runStart = 0;
  eachHidden(text, (index, codePoint, length) => {
    parts.push(text.slice(runStart, index), hiddenCharacterMarker(codePoint));
    runStart = index + length;
  });
  if (parts.length === 0) return text;
  parts.push(text.slice(runStart));
  return parts.join('');
}

/** The distinct hidden characters of a text, in order of first appearance (at most `limit`). */
export function hiddenCharactersIn(text: string, limit = 8): number[] {
  const found: number[] = [];
  eachHidden(text, (_index, codePoint) => {
    if (!found.includes(codePoint)) found.push(codePoint);
    return found.length < limit;
  });
  return found;
}

/** A name to check: what it is ("The credential name") and its value as the server sent it. */
export interface NamedText {
  readonly what: string;
  readonly text: string;
}

/**
 * The warning a confirmation shows when a name in it holds hidden characters, or null when none
 * does: which name, which characters, and that they are shown as markers.
 */
export function hiddenCharactersWarning(names: readonly NamedText[]): string | null {
  const flagged = names.filter((name) => hasHiddenCharacters(name.text));
  if (flagged.length === 0) return null;
  const parts = flagged.map(
    (name) =>
      `${name.what} “${revealHiddenCharacters(name.text)}” holds ${hiddenCharactersIn(name.text)
        .map(describeHiddenCharacter)
        .join(', ')}`,
  );
  return (
    `${parts.join('. ')}. Such characters are invisible or reverse the text around them, so a name can be made to look like another: ` +
    'they are shown here as ⟨U+…⟩ markers. Check the client_id before you go on.'
  );
}
