/**
 * The offline JWT debugger's logic: decode, explain, lint, verify, decrypt, compare and redact.
 * Pure TypeScript on jose; runs in the renderer and in Node alike.
 */
export { inspectJwt } from './inspect';
export { MAX_NESTING_DEPTH } from './payload';
export { verifyJwt } from './verify';
export type {
  VerifyErrorCode,
  VerifyFailure,
  VerifyOptions,
  VerifyResult,
  VerifySuccess,
} from './verify';
export type { ClaimCheckState, ClaimIssue, ClaimsCheck } from './claims-check';
export { decryptJwe } from './decrypt';
export type { DecryptErrorCode, DecryptOptions, DecryptResult } from './decrypt';
export { compareJwts } from './compare';
export type { ClaimDiff, DiffStatus, JwtComparison } from './compare';
export { DEFAULT_MASKED_CLAIMS, MASK, redactJwt } from './redact';
export type { RedactOptions, RedactResult } from './redact';
export { LINT_RULES } from './findings';
export type { LintId, LintRule } from './findings';
export {
  computeTimeStatus,
  DEFAULT_CLOCK_TOLERANCE_SEC,
  formatCountdown,
  formatDuration,
  formatLocal,
  formatRelative,
  formatUtc,
  timeInfo,
} from './times';
export { CLAIM_DOCS } from './claims';
export { HEADER_DOCS } from './header-params';
export { MAX_INPUT_LENGTH } from './normalize';
export {
  JWE_ALGORITHMS,
  JWE_ENCRYPTIONS,
  JWS_ALGORITHMS,
  signatureAlgorithmsForKey,
} from './algorithms';
export type {
  KeyAttempt,
  KeyDescription,
  KeyErrorCode,
  KeyInput,
  KeySource,
  SkippedKey,
} from './key-types';
export type * from './types';
