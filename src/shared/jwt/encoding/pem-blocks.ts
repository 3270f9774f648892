/** One `-----BEGIN label----- … -----END label-----` block found in pasted text. */
export interface PemBlock {
  readonly label: string;
  /** The text between the two lines: base64, possibly with line breaks and RFC 1421 headers. */
  readonly body: string;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
/** Labels are short words ("PUBLIC KEY", "CERTIFICATE"); anything longer is not one. */
const MAX_LABEL_LENGTH = 64;
const LABEL = /^[A-Z0-9 ]+$/;
/** An RFC 1421 header line ("Proc-Type: 4,ENCRYPTED") among the first lines of a body. */
const HEADER_LINE = /^[A-Za-z-]+:/m;
/** How much of a body is searched for such headers: they come first. */
const HEADER_SPAN = 512;

interface Marker {
  readonly label: string;
  /** Offset of the first dash. */
  readonly start: number;
  /** Offset just past the closing dashes. */
  readonly end: number;
}

/**
 * Every `<prefix>LABEL-----` marker of the text, in order. One left-to-right pass of indexOf: the
 * text between a prefix and the next `-----` holds no other marker, so no character is read more
 * than twice, whatever the text.
 */
function markers(text: string, prefix: string): Marker[] {
  const found: Marker[] = [];
  for (let from = 0; ;) {
    const at = text.indexOf(prefix, from);
    if (at < 0) return found;
    const labelStart = at + prefix.length;
    const close = text.indexOf(DASHES, labelStart);
    if (close < 0) return found;
    const label = close - labelStart <= MAX_LABEL_LENGTH ? text.slice(labelStart, close) : '';
    if (LABEL.test(label)) {
      found.push({ label, start: at, end: close + DASHES.length });
      from = close + DASHES.length;
    } else from = close;
  }
}

/**
 * The PEM blocks of pasted text, in order: each BEGIN paired with the first END of the same label
 * after it, as `/-----BEGIN (L)-----([\s\S]*?)-----END \1-----/g` would, but in linear time (that
 * regex rescans the rest of the text for every BEGIN without an END: quadratic on crafted input).
 */
export function findPemBlocks(text: string): readonly PemBlock[] {
  const begins = markers(text, BEGIN);
  if (begins.length === 0) return [];
  const ends = new Map<string, Marker[]>();
  for (const end of markers(text, END)) {
    const list = ends.get(end.label);
    if (list === undefined) ends.set(end.label, [end]);
    else list.push(end);
  }
  // Per label, the first END not yet passed: BEGINs are visited in order, so it only moves on.
  const cursors = new Map<string, number>();
  const blocks: PemBlock[] = [];
  let after = 0;
  for (const begin of begins) {
    const list = ends.get(begin.label);
    if (begin.start < after || list === undefined) continue;
    let cursor = cursors.get(begin.label) ?? 0;
    while (cursor < list.length && (list[cursor]?.start ?? 0) < begin.end) cursor++;
    cursors.set(begin.label, cursor);
    const end = list[cursor];
    if (end === undefined) continue;
    blocks.push({ label: begin.label, body: text.slice(begin.end, end.start) });
    after = end.end;
  }
  return blocks;
}

/** True when a PEM body starts with RFC 1421 headers (legacy encrypted PEM: Proc-Type, DEK-Info). */
export function hasPemHeaders(body: string): boolean {
  return HEADER_LINE.test(body.slice(0, HEADER_SPAN));
}
