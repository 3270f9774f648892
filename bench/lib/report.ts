/** Whether a figure met its target, missed it, or is reported without one. */
export type Verdict = 'met' | 'missed' | 'report';

/** One row of the benchmark table: what was measured, against what, the figures and the verdict. */
export interface BenchRow {
  /** Stable key of the row in bench/results.json. */
  readonly id: string;
  readonly what: string;
  readonly ours: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly verdict: Verdict;
  /** How to read the row; for a missed target, why and what it would take. */
  readonly note?: string;
  /** The raw numbers behind the row (nanoseconds, milliseconds, bytes, counts). */
  readonly figures: Readonly<Record<string, number | string | boolean>>;
}

const HEADERS = ['what', 'ours', 'peer', 'ratio', 'target', 'met'] as const;

function cells(row: BenchRow): string[] {
  const met = row.verdict === 'met' ? 'met' : row.verdict === 'missed' ? 'MISSED' : 'report';
  return [row.what, row.ours, row.peer, row.ratio, row.target, met];
}

/** The rows as an aligned plain-text table, followed by the notes of missed targets. */
export function formatTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...body.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd();
  return [
    line(HEADERS),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...body.map(line),
    ...notes(rows),
  ].join('\n');
}

/** The rows as a Markdown table (for the README), followed by the notes of missed targets. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const escape = (text: string): string => text.replaceAll('|', '\\|');
  const line = (values: readonly string[]): string => `| ${values.map(escape).join(' | ')} |`;
  return [
    line(HEADERS),
    line(HEADERS.map(() => '---')),
    ...rows.map((row) => line(cells(row))),
    ...notes(rows),
  ].join('\n');
}

function notes(rows: readonly BenchRow[]): string[] {
  const missed = rows.filter((row) => row.note !== undefined);
  if (missed.length === 0) return [];
  return ['', ...missed.map((row) => `* ${row.what}: ${row.note ?? ''}`)];
}

/** Formats a ratio like 1.23×. */
export function formatRatio(ours: number, peer: number): string {
  return `${(ours / peer).toFixed(2)}×`;
}

/** Formats a byte count in KB (1,000 bytes), as bundle budgets are usually written. */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
