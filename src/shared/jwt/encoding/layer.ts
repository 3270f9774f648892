import type { JwtInspectionError } from '../types';
import { MAX_INPUT_LENGTH, normalizeInput } from './normalize';
import { parseCompact, type ParsedJwe, type ParsedJws } from './parse';

/** What every inspection of one layer carries, readable or not. */
export interface LayerBase {
  readonly token: string;
  readonly normalization: readonly string[];
  readonly depth: number;
}

/** A layer taken apart (normalised and parsed), or the inspection that says why it cannot be. */
export type LayerRead =
  | { readonly ok: true; readonly base: LayerBase; readonly parsed: ParsedJws | ParsedJwe }
  | { readonly ok: false; readonly inspection: JwtInspectionError };

/** The inspection of a layer that failed in a way no input should cause; never thrown. */
export function internalError(base: LayerBase, cause: unknown): JwtInspectionError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return {
    ...base,
    ok: false,
    error: {
      code: 'internal',
      segment: 'input',
      message: `Keysmith could not inspect this input (${message}).`,
    },
  };
}

/**
 * Takes one layer apart: size checks, normalisation and the compact parse, with inspectJwt's
 * errors. Never throws.
 */
export function readLayer(input: unknown, depth: number): LayerRead {
  let base: LayerBase = { token: '', normalization: [], depth };
  try {
    if (typeof input !== 'string')
      return {
        ok: false,
        inspection: {
          ...base,
          ok: false,
          error: {
            code: 'empty-input',
            segment: 'input',
            message: 'Nothing to inspect: the input is not text.',
          },
        },
      };
    if (input.length > MAX_INPUT_LENGTH * 2)
      return { ok: false, inspection: tooLarge(base, input.length) };
    const normalized = normalizeInput(input);
    if (normalized.token.length > MAX_INPUT_LENGTH)
      return { ok: false, inspection: tooLarge(base, normalized.token.length) };
    base = { token: normalized.token, normalization: normalized.steps, depth };
    const parsed = parseCompact(normalized.token, normalized.bare);
    if (!parsed.ok) return { ok: false, inspection: { ...base, ok: false, error: parsed.error } };
    return { ok: true, base, parsed: parsed.token };
  } catch (cause) {
    return { ok: false, inspection: internalError(base, cause) };
  }
}

function tooLarge(base: LayerBase, length: number): JwtInspectionError {
  return {
    ...base,
    ok: false,
    error: {
      code: 'too-large',
      segment: 'input',
      message: `The input is ${length.toLocaleString('en-US')} characters; Keysmith reads tokens up to ${MAX_INPUT_LENGTH.toLocaleString('en-US')}.`,
    },
  };
}
