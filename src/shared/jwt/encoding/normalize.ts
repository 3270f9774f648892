/** The longest input Keysmith decodes, in characters; real tokens are a few kilobytes. */
export const MAX_INPUT_LENGTH = 1_048_576;

/** The token as pasted, cleaned up, with what was removed in words. */
export interface NormalizedInput {
  readonly token: string;
  readonly steps: readonly string[];
  /** True when the token is known to hold nothing but base64url characters and dots. */
  readonly bare: boolean;
}

const QUOTE_PAIRS: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['“', '”'],
  ['‘', '’'],
];

const AUTH_HEADER = /^authorization\s*:\s*/i;
const SCHEME = /^(bearer|dpop)\s+/i;
const BARE_TOKEN = /^[A-Za-z0-9_\-.]*$/;

/**
 * Whitespace as `\s` matches it, plus the zero-width space that rides along with copy and paste
 * (U+FEFF, the byte order mark, is already `\s`).
 */
function isEdgeSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The text without edge space at either end, by walking in from both ends. (The regex this
 * replaces, `/^[\s…]+|[\s…]+$/g`, retried its second branch at every space of an inner run:
 * quadratic, 2 s for 80,000 inner spaces.)
 */
function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEdgeSpace(text.charCodeAt(start))) start++;
  while (end > start && isEdgeSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const QUOTES = '"\'`”’';

/** A closing quote followed by a comma or semicolon, as a value copied out of JSON or code ends. */
function endsInQuoteAndSeparator(text: string): boolean {
  const last = text[text.length - 1];
  return (last === ',' || last === ';') && QUOTES.includes(text[text.length - 2] ?? 'x');
}

function stripQuotes(text: string): string | null {
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) return text.slice(1, -1);
  }
  return null;
}

/**
 * Cleans up a pasted token: surrounding whitespace, an `Authorization:` header name, a `Bearer`
 * (or `DPoP`) scheme, surrounding quotes, a trailing comma after a quoted value, and line breaks
 * inside a wrapped token. Each step taken is reported so the UI can say what it changed.
 */
export function normalizeInput(input: string): NormalizedInput {
  // Nothing but base64url and dots (a token pasted as is): none of the steps below can apply.
  if (BARE_TOKEN.test(input)) return { token: input, steps: [], bare: true };
  const steps: string[] = [];
  let text = input;
  for (let round = 0; round < 5; round++) {
    const before = text;
    const trimmed = trimEdges(text);
    if (trimmed !== text && round === 0) steps.push('surrounding whitespace');
    text = trimmed;
    if (endsInQuoteAndSeparator(text)) {
      text = text.slice(0, -1);
      steps.push('a trailing separator');
    }
    const unquoted = stripQuotes(text);
    if (unquoted !== null) {
      text = trimEdges(unquoted);
      steps.push('surrounding quotes');
    }
    if (AUTH_HEADER.test(text)) {
      text = text.replace(AUTH_HEADER, '');
      steps.push('an "Authorization:" header name');
    }
    const scheme = SCHEME.exec(text);
    if (scheme !== null) {
      text = text.slice(scheme[0].length);
      steps.push(`a "${scheme[1] ?? ''}" prefix`);
    }
    if (text === before) break;
  }
  if (/\s/.test(text)) {
    const joined = text.replace(/\s+/g, '');
    if (/^[A-Za-z0-9_\-.]+$/.test(joined)) {
      text = joined;
      steps.push('line breaks or spaces inside the token');
    }
  }
  return { token: text, steps, bare: false };
}
