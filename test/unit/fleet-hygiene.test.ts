import { describe, expect, it } from 'vitest';
import { expiryTimeline } from '../../src/shared/fleet/timeline';
import {
  csvField,
  HYGIENE_CSV_COLUMNS,
  hygieneCsv,
  hygieneMarkdown,
} from '../../src/shared/fleet/hygiene-export';
import { HYGIENE_CATEGORIES, hygieneReport } from '../../src/shared/fleet/hygiene';
import { parse } from 'csv-parse/sync';
import { credential, snapshotOf } from '../fixtures/fleet-samples';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const ENVIRONMENTS = [
  { id: 'prod', name: 'Payments prod', kind: 'production' as const },
  { id: 'dev', name: 'Dev | team', kind: 'development' as const },
  { id: 'new', name: 'Never listed', kind: 'staging' as const },
];

/** One credential per category in prod, and dev with more active credentials than the threshold. */
function fleet() {
  return [
    snapshotOf('prod', [
      credential('ci_expired', { expiresAt: iso(NOW - 2 * DAY) }),
      credential('ci_soon', { expiresAt: iso(NOW + 5 * DAY) }),
      credential('ci_never_used', { lastUsedAt: null, createdAt: iso(NOW - 10 * DAY) }),
      credential('ci_idle', { lastUsedAt: iso(NOW - 120 * DAY) }),
      credential('ci_forever', { expiresAt: null }),
      credential('ci_fine'),
      credential('ci_revoked', { status: 'revoked', lastUsedAt: null, expiresAt: null }),
    ]),
    snapshotOf(
      'dev',
      Array.from({ length: 3 }, (_, i) =>
        credential(
          `ci_dev_${i}`,
          i === 0 ? { name: '=HYPERLINK("x")', lastUsedAt: null } : { name: `Dev ${i}` },
        ),
      ),
    ),
  ];
}

describe('the hygiene report across environments', () => {
  const report = hygieneReport({
    environments: ENVIRONMENTS,
    snapshots: fleet(),
    now: NOW,
    thresholds: { activeThreshold: 2 },
  });

  it('lists each category with the credential that belongs in it, and nothing revoked or fine', () => {
    const byCategory = (category: string) =>
      report.rows
        .filter((row) => row.category === category)
        .map((row) => row.clientId ?? row.environmentName);
    expect(byCategory('expired')).toEqual(['ci_expired']);
    expect(byCategory('expiring')).toEqual(['ci_soon']);
    expect(byCategory('never-used')).toEqual(['ci_never_used', 'ci_dev_0']);
    expect(byCategory('idle')).toEqual(['ci_idle']);
    expect(byCategory('no-expiry')).toEqual(['ci_forever']);
    expect(byCategory('too-many-active')).toEqual(['Payments prod', 'Dev | team']);
    expect(
      report.rows.some((row) => row.clientId === 'ci_fine' || row.clientId === 'ci_revoked'),
    ).toBe(false);
    for (const category of HYGIENE_CATEGORIES) expect(report.counts[category]).toBeGreaterThan(0);
    expect(report.withoutSnapshot.map((env) => env.id)).toEqual(['new']);
  });

  it('says each finding in words', () => {
    const detail = (clientId: string) =>
      report.rows.find((row) => row.clientId === clientId)?.detail;
    expect(detail('ci_expired')).toBe('expired 2 days ago');
    expect(detail('ci_soon')).toBe('expires in 5 days');
    expect(detail('ci_idle')).toBe('idle for 120 days');
    expect(detail('ci_never_used')).toBe('never used, created 10 days ago');
  });

  it('judges each environment on its server clock', () => {
    const skewed = hygieneReport({
      environments: ENVIRONMENTS,
      snapshots: fleet(),
      now: NOW,
      // prod's server runs 4 days ahead: "expires in 5 days" is 1 day there.
      skewOf: (id) => (id === 'prod' ? 4 * DAY : 0),
    });
    expect(skewed.rows.find((row) => row.clientId === 'ci_soon')?.detail).toBe('expires in 1 day');
  });

  it('exports CSV that a spreadsheet reads back cell for cell, without running names as formulas', () => {
    const csv = hygieneCsv(report);
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual([...HYGIENE_CSV_COLUMNS]);
    expect(rows).toHaveLength(report.rows.length + 1);
    expect(rows.flat()).toContain(`'=HYPERLINK("x")`);
    expect(rows.flat()).not.toContain('=HYPERLINK("x")');
    expect(csvField('a "b"')).toBe('"a ""b"""');
  });

  it('exports Markdown with one table per category, cells escaped', () => {
    const markdown = hygieneMarkdown(report);
    expect(markdown).toContain('## Expiring soon (1)');
    expect(markdown).toContain('| Dev \\| team | development |');
    expect(markdown).toContain('Not included (never listed): Never listed.');
    expect(markdown.split('\n').filter((line) => line.startsWith('## '))).toHaveLength(
      HYGIENE_CATEGORIES.length,
    );
  });

  it('exports nothing but the rows’ identifiers and dates', () => {
    const allowed = new Set([
      'category',
      'environmentId',
      'environmentName',
      'kind',
      'clientId',
      'name',
      'expiresAt',
      'lastUsedAt',
      'createdAt',
      'detail',
    ]);
    for (const row of report.rows)
      for (const key of Object.keys(row)) expect(allowed.has(key), key).toBe(true);
  });
});

describe('the expiry timeline', () => {
  it('puts credential expiries and pinned tokens on one line, soonest first, on our clock', () => {
    const entries = expiryTimeline({
      snapshots: fleet(),
      watched: [
        {
          id: 'w1',
          label: 'Partner token',
          expiresAt: NOW + 2 * 3_600_000,
          issuer: 'https://prod',
          subject: null,
          warnMinutes: 10,
          notifiedAt: null,
        },
      ],
      now: NOW,
      skewOf: (id) => (id === 'prod' ? 60_000 : 0),
      environmentOfIssuer: (issuer) => (issuer === 'https://prod' ? 'prod' : null),
    });
    expect(
      entries.map((entry) => (entry.kind === 'token' ? entry.label : entry.clientId)).slice(0, 3),
    ).toEqual(['ci_expired', 'Partner token', 'ci_soon']);
    const token = entries.find((entry) => entry.kind === 'token')!;
    expect(token).toMatchObject({
      environmentId: 'prod',
      at: NOW + 2 * 3_600_000 - 60_000,
      bucket: 'week',
    });
    expect(entries[0]).toMatchObject({ bucket: 'overdue' });
    expect(
      entries.some((entry) => entry.kind === 'credential' && entry.clientId === 'ci_forever'),
    ).toBe(false);
    expect(
      entries.some((entry) => entry.kind === 'credential' && entry.clientId === 'ci_revoked'),
    ).toBe(false);
  });
});
