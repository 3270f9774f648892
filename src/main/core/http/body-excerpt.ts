// What an error message may show of a response body. Everything here runs in time linear in its
// input, or on a bounded slice of it: a body is untrusted text, and main must never freeze on one.

/** How much of a body the snippet ever looks at (its title, its first words). */
const SNIPPET_WINDOW = 4096;

/** How deep `redactJson` walks; anything deeper is replaced as a whole, so nothing below leaks. */
const MAX_JSON_DEPTH = 32;

/** What stands in for a JSON value nested deeper than `MAX_JSON_DEPTH`. */
export const TOO_DEEP = '[nested too deep]';

/** Parts of a member name (lower-cased, `_` and `-` removed) that mark its value as a secret. */
const SECRET_NAME_PARTS = [
  'secret',
  'token',
  'password',
  'passwd',
  'assertion',
  'apikey',
  'privatekey',
  'authorization',
  'cookie',
] as const;

/**
 * Whether a JSON member's name says its value is a secret: `client_secret`, `access_token`,
 * `refresh_token`, `id_token`, `password`, `client_assertion`, `x-api-key`, `Authorization`, …
 * in any case and spelling (`clientSecret`, `CLIENT-SECRET`).
 */
export function isSecretMemberName(name: string): boolean {
  if (name.length > 200) return true;
  const folded = name.toLowerCase().replaceAll('_', '').replaceAll('-', '');
  return SECRET_NAME_PARTS.some((part) => folded.includes(part));
}

/**
 * A parsed JSON value with every member whose name marks a secret dropped, at any depth (see
 * `isSecretMemberName`). Values nested deeper than 32 levels are replaced whole. Linear in the
 * value's size; never mutates it.
 */
export function redactJson(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, depth + 1));
  // fromEntries defines own members: a "__proto__" member stays data, never a prototype.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => !isSecretMemberName(name))
      .map(([name, member]) => [name, redactJson(member, depth + 1)]),
  );
}

/** The text of the first `<title>` in an HTML head, or null; indexOf only, no regex. */
function htmlTitle(head: string): string | null {
  const lower = head.toLowerCase();
  const open = lower.indexOf('<title');
  if (open < 0) return null;
  const start = lower.indexOf('>', open);
  const end = start < 0 ? -1 : lower.indexOf('</title>', start);
  if (end < 0) return null;
  const title = head.slice(start + 1, end).trim();
  return title === '' ? null : title;
}

/** The text with every `<tag>` (or a `<` left open to the end) replaced by a space, in one pass. */
function stripTags(text: string): string {
  let out = '';
  let inTag = false;
  for (const char of text) {
    if (inTag) {
      if (char === '>') inTag = false;
    } else if (char === '<') {
      inTag = true;
      out += ' ';
    } else {
      out += char;
    }
  }
  return out;
}

/** A run long enough to be a secret or a token. Linear: a failed try gives up within 24 characters. */
const OPAQUE_RUN = /[A-Za-z0-9_\-+=.~/]{24,}/g;
/** `secret=…`, `"access_token": "…"`, `password: …`: the value after a secret's name. Bounded, so linear. */
const NAMED_VALUE =
  /(secret|token|password|passwd|assertion|api[_-]?key|authorization|cookie)([\w-]{0,40}["']?[ \t]{0,5}[:=][ \t]{0,5}["']?)[^\s"'&,;}]{1,200}/gi;

/** C0 and C1 controls but whitespace, and the invisible marks that reorder or hide text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Whether a body, judged by its first characters, is markup. */
export function looksLikeMarkup(text: string): boolean {
  return text.slice(0, SNIPPET_WINDOW).trimStart().startsWith('<');
}

/**
 * A short, single-line excerpt of a body for an error message. Only the first 4 KiB are looked
 * at: the `<title>` of an HTML page (else the text with tags stripped), with values named like a
 * secret and long opaque runs replaced by `[redacted]`, whitespace collapsed, control characters
 * replaced, at most `max` characters. A JSON body is redacted by `redactJson` before it gets here.
 */
export function safeSnippet(text: string, max = 160): string {
  const head = text.slice(0, SNIPPET_WINDOW);
  const shown = htmlTitle(head) ?? (looksLikeMarkup(head) ? stripTags(head) : head);
  const snippet = shown
    .replace(NAMED_VALUE, '$1$2[redacted]')
    .replace(OPAQUE_RUN, '[redacted]')
    .replace(CONTROL, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return snippet.length > max ? `${snippet.slice(0, max - 1)}…` : snippet;
}

/**
 * Server text (a problem's title or detail) fit for one line of a message: at most `max`
 * characters, control characters and line breaks replaced. The problem document itself keeps
 * the text whole.
 */
export function clipText(text: string, max = 300): string {
  const head = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return head.replace(/\s/g, ' ').replace(CONTROL, '?');
}
