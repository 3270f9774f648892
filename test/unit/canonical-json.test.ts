import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/audit/audit-chain';
import { fingerprint } from '../../src/sandbox/idempotency';
import { canonicalJson } from '../../src/shared/canonical-json';
import { AUDIT_HEAD_WRITTEN_BEFORE, AUDIT_LOG_WRITTEN_BEFORE } from '../fixtures/audit-log-v1';

describe('canonical JSON', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ é: 1, z: 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"z":2,"é":1}');
  });

  it('writes what JSON.stringify writes, key order aside (undefined, functions, dates, NaN)', () => {
    const samples: unknown[] = [
      { kept: 1, dropped: undefined, fn: () => 1, sym: Symbol('s') },
      [1, undefined, () => 1, Symbol('s'), null],
      { at: new Date(Date.UTC(2026, 0, 2)), nested: [{ x: undefined }] },
      { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, neg: -0 },
      'text with "quotes" and \u2028',
      null,
      true,
    ];
    for (const sample of samples) {
      expect(JSON.parse(canonicalJson(sample))).toEqual(JSON.parse(JSON.stringify(sample)));
    }
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('gives a request body the same fingerprint whatever its key order', () => {
    expect(fingerprint({ name: 'CI', expires_at: null })).toBe(
      fingerprint({ expires_at: null, name: 'CI' }),
    );
    expect(fingerprint({ name: 'CI' })).not.toBe(fingerprint({ name: 'CD' }));
  });
});

describe('audit logs written before the canonical-JSON merge', () => {
  // Appending to such a log and sealing it into the keyed chain (which needs the keychain):
  // test/integration/audit-keyed-chain.test.ts.
  const noKeyYet = { keychainAvailable: true, key: null, anchor: null };

  it('still verify by hash, torn line and recovery included: not tampered, awaiting their seal', () => {
    expect(verifyAuditChain(AUDIT_LOG_WRITTEN_BEFORE, noKeyYet)).toEqual({
      state: 'unverifiable',
      entries: 4,
      reason: expect.stringMatching(/Entries 1–4 were written without the audit key/),
    });
    expect(JSON.parse(AUDIT_HEAD_WRITTEN_BEFORE)).toMatchObject({ seq: 4 });
  });

  it('still detect an entry changed afterwards', () => {
    const forged = AUDIT_LOG_WRITTEN_BEFORE.replace('"outcome":"revoked"', '"outcome":"kept"');
    expect(verifyAuditChain(forged, noKeyYet)).toMatchObject({
      state: 'broken',
      brokenAt: { line: 5 },
    });
  });
});
