import { describe, expect, it } from 'vitest';
import { verifyAuditChain, type ChainKeys } from '../../src/main/core/audit/audit-chain';
import {
  GENESIS_HASH,
  SEAL_ACTION,
  hashOfLine,
  macOfLine,
} from '../../src/main/core/audit/audit-lines';

// The keyed chain's verification as a pure function of the log's text and what the keychain holds.
// The log that writes such text, over the real keychain: test/integration/audit-keyed-chain.test.ts.

const KEY = Buffer.alloc(32, 1);

/** One line to build: keyed (a MAC under KEY) or not (a sha256 hash), and its own fields. */
type Spec = readonly [keyed: boolean, fields?: Record<string, unknown>];

/** Builds a chained log from specs, as an append would write it. */
function build(specs: readonly Spec[]): Record<string, unknown>[] {
  let prev = GENESIS_HASH;
  return specs.map(([keyed, fields = {}], index) => {
    const line = {
      seq: index + 1,
      at: '2026-01-02T03:04:05.000Z',
      environmentId: null,
      action: 'environment.add',
      ...fields,
      prev,
    };
    const value = keyed ? macOfLine(KEY, line) : hashOfLine(line);
    prev = value;
    return { ...line, [keyed ? 'mac' : 'hash']: value };
  });
}

const textOf = (lines: readonly Record<string, unknown>[]): string =>
  lines.map((line) => `${JSON.stringify(line)}\n`).join('');

/** The keychain as the last append left it: the key, and the anchor on the last keyed line. */
function keysFor(
  lines: readonly Record<string, unknown>[],
  more: Partial<ChainKeys> = {},
): ChainKeys {
  const lastKeyed = [...lines].reverse().find((line) => typeof line['mac'] === 'string');
  const anchor =
    lastKeyed === undefined
      ? null
      : { seq: lastKeyed['seq'] as number, mac: lastKeyed['mac'] as string };
  return { keychainAvailable: true, key: KEY, anchor, ...more };
}

const seal = (from: number, to: number, more: Record<string, unknown> = {}) =>
  [true, { action: SEAL_ACTION, sealedFrom: from, sealedTo: to, ...more }] as const;

describe('a keyed chain', () => {
  it('is intact when every MAC matches and the log reaches the anchor', () => {
    const lines = build([[true], [true], [true]]);
    expect(verifyAuditChain(textOf(lines), keysFor(lines))).toEqual({
      state: 'intact',
      entries: 3,
      hashOnly: [],
    });
  });

  it('accepts keyed entries past the anchor (the anchor write after them failed)', () => {
    const lines = build([[true], [true], [true], [true]]);
    const keys = keysFor(lines.slice(0, 2));
    expect(verifyAuditChain(textOf(lines), keys)).toMatchObject({ state: 'intact', entries: 4 });
  });

  it('is broken where the log stops short of the anchor, naming the first missing entry', () => {
    const lines = build([[true], [true], [true], [true], [true]]);
    expect(verifyAuditChain(textOf(lines.slice(0, 3)), keysFor(lines))).toEqual({
      state: 'broken',
      entries: 3,
      brokenAt: {
        entry: 4,
        line: 4,
        reason: expect.stringMatching(/anchor says entry 5 was appended: 2 lines were removed/),
      },
    });
  });

  it('is broken where the anchored entry is not the one that was appended', () => {
    const lines = build([[true], [true], [true]]);
    const keys = keysFor(lines, { anchor: { seq: 2, mac: 'f'.repeat(64) } });
    expect(verifyAuditChain(textOf(lines), keys)).toMatchObject({
      state: 'broken',
      brokenAt: { entry: 2, line: 2, reason: expect.stringMatching(/rewritten/) },
    });
  });

  it('refuses a line that carries both a hash and a MAC', () => {
    const lines = build([[true], [true]]);
    const both = { ...lines[1], hash: 'a'.repeat(64) };
    expect(verifyAuditChain(textOf([lines[0]!, both]), keysFor(lines))).toMatchObject({
      state: 'broken',
      brokenAt: { line: 2, reason: expect.stringMatching(/either a hash or a MAC/) },
    });
  });
});

describe('unkeyed entries in a keyed chain', () => {
  it('are intact, by hash only, when the keyed entry after them seals exactly them', () => {
    const lines = build([[false], [false], [false], seal(1, 3), [true]]);
    expect(verifyAuditChain(textOf(lines), keysFor(lines))).toEqual({
      state: 'intact',
      entries: 5,
      hashOnly: [{ from: 1, to: 3 }],
    });
  });

  it('are broken at their first entry when keyed entries follow without a seal', () => {
    const lines = build([[true], [true], [false], [false], [true]]);
    expect(verifyAuditChain(textOf(lines), keysFor(lines))).toEqual({
      state: 'broken',
      entries: 2,
      brokenAt: { entry: 3, line: 3, reason: expect.stringMatching(/without the audit key/) },
    });
  });

  it('are broken at their first entry when the anchor says a keyed entry stood there', () => {
    const keyed = build([[true], [true], [true], [true]]);
    const downgraded = build([[true], [true], [false], [false]]);
    expect(verifyAuditChain(textOf(downgraded), keysFor(keyed))).toMatchObject({
      state: 'broken',
      entries: 2,
      brokenAt: { entry: 3, line: 3, reason: expect.stringMatching(/anchor says entry 4/) },
    });
  });

  it('are broken when the seal names other entries, or carries no MAC', () => {
    const wrongRange = build([[false], [false], [false], seal(2, 3), [true]]);
    expect(verifyAuditChain(textOf(wrongRange), keysFor(wrongRange))).toMatchObject({
      state: 'broken',
      brokenAt: { entry: 4, line: 4, reason: expect.stringMatching(/claims to seal/) },
    });
    const unkeyedSeal = build([[false], [false], [false, seal(1, 2)[1]], [true]]);
    expect(verifyAuditChain(textOf(unkeyedSeal), keysFor(unkeyedSeal))).toMatchObject({
      state: 'broken',
      brokenAt: { line: 3, reason: expect.stringMatching(/seal without a MAC/) },
    });
  });

  it('are broken when the older log they came from had been cut or rewritten before the seal', () => {
    const base = build([[false], [false], [false]]);
    const headOf = (seq: number, hash: unknown) => ({ legacyHead: { seq, hash } });
    const cut = build([[false], [false], [false], seal(1, 3, headOf(5, 'a'.repeat(64))), [true]]);
    expect(verifyAuditChain(textOf(cut), keysFor(cut))).toMatchObject({
      state: 'broken',
      brokenAt: { line: 4, reason: expect.stringMatching(/2 entries more at its end/) },
    });
    const rewritten = build([[false], [false], [false], seal(1, 3, headOf(2, 'b'.repeat(64)))]);
    expect(verifyAuditChain(textOf(rewritten), keysFor(rewritten))).toMatchObject({
      state: 'broken',
      brokenAt: { line: 4, reason: expect.stringMatching(/Entry 2 .* is not the one/) },
    });
    const kept = build([[false], [false], [false], seal(1, 3, headOf(3, base[2]!['hash']))]);
    expect(verifyAuditChain(textOf(kept), keysFor(kept))).toMatchObject({ state: 'intact' });
  });

  it('at the end of the log, not sealed yet, are unverifiable', () => {
    const lines = build([[true], [true], [false], [false]]);
    expect(verifyAuditChain(textOf(lines), keysFor(lines))).toEqual({
      state: 'unverifiable',
      entries: 4,
      reason: expect.stringMatching(/Entries 3–4 .* not sealed yet/),
    });
  });
});

describe('what the keychain cannot prove', () => {
  const lines = build([[true], [true], [true]]);

  it('without a keychain, even an empty log is unverifiable, never intact', () => {
    const none = { keychainAvailable: false, key: null, anchor: null };
    for (const text of ['', textOf(lines)]) {
      expect(verifyAuditChain(text, none)).toMatchObject({
        state: 'unverifiable',
        reason: expect.stringMatching(/keychain is unavailable/),
      });
    }
  });

  it('without the key or without the anchor, keyed entries are unverifiable', () => {
    expect(verifyAuditChain(textOf(lines), keysFor(lines, { key: null }))).toMatchObject({
      state: 'unverifiable',
      entries: 3,
      reason: expect.stringMatching(/key is missing/),
    });
    expect(verifyAuditChain(textOf(lines), keysFor(lines, { anchor: null }))).toMatchObject({
      state: 'unverifiable',
      entries: 3,
      reason: expect.stringMatching(/anchor is missing/),
    });
  });

  it('reports what is broken even without the key: a removed line', () => {
    const gap = [lines[0]!, lines[2]!];
    expect(verifyAuditChain(textOf(gap), keysFor(lines, { key: null }))).toMatchObject({
      state: 'broken',
      brokenAt: { entry: 2, line: 2, reason: expect.stringMatching(/Entry 2 is missing/) },
    });
  });
});
