import { HYGIENE_CATEGORIES, HYGIENE_TITLES, type HygieneReport, type HygieneRow } from './hygiene';

/** The CSV columns, in order: identifiers and dates only (no secret, no token exists in a row). */
export const HYGIENE_CSV_COLUMNS = [
  'category',
  'environment',
  'kind',
  'name',
  'client_id',
  'expires_at',
  'last_used_at',
  'created_at',
  'detail',
] as const;

function cellsOf(row: HygieneRow): string[] {
  return [
    row.category,
    row.environmentName,
    row.kind,
    row.name ?? '',
    row.clientId ?? '',
    row.expiresAt ?? '',
    row.lastUsedAt ?? '',
    row.createdAt ?? '',
    row.detail,
  ];
}

/**
 * One CSV field (RFC 4180): always quoted, quotes doubled. A value a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR: names come from the API) gets a leading `'`.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The report as CSV: a header line, then one line per finding, CRLF line ends. */
export function hygieneCsv(report: HygieneReport): string {
  const lines = [
    HYGIENE_CSV_COLUMNS.join(','),
    ...report.rows.map((row) => cellsOf(row).map(csvField).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Text safe inside a Markdown table cell: one line, pipes and markup characters escaped. */
export function markdownCell(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .trim();
}

/** The report as Markdown: a title, the limits, then one table per category that has findings. */
export function hygieneMarkdown(report: HygieneReport): string {
  const { thresholds } = report;
  const out = [
    '# Credential hygiene report',
    '',
    `Generated ${new Date(report.generatedAt).toISOString()}. Idle: unused for ${thresholds.idleDays} days or more; ` +
      `expiring: within ${thresholds.expiringDays} days; many active: more than ${thresholds.activeThreshold}.`,
  ];
  if (report.withoutSnapshot.length > 0) {
    out.push(
      '',
      `Not included (never listed): ${report.withoutSnapshot.map((env) => markdownCell(env.name)).join(', ')}.`,
    );
  }
  for (const category of HYGIENE_CATEGORIES) {
    const rows = report.rows.filter((row) => row.category === category);
    if (rows.length === 0) continue;
    out.push('', `## ${HYGIENE_TITLES[category]} (${rows.length})`, '');
    out.push('| Environment | Kind | Name | client_id | Expires | Last used | Finding |');
    out.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) {
      const cells = [
        row.environmentName,
        row.kind,
        row.name ?? '',
        row.clientId ?? '',
        row.expiresAt ?? (row.clientId === null ? '' : 'never'),
        row.lastUsedAt ?? (row.clientId === null ? '' : 'never'),
        row.detail,
      ];
      out.push(`| ${cells.map(markdownCell).join(' | ')} |`);
    }
  }
  if (report.rows.length === 0) out.push('', 'Nothing to report.');
  return `${out.join('\n')}\n`;
}
