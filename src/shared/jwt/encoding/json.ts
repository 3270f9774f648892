import type { JsonObject, JsonValue, JwtError, SegmentName } from '../types';

/** Bytes decoded as text, or the reason they are not UTF-8. */
export type TextResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: JwtError };

// One strict decoder for every call: decode() without `stream` starts afresh each time.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as strict UTF-8 (no replacement characters), naming the segment on failure. */
export function decodeUtf8(bytes: Uint8Array, segment: SegmentName): TextResult {
  try {
    return { ok: true, text: STRICT_UTF8.decode(bytes) };
  } catch {
    const position = firstInvalidUtf8(bytes);
    return {
      ok: false,
      error: {
        code: 'utf8',
        segment,
        message: `The ${segment} decodes to bytes that are not valid UTF-8 (first bad byte at offset ${position}).`,
      },
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.floor((low + high + 1) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/** Parsed JSON, or the reason the text is not JSON. */
export type JsonResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: JwtError };

/** The deepest JSON nesting Keysmith accepts; real headers and claims stay within a handful. */
const MAX_JSON_DEPTH = 64;

function count(text: string, char: string): number {
  let found = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) found++;
  return found;
}

/** The nesting depth of JSON text, and where it first exceeds the limit (strings are skipped). */
function nestingTooDeep(text: string): number | null {
  // Nesting needs an opening bracket per level: with few of them in all, there is no need to look.
  if (count(text, '{') + count(text, '[') <= MAX_JSON_DEPTH) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = readString(text, i);
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/** Parses JSON text with a precise error (position and the parser's own words). */
export function parseJson(text: string, segment: SegmentName): JsonResult {
  const tooDeep = nestingTooDeep(text);
  if (tooDeep !== null)
    return {
      ok: false,
      error: {
        code: 'json',
        segment,
        position: tooDeep,
        message: `The ${segment} nests JSON more than ${MAX_JSON_DEPTH} levels deep; Keysmith does not read it (no real token needs that, and deep nesting is used to crash parsers).`,
      },
    };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (cause) {
    const raw = cause instanceof Error ? cause.message : String(cause);
    const match = /position (\d+)/.exec(raw);
    const position = match?.[1] === undefined ? undefined : Number(match[1]);
    const near =
      position === undefined ? '' : ` near ${JSON.stringify(text.slice(position, position + 12))}`;
    return {
      ok: false,
      error: {
        code: 'json',
        segment,
        ...(position === undefined ? {} : { position }),
        message: `The ${segment} is not valid JSON${near}: ${raw}`,
      },
    };
  }
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names the JSON type of a value, for messages ("an array", "a string"). */
export function jsonTypeName(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A member name that appears twice in the same JSON object. */
export interface DuplicateMember {
  /** Dotted path of the object holding it ("" for the top level). */
  readonly path: string;
  readonly name: string;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  readonly path: string;
  expectKey: boolean;
  lastKey: string;
}

/**
 * The index of the quote that closes the string opening at `start` (text.length when none does):
 * the next quote not escaped by an odd run of backslashes, found with indexOf.
 */
function readString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let slash = quote - 1;
    while (slash > start && text.charCodeAt(slash) === 0x5c) slash--;
    if ((quote - 1 - slash) % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** A member name as JSON.parse reads it (the raw text when it cannot, or needs no unescaping). */
function memberName(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return raw;
  }
}

/**
 * Finds duplicate member names in (already valid) JSON text. JSON.parse silently keeps the last
 * one, but other parsers keep the first: RFC 7519 §4 requires unique claim names.
 */
export function findDuplicateMembers(text: string): readonly DuplicateMember[] {
  const found: DuplicateMember[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x22) {
      const end = readString(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        const name = memberName(text, i, end);
        if (top.keys.has(name)) found.push({ path: top.path, name });
        top.keys.add(name);
        top.lastKey = name;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      const parentPath =
        top === undefined ? '' : top.kind === 'object' ? joinPath(top.path, top.lastKey) : top.path;
      stack.push({
        kind: c === 0x7b ? 'object' : 'array',
        keys: new Set(),
        path: top === undefined ? '' : parentPath,
        expectKey: c === 0x7b,
        lastKey: '',
      });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c && top?.kind === 'object') {
      top.expectKey = true;
    }
  }
  return found;
}

/**
 * True when JSON text that parsed to `value` certainly repeats no member name, told by counting
 * colons instead of walking the text member by member (findDuplicateMembers). When the text has
 * no backslash, each of its strings is a key or a string of `value` as written, and each member
 * adds one colon of its own: the text holds exactly one colon per member of `value` plus those
 * inside its strings, unless JSON.parse dropped repeated members (each brings a colon `value`
 * does not account for). False means "scan it".
 */
export function certainlyNoDuplicates(text: string, value: JsonValue): boolean {
  if (text.includes('\\')) return false;
  let expected = 0;
  const pending: JsonValue[] = [value];
  while (pending.length > 0) {
    const item = pending.pop() as JsonValue;
    if (typeof item === 'string') expected += count(item, ':');
    else if (Array.isArray(item)) for (const element of item) pending.push(element);
    else if (typeof item === 'object' && item !== null) {
      const members = item as JsonObject;
      for (const key of Object.keys(members)) {
        expected += 1 + count(key, ':');
        pending.push(members[key] as JsonValue);
      }
    }
  }
  return count(text, ':') === expected;
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A short, single-line rendering of a value for explanations; never throws, never huge. */
export function preview(value: JsonValue, max = 80): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Structural equality of two JSON values (member order ignored); iterative, so depth is no risk. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const pending: [JsonValue | undefined, JsonValue | undefined][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], y[i]]);
      continue;
    }
    const xo = x as JsonObject;
    const yo = y as JsonObject;
    const keys = Object.keys(xo);
    if (keys.length !== Object.keys(yo).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(yo, key)) return false;
      pending.push([xo[key], yo[key]]);
    }
  }
  return true;
}
