import { describe, expect, it } from 'vitest';
import {
  ListSchema,
  readCredentialList,
  toCredential,
} from '../../src/main/core/credentials/credentials-body';

const VALID = {
  id: 'cred_1',
  client_id: 'ci_1',
  name: 'CI key',
  status: 'active',
  expires_at: '2030-01-01T00:00:00.000Z',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-02T00:00:00.000Z',
  last_used_at: null,
};

const FIELDS = Object.keys(VALID) as (keyof typeof VALID)[];
const MISSING = Symbol('missing');
const VALUES: readonly unknown[] = [
  MISSING,
  undefined,
  null,
  '',
  'x',
  'active',
  'revoked',
  'Active',
  0,
  1,
  true,
  {},
  [],
  ['active'],
];

/** VALID with one member replaced (or left out). */
function variant(field: keyof typeof VALID, value: unknown): Record<string, unknown> {
  const item: Record<string, unknown> = { ...VALID };
  if (value === MISSING) delete item[field];
  else item[field] = value;
  return item;
}

/** What the zod schema makes of a parsed body: the credentials, or null when it refuses it. */
function viaSchema(body: unknown) {
  const parsed = ListSchema.safeParse(body);
  return parsed.success ? parsed.data.data.map(toCredential) : null;
}

const ITEMS = [
  VALID,
  { ...VALID, extra: { nested: true } },
  ...FIELDS.flatMap((field) => VALUES.map((value) => variant(field, value))),
  null,
  'cred_1',
  42,
  [VALID],
];

const BODIES: readonly unknown[] = [
  [],
  { data: [] },
  { data: [], next: null },
  null,
  'not a list',
  42,
  { items: [VALID] },
  { data: 'x' },
  { data: { 0: VALID } },
  [[VALID]],
  ...ITEMS.map((item) => [item]),
  ...ITEMS.map((item) => ({ data: [VALID, item] })),
];

describe('the hand check of a credentials list body', () => {
  it('accepts exactly the bodies the zod schema accepts, and reads them the same', () => {
    let accepted = 0;
    for (const body of BODIES) {
      const byHand = readCredentialList(body);
      expect(byHand, JSON.stringify(body)).toEqual(viaSchema(body));
      if (byHand !== null) accepted += 1;
    }
    // Both outcomes are exercised: many bodies pass, many are refused.
    expect(accepted).toBeGreaterThan(20);
    expect(BODIES.length - accepted).toBeGreaterThan(50);
  });

  it('reads a valid item into the app’s shape, absent optional times as null', () => {
    const { expires_at: _expires, last_used_at: _used, ...minimal } = VALID;
    expect(readCredentialList([minimal])).toEqual([
      {
        id: 'cred_1',
        clientId: 'ci_1',
        name: 'CI key',
        status: 'active',
        expiresAt: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-02T00:00:00.000Z',
        lastUsedAt: null,
      },
    ]);
  });
});
