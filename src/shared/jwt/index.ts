/**
 * The offline JWT debugger's logic: decode, explain, lint, verify, decrypt, compare and redact.
 * Pure TypeScript on jose; runs in the renderer and in Node alike. This file is the module's one
 * public entry: everything outside src/shared/jwt imports from here, and every export is listed.
 */

// Inspect: decode, explain and lint a pasted token without verifying it.
export { inspectJwt } from './inspect';
export { MAX_INPUT_LENGTH } from './encoding/normalize';
export { MAX_NESTING_DEPTH } from './encoding/payload';

// Verify a JWS with a key the user supplies.
export { verifyJwt } from './verify';
export type {
  VerifyErrorCode,
  VerifyFailure,
  VerifyOptions,
  VerifyResult,
  VerifySuccess,
} from './verify';
export type { ClaimCheckState, ClaimIssue, ClaimsCheck } from './time/claims-check';

// Decrypt a JWE with a key the user supplies.
export { decryptJwe } from './decrypt';
export type { DecryptErrorCode, DecryptOptions, DecryptResult } from './decrypt';

// Compare two tokens; redact one for a ticket.
export { compareJwts } from './compare';
export type { ClaimDiff, DiffStatus, JwtComparison } from './compare';
export { DEFAULT_MASKED_CLAIMS, MASK, redactJwt } from './redact';
export type { RedactOptions, RedactResult } from './redact';

// Explanations of header parameters and claims (the token panel renders them on its own too).
export { CLAIM_DOCS, explainClaims } from './explain/claims';
export { explainHeader, HEADER_DOCS } from './explain/header-params';

// The linter's rules.
export { LINT_RULES } from './lint/rules';
export type { LintId, LintRule } from './lint/rules';

// Times: formatting and the validity window.
export {
  computeTimeStatus,
  DEFAULT_CLOCK_TOLERANCE_SEC,
  formatCountdown,
  formatDuration,
  formatLocal,
  formatRelative,
  formatUtc,
  timeInfo,
} from './time/times';

// Algorithms and keys.
export {
  JWE_ALGORITHMS,
  JWE_ENCRYPTIONS,
  JWS_ALGORITHMS,
  signatureAlgorithmsForKey,
} from './keys/algorithms';
export type {
  KeyAttempt,
  KeyDescription,
  KeyErrorCode,
  KeyInput,
  KeySource,
  SkippedKey,
} from './keys/types';

// The data shapes: plain, serialisable and readonly.
export type {
  ClaimCategory,
  ClaimExplanation,
  EncryptedPart,
  EncryptionInfo,
  JsonObject,
  JsonValue,
  JwtEnvelope,
  JwtError,
  JwtErrorCode,
  JwtInspection,
  JwtInspectionError,
  JwtInspectionOk,
  JwtKind,
  Lifetime,
  LintFinding,
  PayloadView,
  SegmentInfo,
  SegmentName,
  Severity,
  SignatureInfo,
  TimeInfo,
  TimeOptions,
  TimeState,
  TimeStatus,
} from './types';
