import { jsonTypeName, preview } from '../encoding/json';
import { formatDuration, timeInfo, TIME_CLAIMS } from '../time/times';
import type { ClaimCategory, ClaimExplanation, JsonObject, JsonValue, TimeInfo } from '../types';

/** What an explanation may look at besides the value itself. */
export interface ExplainContext {
  /** Epoch milliseconds. */
  readonly now: number;
  /** The whole object the member lives in (to relate claims to each other). */
  readonly members: JsonObject;
  readonly time: TimeInfo | undefined;
}

/** The explanation of one known member: name, purpose, reference and a reading of its value. */
export interface MemberDoc {
  readonly label: string;
  readonly description: string;
  readonly reference: string;
  readonly category: Exclude<ClaimCategory, 'private'>;
  readonly meaning?: (value: JsonValue, ctx: ExplainContext) => string;
}

/** Lists strings (or a space-separated string) the way a person reads them: "3 scopes: a, b, c". */
export function listMeaning(value: JsonValue, noun: string, plural = `${noun}s`): string {
  const items =
    typeof value === 'string'
      ? spaceSeparated(value)
      : Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v : preview(v, 40)))
        : null;
  if (items === null) return `Unexpected type: ${jsonTypeName(value)} (${preview(value)}).`;
  if (items.length === 0) return `No ${plural}.`;
  const shown = items.length <= 20 ? items.join(', ') : `${items.slice(0, 20).join(', ')}, …`;
  return `${items.length} ${items.length === 1 ? noun : plural}: ${shown}.`;
}

/** The items of a space-separated list (a scope string), without the empty ones double spaces make. */
function spaceSeparated(value: string): readonly string[] {
  const items = value.split(' ');
  return items.includes('') ? items.filter((s) => s !== '') : items;
}

/** Describes a string-valued claim, or says what type it has instead. */
export function stringMeaning(value: JsonValue, describe: (s: string) => string): string {
  return typeof value === 'string'
    ? describe(value)
    : `Should be a string, but is ${jsonTypeName(value)} (${preview(value)}).`;
}

function timeMeaning(verb: string, value: JsonValue, ctx: ExplainContext): string {
  if (ctx.time === undefined)
    return `Should be a number of seconds since 1970 (NumericDate), but is ${jsonTypeName(value)} (${preview(value)}).`;
  const t = ctx.time;
  const when = t.local === null ? `at ${t.epochSeconds} s (out of the date range)` : `${t.local}`;
  const ms = t.looksLikeMilliseconds
    ? ` This looks like milliseconds: read as seconds it lies ${formatDuration(t.secondsFromNow)} away; as milliseconds it would be ${t.epochSeconds > 8.64e15 ? 'out of range' : (timeInfo(t.epochSeconds / 1000, ctx.now).utc ?? '?')}.`
    : '';
  return `${verb} ${when} (${t.relative}).${ms}`;
}

/** An explanation of a NumericDate claim, with `verb` ("Expires", "Issued") and its tense. */
export function timeDoc(
  label: string,
  description: string,
  reference: string,
  verb: (secondsFromNow: number) => string,
  category: MemberDoc['category'] = 'registered',
): MemberDoc {
  return {
    label,
    description,
    reference,
    category,
    meaning: (value, ctx) => timeMeaning(verb(ctx.time?.secondsFromNow ?? 0), value, ctx),
  };
}

// Each table of known members as a Map, made once: a lookup per member and call, three times
// cheaper than Object.hasOwn plus a property read on a table of fifty members.
const tables = new WeakMap<Readonly<Record<string, MemberDoc>>, ReadonlyMap<string, MemberDoc>>();

function docsByName(docs: Readonly<Record<string, MemberDoc>>): ReadonlyMap<string, MemberDoc> {
  let table = tables.get(docs);
  if (table === undefined) {
    table = new Map(Object.entries(docs));
    tables.set(docs, table);
  }
  return table;
}

/** Explains every member of an object against a table of known members, in the object's order. */
export function explainMembers(
  members: JsonObject,
  docs: Readonly<Record<string, MemberDoc>>,
  now: number,
  timeMembers: ReadonlySet<string> = TIME_CLAIMS,
): readonly ClaimExplanation[] {
  // Objects are built whole, in one literal each (no spreads): this runs for every claim on every tick.
  const known = docsByName(docs);
  return Object.keys(members).map((name): ClaimExplanation => {
    const value = members[name] as JsonValue;
    const doc = known.get(name);
    const time =
      typeof value === 'number' && timeMembers.has(name) && Number.isFinite(value)
        ? timeInfo(value, now)
        : undefined;
    const category = doc === undefined ? 'private' : doc.category;
    const label = doc === undefined ? null : doc.label;
    const description = doc === undefined ? null : doc.description;
    const reference = doc === undefined ? null : doc.reference;
    const meaning =
      doc === undefined
        ? privateMeaning(name, value)
        : safeMeaning(doc, value, { now, members, time });
    return time === undefined
      ? { name, value, category, label, description, reference, meaning }
      : { name, value, category, label, description, reference, meaning, time };
  });
}

function safeMeaning(doc: MemberDoc, value: JsonValue, ctx: ExplainContext): string {
  try {
    return doc.meaning === undefined ? preview(value) : doc.meaning(value, ctx);
  } catch {
    return preview(value);
  }
}

function privateMeaning(name: string, value: JsonValue): string {
  const kind = /^[a-z][a-z0-9+.-]*:/i.test(name)
    ? 'A collision-resistant (namespaced) claim defined by the issuer'
    : 'A claim private to this issuer';
  return `${kind}: ${jsonTypeName(value)} ${preview(value)}.`;
}

/** A meaning function for string claims: describes the string, or says what type it has instead. */
export const str =
  (describe: (s: string) => string) =>
  (value: JsonValue): string =>
    stringMeaning(value, describe);
