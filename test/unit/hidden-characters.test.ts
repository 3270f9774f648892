import { describe, expect, it } from 'vitest';
import {
  describeHiddenCharacter,
  hasHiddenCharacters,
  hiddenCharactersIn,
  hiddenCharactersWarning,
  isHiddenCharacter,
  revealHiddenCharacters,
  splitHiddenCharacters,
} from '../../src/shared/hidden-characters';
import { growthRatio, LINEAR_GROWTH_LIMIT } from '../fixtures/jwt-growth';

/** Every character the issue names: bidi embeddings/overrides/isolates, zero-width ones, BOM, word joiner. */
const LISTED = [
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  ...range(0x200b, 0x200f),
  0xfeff,
  0x2060,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

describe('names that lie are shown as they are', () => {
  it('a right-to-left override that makes "norc dlO" read "Old cron" is shown as a marker', () => {
    expect(revealHiddenCharacters('\u202Enorc dlO')).toBe('⟨U+202E⟩norc dlO');
    expect(revealHiddenCharacters('Old\u200B cron')).toBe('Old⟨U+200B⟩ cron');
  });

  it('every bidi control and invisible character the issue lists is found and marked', () => {
    for (const codePoint of LISTED) {
      const text = `a${String.fromCodePoint(codePoint)}b`;
      expect(isHiddenCharacter(codePoint), codePoint.toString(16)).toBe(true);
      expect(hasHiddenCharacters(text)).toBe(true);
      expect(revealHiddenCharacters(text)).toMatch(/^a⟨U\+[0-9A-F]{4}⟩b$/);
    }
  });

  it('C0/C1 controls and invisible tag characters (beyond the BMP) are marked too', () => {
    expect(revealHiddenCharacters('a\tb\u0085c')).toBe('a⟨U+0009⟩b⟨U+0085⟩c');
    expect(revealHiddenCharacters(`x${String.fromCodePoint(0xe0041)}y`)).toBe('x⟨U+E0041⟩y');
  });

  it('ordinary names are left exactly as they are, whatever their script or emoji', () => {
    for (const name of [
      'Billing worker',
      'Café ünïcödé',
      'שלום עולם',
      'مرحبا',
      '日本語',
      'Key 🔑',
    ]) {
      expect(hasHiddenCharacters(name)).toBe(false);
      expect(revealHiddenCharacters(name)).toBe(name);
      expect(splitHiddenCharacters(name)).toEqual([{ kind: 'text', text: name }]);
    }
    expect(splitHiddenCharacters('')).toEqual([]);
  });

  it('splits a name into text runs and hidden characters, in order, without losing a code unit', () => {
    const name = '\u202Ea😀\u200B\u200Bb';
    const pieces = splitHiddenCharacters(name);
    expect(pieces).toEqual([
      { kind: 'hidden', codePoint: 0x202e },
      { kind: 'text', text: 'a😀' },
      { kind: 'hidden', codePoint: 0x200b },
      { kind: 'hidden', codePoint: 0x200b },
      { kind: 'text', text: 'b' },
    ]);
    const rebuilt = pieces
      .map((piece) => (piece.kind === 'text' ? piece.text : String.fromCodePoint(piece.codePoint)))
      .join('');
    expect(rebuilt).toBe(name);
  });

  it('names the characters people need to recognise, and lists each once', () => {
    expect(describeHiddenCharacter(0x202e)).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(describeHiddenCharacter(0x206b)).toBe('U+206B');
    expect(hiddenCharactersIn('\u202E\u202E\u200Bx\u202E')).toEqual([0x202e, 0x200b]);
    expect(hiddenCharactersIn('\u0001\u0002\u0003', 2)).toEqual([1, 2]);
  });

  it('a confirmation warning names the flagged name and its characters, and is null otherwise', () => {
    const warning = hiddenCharactersWarning([
      { what: 'The environment name', text: 'Payments' },
      { what: 'The credential name', text: '\u202Enorc dlO' },
    ]);
    expect(warning).toContain(
      'The credential name “⟨U+202E⟩norc dlO” holds U+202E RIGHT-TO-LEFT OVERRIDE',
    );
    expect(warning).not.toContain('Payments');
    expect(warning).not.toContain('\u202E');
    expect(hiddenCharactersWarning([{ what: 'The name', text: 'Old cron' }])).toBeNull();
    expect(hiddenCharactersWarning([])).toBeNull();
  });

  it('reads a long name in linear time, whatever mix of hidden characters it holds', async () => {
    const all = (text: string) => [
      revealHiddenCharacters(text),
      splitHiddenCharacters(text).length,
      hiddenCharactersIn(text),
      hasHiddenCharacters(text),
    ];
    // Dense: every other character hidden. Sparse: one at the very end, after a long plain run.
    for (const make of [
      (n: number) => 'a\u202E'.repeat(n / 2),
      (n: number) => `${'b'.repeat(n)}\u200B`,
    ]) {
      expect(await growthRatio(make, all, 50_000)).toBeLessThan(LINEAR_GROWTH_LIMIT);
    }
  });
});
