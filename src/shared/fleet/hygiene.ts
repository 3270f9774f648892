import type { EnvironmentKind } from '../environment';
import type { SnapshotCredentials } from './snapshot-types';

/** The findings of the hygiene report, in the order it lists them. */
export const HYGIENE_CATEGORIES = [
  'expired',
  'expiring',
  'never-used',
  'idle',
  'no-expiry',
  'too-many-active',
] as const;

/** One kind of hygiene finding. */
export type HygieneCategory = (typeof HYGIENE_CATEGORIES)[number];

/** How each category is titled in the view and the exports. */
export const HYGIENE_TITLES: Readonly<Record<HygieneCategory, string>> = {
  expired: 'Expired but still active',
  expiring: 'Expiring soon',
  'never-used': 'Never used',
  idle: 'Idle',
  'no-expiry': 'Without expiry',
  'too-many-active': 'Environments with many active credentials',
};

/** The limits the report judges by. */
export interface HygieneThresholds {
  /** Unused for at least this many days counts as idle (90). */
  readonly idleDays: number;
  /** Expiring within this many days is listed (30). */
  readonly expiringDays: number;
  /** More active credentials than this in one environment is listed. */
  readonly activeThreshold: number;
}

/** The report's default limits. */
export const DEFAULT_HYGIENE_THRESHOLDS: HygieneThresholds = {
  idleDays: 90,
  expiringDays: 30,
  activeThreshold: 10,
};

/** An environment as the report names it. */
export interface HygieneEnvironment {
  readonly id: string;
  readonly name: string;
  readonly kind: EnvironmentKind;
}

/** One finding: a credential (or, for `too-many-active`, an environment) and why it is listed. */
export interface HygieneRow {
  readonly category: HygieneCategory;
  readonly environmentId: string;
  readonly environmentName: string;
  readonly kind: EnvironmentKind;
  /** Null for an environment-wide finding. */
  readonly clientId: string | null;
  readonly name: string | null;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly createdAt: string | null;
  /** The finding in a few words: "idle for 120 days", "expires in 5 days". */
  readonly detail: string;
}

/** The hygiene report: its rows, how many per category, and what it could not look at. */
export interface HygieneReport {
  readonly generatedAt: number;
  readonly thresholds: HygieneThresholds;
  readonly rows: readonly HygieneRow[];
  readonly counts: Readonly<Record<HygieneCategory, number>>;
  /** Environments with no credentials snapshot yet (never listed). */
  readonly withoutSnapshot: readonly HygieneEnvironment[];
}

const DAY_MS = 86_400_000;

function timeOf(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

const days = (ms: number): number => Math.floor(ms / DAY_MS);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The hygiene report across environments, from their snapshots: active credentials never used,
 * idle for `idleDays`, expiring within `expiringDays` (or already expired), without expiry, and
 * environments with more active credentials than `activeThreshold`. Each environment's dates are
 * judged on its server's clock: `skewOf` gives its offset (0 when in step).
 */
export function hygieneReport(input: {
  readonly environments: readonly HygieneEnvironment[];
  readonly snapshots: readonly SnapshotCredentials[];
  readonly now: number;
  readonly skewOf?: (environmentId: string) => number;
  readonly thresholds?: Partial<HygieneThresholds>;
}): HygieneReport {
  const thresholds = { ...DEFAULT_HYGIENE_THRESHOLDS, ...input.thresholds };
  const byId = new Map(input.snapshots.map((snapshot) => [snapshot.environmentId, snapshot]));
  const rows: HygieneRow[] = [];
  const withoutSnapshot: HygieneEnvironment[] = [];
  for (const environment of input.environments) {
    const snapshot = byId.get(environment.id);
    if (!snapshot) {
      withoutSnapshot.push(environment);
      continue;
    }
    const now = input.now + (input.skewOf?.(environment.id) ?? 0);
    const base = {
      environmentId: environment.id,
      environmentName: environment.name,
      kind: environment.kind,
    };
    let active = 0;
    for (const credential of snapshot.credentials) {
      if (credential.status !== 'active') continue;
      active += 1;
      const row = (category: HygieneCategory, detail: string): void => {
        rows.push({
          ...base,
          category,
          clientId: credential.clientId,
          name: credential.name,
          expiresAt: credential.expiresAt,
          lastUsedAt: credential.lastUsedAt,
          createdAt: credential.createdAt,
          detail,
        });
      };
      const expires = timeOf(credential.expiresAt);
      const lastUsed = timeOf(credential.lastUsedAt);
      if (expires !== null && expires <= now) {
        row('expired', `expired ${plural(days(now - expires), 'day')} ago`);
      } else if (expires !== null && expires - now <= thresholds.expiringDays * DAY_MS) {
        row('expiring', `expires in ${plural(Math.ceil((expires - now) / DAY_MS), 'day')}`);
      }
      if (credential.lastUsedAt === null) {
        const created = timeOf(credential.createdAt);
        row(
          'never-used',
          created === null
            ? 'never used'
            : `never used, created ${plural(days(now - created), 'day')} ago`,
        );
      } else if (lastUsed !== null && now - lastUsed >= thresholds.idleDays * DAY_MS) {
        row('idle', `idle for ${plural(days(now - lastUsed), 'day')}`);
      }
      if (credential.expiresAt === null) row('no-expiry', 'never expires');
    }
    if (active > thresholds.activeThreshold) {
      rows.push({
        ...base,
        category: 'too-many-active',
        clientId: null,
        name: null,
        expiresAt: null,
        lastUsedAt: null,
        createdAt: null,
        detail: `${plural(active, 'active credential')} (more than ${thresholds.activeThreshold})`,
      });
    }
  }
  const order = new Map(HYGIENE_CATEGORIES.map((category, index) => [category, index]));
  rows.sort((a, b) => order.get(a.category)! - order.get(b.category)!);
  const counts = Object.fromEntries(HYGIENE_CATEGORIES.map((category) => [category, 0])) as Record<
    HygieneCategory,
    number
  >;
  for (const row of rows) counts[row.category] += 1;
  return { generatedAt: input.now, thresholds, rows, counts, withoutSnapshot };
}
