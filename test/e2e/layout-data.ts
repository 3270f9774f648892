import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashGeneratedSecret } from '../../src/sandbox/secrets';

const DAY_MS = 86_400_000;

/** A name that shows as "Old cron" once the right-to-left override has reversed it. */
export const LYING_NAME = '\u202Enorc dlO';

/** A name with a zero-width space that looks exactly like "Old cron". */
export const ZERO_WIDTH_NAME = 'Old\u200B cron';

/**
 * What the layout specs show: names long enough to be cut, every status, expiries near and past,
 * recent use, and names that lie (a right-to-left override, a zero-width space).
 */
const ROWS: readonly {
  name: string;
  revoked?: boolean;
  expiresInDays?: number;
  usedMinutesAgo?: number;
}[] = [
  { name: 'Nightly billing reconciliation worker for the EU payments cluster', usedMinutesAgo: 12 },
  { name: 'Partner API: Acme Corporation reporting integration (read only)', expiresInDays: 5 },
  { name: 'Old cron', usedMinutesAgo: 3 * 24 * 60 },
  { name: LYING_NAME, expiresInDays: 20 },
  { name: ZERO_WIDTH_NAME },
  { name: 'Checkout service', expiresInDays: -2 },
  { name: 'Fraud scoring', expiresInDays: 400, usedMinutesAgo: 90 },
  { name: 'Legacy importer 2019', revoked: true },
  { name: 'Mobile backend (iOS and Android)', expiresInDays: 29 },
  { name: 'Data warehouse export', usedMinutesAgo: 40 * 24 * 60 },
  { name: 'QA smoke tests', revoked: true, expiresInDays: 10 },
  { name: 'Support console', expiresInDays: 1 },
];

/** Writes a sandbox data file with the layout rows (secrets random, stored as hashes only). */
export async function seedLayoutData(folder: string): Promise<string> {
  const now = Date.now();
  const hash = hashGeneratedSecret(randomBytes(24).toString('base64url'));
  const credentials = ROWS.map((row, index) => {
    const at = new Date(now - (ROWS.length - index) * 7 * DAY_MS).toISOString();
    return {
      id: `cred_${index.toString(16).padStart(24, '0')}`,
      client_id: `dinie_ci_${randomBytes(16).toString('hex')}`,
      name: row.name,
      status: row.revoked ? 'revoked' : 'active',
      expires_at:
        row.expiresInDays === undefined
          ? null
          : new Date(now + row.expiresInDays * DAY_MS).toISOString(),
      created_at: at,
      updated_at: at,
      last_used_at:
        row.usedMinutesAgo === undefined
          ? null
          : new Date(now - row.usedMinutesAgo * 60_000).toISOString(),
      secret_hash: hash,
    };
  });
  const file = join(folder, 'sandbox-layout.json');
  await writeFile(file, JSON.stringify({ version: 1, credentials, idempotency: [] }));
  return file;
}
