import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../src/shared/errors';
import {
  ROTATION_STEPS,
  isRotationPending,
  rotationFacts,
  sameExpiryPolicy,
  suggestedReplacementName,
  usedAfterSwitch,
  type Rotation,
  type RotationPhase,
} from '../../src/shared/rotation';
import {
  ROTATION_TRANSITIONS,
  applyRotationEvent,
  startRotation,
  type RotationEvent,
  type RotationEventType,
} from '../../src/main/core/rotation/rotation-state';

const T0 = Date.UTC(2026, 2, 1, 12);

const fresh = (): Rotation =>
  startRotation({
    id: 'r1',
    environmentId: 'env',
    old: { clientId: 'old', name: 'Billing worker', expiresAt: null },
    replacement: { name: 'Billing worker (rotated)', expiresAt: null, idempotencyKey: 'key-1' },
    at: T0,
  });

/** One event of each type, at T0 + 1 s. */
const EVENTS: Record<RotationEventType, RotationEvent> = {
  'create-attempted': { type: 'create-attempted', at: T0 + 1000 },
  captured: { type: 'captured', at: T0 + 1000, clientId: 'new', replayed: false },
  verified: {
    type: 'verified',
    at: T0 + 1000,
    verification: {
      at: T0 + 1000,
      tokenUrl: 'https://x/auth/token',
      tokenExpiresAt: T0 + 3_601_000,
      header: { alg: 'RS256' },
      claims: { client_id: 'new' },
    },
  },
  switched: { type: 'switched', at: T0 + 1000, keysmithSwitched: true, baselineLastUsedAt: null },
  'switched-back': { type: 'switched-back', at: T0 + 1000 },
  'handed-over': { type: 'handed-over', at: T0 + 1000 },
  polled: { type: 'polled', at: T0 + 1000, oldStatus: 'active', oldLastUsedAt: null },
  revoked: { type: 'revoked', at: T0 + 1000, tokensValidUntil: T0 + 3_601_000, despiteUse: false },
  finished: { type: 'finished', at: T0 + 1000 },
  cancelled: { type: 'cancelled', at: T0 + 1000, revokedNew: false, note: 'stopped' },
};

/** Where each event leads. */
const TARGET: Record<RotationEventType, RotationPhase | 'same'> = {
  'create-attempted': 'same',
  captured: 'captured',
  verified: 'verified',
  switched: 'switched',
  'switched-back': 'verified',
  'handed-over': 'handed-over',
  polled: 'watching',
  revoked: 'revoked',
  finished: 'done',
  cancelled: 'cancelled',
};

const PHASES: readonly RotationPhase[] = [...ROTATION_STEPS, 'cancelled'];

/** A rotation in a given phase (fields filled as that phase implies). */
function inPhase(phase: RotationPhase): Rotation {
  return { ...fresh(), step: phase, newClientId: phase === 'creating' ? null : 'new' };
}

describe('rotation state machine', () => {
  it('starts at "creating" with its Idempotency-Key chosen and nothing sent', () => {
    const rotation = fresh();
    expect(rotation).toMatchObject({ step: 'creating', createAttempts: 0, newClientId: null });
    expect(rotation.replacement.idempotencyKey).toBe('key-1');
    expect(isRotationPending(rotation)).toBe(true);
  });

  for (const type of Object.keys(ROTATION_TRANSITIONS) as RotationEventType[]) {
    for (const phase of PHASES) {
      const allowed = ROTATION_TRANSITIONS[type].includes(phase);
      it(`${type} ${allowed ? 'moves' : 'is refused'} from ${phase}`, () => {
        const before = inPhase(phase);
        if (!allowed) {
          expect(() => applyRotationEvent(before, EVENTS[type])).toThrow(AppFailure);
          try {
            applyRotationEvent(before, EVENTS[type]);
          } catch (error) {
            expect((error as AppFailure).appError.kind).toBe('conflict');
          }
          return;
        }
        const after = applyRotationEvent(before, EVENTS[type]);
        const target = TARGET[type];
        expect(after.step).toBe(target === 'same' ? phase : target);
        expect(after.updatedAt).toBe(T0 + 1000);
        expect(before.step).toBe(phase); // states are values: the old one is untouched
      });
    }
  }

  it('walks the happy path, recording every step in the history', () => {
    let rotation = fresh();
    for (const type of [
      'create-attempted',
      'captured',
      'verified',
      'switched',
      'handed-over',
      'polled',
      'polled',
      'revoked',
      'finished',
    ] as const) {
      rotation = applyRotationEvent(rotation, EVENTS[type]);
    }
    expect(rotation.step).toBe('done');
    expect(rotation.createAttempts).toBe(1);
    expect(rotation.watch?.polls).toBe(2);
    expect(rotation.history.map((entry) => entry.step)).toEqual([
      'creating',
      'captured',
      'verified',
      'switched',
      'handed-over',
      'watching',
      'revoked',
      'done',
    ]);
    expect(isRotationPending(rotation)).toBe(false);
  });

  it('switching back forgets the switch, the hand-over and the watch', () => {
    let rotation = inPhase('verified');
    rotation = applyRotationEvent(rotation, EVENTS.switched);
    rotation = applyRotationEvent(rotation, EVENTS['handed-over']);
    rotation = applyRotationEvent(rotation, EVENTS.polled);
    rotation = applyRotationEvent(rotation, EVENTS['switched-back']);
    expect(rotation).toMatchObject({
      step: 'verified',
      switchedAt: null,
      handedOverAt: null,
      watch: null,
    });
  });

  it('a cancel remembers the step it stopped at', () => {
    const rotation = applyRotationEvent(inPhase('watching'), EVENTS.cancelled);
    expect(rotation.cancelled).toMatchObject({ fromStep: 'watching', note: 'stopped' });
  });

  it('flags a use of the old key after the switch, against the baseline when there is one', () => {
    const switchedAt = T0;
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(usedAfterSwitch(null, { switchedAt, baselineLastUsedAt: null })).toBe(false);
    expect(usedAfterSwitch(iso(T0 - 1), { switchedAt, baselineLastUsedAt: null })).toBe(false);
    expect(usedAfterSwitch(iso(T0 + 1), { switchedAt, baselineLastUsedAt: null })).toBe(true);
    // The server's clock runs ahead: its own last use before the switch is not "after".
    const baseline = iso(T0 + 5000);
    expect(usedAfterSwitch(baseline, { switchedAt, baselineLastUsedAt: baseline })).toBe(false);
    expect(usedAfterSwitch(iso(T0 + 6000), { switchedAt, baselineLastUsedAt: baseline })).toBe(
      true,
    );
  });

  it('suggests "<old name> (rotated YYYY-MM-DD)" and keeps the old expiry policy', () => {
    const now = new Date(2026, 2, 1, 9).getTime();
    expect(suggestedReplacementName('Billing worker', now)).toBe(
      'Billing worker (rotated 2026-03-01)',
    );
    expect(suggestedReplacementName('Billing worker (rotated 2025-01-01)', now)).toBe(
      'Billing worker (rotated 2026-03-01)',
    );
    expect(sameExpiryPolicy({ createdAt: '2026-01-01T00:00:00Z', expiresAt: null }, now)).toEqual({
      expiresAt: null,
      lifetimeDays: null,
    });
    const ninety = sameExpiryPolicy(
      { createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' },
      now,
    );
    expect(ninety.lifetimeDays).toBe(90);
    expect(Date.parse(ninety.expiresAt!)).toBe(now + 90 * 86_400_000);
  });

  it('tells what exists at each point, for the cancel dialog', () => {
    const creating = fresh();
    expect(rotationFacts(creating, 'old')).toMatchObject({
      newCredential: 'none',
      canRevokeNew: false,
    });
    expect(rotationFacts({ ...creating, createAttempts: 1 }, 'old')).toMatchObject({
      newCredential: 'maybe',
      canRevokeNew: true,
    });
    const captured = inPhase('captured');
    const facts = rotationFacts(captured, 'old');
    expect(facts).toMatchObject({ newCredential: 'stored', environmentUsesNew: false });
    expect(facts.summary).toContain('exists and its secret is stored in the keychain');
    expect(rotationFacts(inPhase('switched'), 'new').summary).toContain(
      'switches the environment back',
    );
    expect(rotationFacts({ ...inPhase('revoked'), revokedAt: T0 }, 'new').canRevokeNew).toBe(false);
  });
});
