import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../shared/canonical-json';
import { ProblemError } from './reply';

/** How long an idempotency key is remembered (24 h, draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Longest key accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** A completed, replayable response as it may be persisted (secrets removed). */
export const PersistedIdempotencySchema = z.strictObject({
  scope: z.string().min(1),
  key: z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  created_at_ms: z.number().int().nonnegative(),
  status: z.number().int().min(200).max(599),
  body: z.record(z.string(), z.unknown()),
});

/** A persisted idempotency record. */
export type PersistedIdempotency = z.infer<typeof PersistedIdempotencySchema>;

/** Fields of a stored body that are kept only in memory, never written to disk. */
const MEMORY_ONLY_FIELDS = ['client_secret'] as const;

interface Entry {
  readonly fingerprint: string;
  readonly createdAtMs: number;
  done: { readonly status: number; readonly body: Readonly<Record<string, unknown>> } | null;
}

/** What to do with a request carrying an Idempotency-Key. */
export type IdempotencyDecision =
  | {
      readonly kind: 'proceed';
      complete(status: number, body: Readonly<Record<string, unknown>>): void;
      abandon(): void;
    }
  | {
      readonly kind: 'replay';
      readonly status: number;
      readonly body: Readonly<Record<string, unknown>>;
    };

/** The request fingerprint: sha256 of the canonical JSON body. */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * Reads the Idempotency-Key header: a Structured Field string per the IETF draft
 * (`"abc"`), or a bare token as Stripe sends it. Throws a 400 ProblemError when invalid.
 */
export function parseIdempotencyKey(values: readonly string[] | undefined): string | null {
  if (values === undefined || values.length === 0) return null;
  const fail = (detail: string): never => {
    throw new ProblemError({
      status: 400,
      code: 'invalid_idempotency_key',
      detail,
      param: 'Idempotency-Key',
    });
  };
  if (values.length > 1) fail('Send exactly one Idempotency-Key header.');
  let key = (values[0] ?? '').trim();
  if (key.startsWith('"')) {
    const match = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/.exec(key);
    if (match === null) fail('The Idempotency-Key is not a valid structured-field string.');
    key = (match?.[1] ?? '').replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0) fail('The Idempotency-Key must not be empty.');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    fail(`The Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  }
  if (!/^[\x20-\x7e]+$/.test(key)) fail('The Idempotency-Key must be printable ASCII.');
  return key;
}

/** Remembers responses per (scope, key) for 24 h: replays, rejects reuse and concurrent use. */
export class IdempotencyCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  /** Creates a cache on the given clock, optionally restoring persisted records. */
  constructor(now: () => number, restored: readonly PersistedIdempotency[] = []) {
    this.#now = now;
    for (const record of restored) {
      this.#entries.set(JSON.stringify([record.scope, record.key]), {
        fingerprint: record.fingerprint,
        createdAtMs: record.created_at_ms,
        done: { status: record.status, body: record.body },
      });
    }
  }

  /** Decides a request: proceed (and report back), replay, or throw a 409/422 ProblemError. */
  begin(scope: string, key: string, requestFingerprint: string): IdempotencyDecision {
    this.#prune();
    const id = JSON.stringify([scope, key]);
    const existing = this.#entries.get(id);
    if (existing !== undefined) {
      if (existing.done === null) {
        throw new ProblemError({
          status: 409,
          code: 'idempotency_key_in_flight',
          detail: 'A request with this Idempotency-Key is still being processed; retry later.',
          param: 'Idempotency-Key',
          headers: { 'Retry-After': '1' },
        });
      }
      if (existing.fingerprint !== requestFingerprint) {
        throw new ProblemError({
          status: 422,
          code: 'idempotency_key_reused',
          detail: 'This Idempotency-Key was already used with a different request body.',
          param: 'Idempotency-Key',
        });
      }
      return { kind: 'replay', status: existing.done.status, body: existing.done.body };
    }
    const entry: Entry = { fingerprint: requestFingerprint, createdAtMs: this.#now(), done: null };
    this.#entries.set(id, entry);
    return {
      kind: 'proceed',
      complete: (status, body) => {
        entry.done = { status, body };
      },
      abandon: () => {
        if (this.#entries.get(id) === entry && entry.done === null) this.#entries.delete(id);
      },
    };
  }

  /** Completed records without their memory-only fields, for the data file. */
  snapshot(): PersistedIdempotency[] {
    this.#prune();
    const out: PersistedIdempotency[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.done === null) continue;
      const [scope, key] = JSON.parse(id) as [string, string];
      const body: Record<string, unknown> = { ...entry.done.body };
      for (const field of MEMORY_ONLY_FIELDS) delete body[field];
      out.push({
        scope,
        key,
        fingerprint: entry.fingerprint,
        created_at_ms: entry.createdAtMs,
        status: entry.done.status,
        body,
      });
    }
    return out;
  }

  #prune(): void {
    const cutoff = this.#now() - IDEMPOTENCY_TTL_MS;
    // Entries are in insertion order, which is clock order: stop at the first live one.
    for (const [id, entry] of this.#entries) {
      if (entry.createdAtMs > cutoff) break;
      if (entry.done !== null) this.#entries.delete(id);
    }
  }
}
