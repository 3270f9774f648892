import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLines } from '../../src/main/core/audit/audit-chain';
import { AUDIT_FILE, AUDIT_HEAD_FILE, createAuditLog } from '../../src/main/core/audit/audit-log';
import { fingerprint } from '../../src/sandbox/idempotency';
import { canonicalJson } from '../../src/shared/canonical-json';
import { AUDIT_HEAD_WRITTEN_BEFORE, AUDIT_LOG_WRITTEN_BEFORE } from '../fixtures/audit-log-v1';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keysmith-canonical-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
  it('still verify, torn line and recovery included, and take new entries', async () => {
    const anchor = JSON.parse(AUDIT_HEAD_WRITTEN_BEFORE) as { seq: number; hash: string };
    expect(verifyAuditLines(AUDIT_LOG_WRITTEN_BEFORE, anchor)).toEqual({ valid: true, entries: 4 });

    await writeFile(join(dir, AUDIT_FILE), AUDIT_LOG_WRITTEN_BEFORE);
    await writeFile(join(dir, AUDIT_HEAD_FILE), AUDIT_HEAD_WRITTEN_BEFORE);
    const log = createAuditLog(dir);
    expect(await log.verify()).toEqual({ valid: true, entries: 4 });
    await log.append({ environmentId: 'env-1', action: 'environment.update' });
    expect(await log.verify()).toEqual({ valid: true, entries: 5 });
  });

  it('still detect an entry changed afterwards', () => {
    const forged = AUDIT_LOG_WRITTEN_BEFORE.replace('"outcome":"revoked"', '"outcome":"kept"');
    expect(verifyAuditLines(forged)).toMatchObject({ valid: false, brokenAt: { line: 5 } });
  });
});
