import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../src/shared/errors';
import type { RotationPhase } from '../../src/shared/rotation';
import type { RotationService } from '../../src/main/core/rotation/rotation-service';
import { secretAccount } from '../../src/main/core/secrets/secret-store';
import {
  ENV,
  OLD,
  crashWhenSaving,
  rotationWorld,
  type RotationWorld,
} from '../fixtures/rotation-world';

/** The wizard's steps as service calls, in order, each with the step it reaches. */
const STEPS: readonly {
  readonly name: string;
  readonly reaches: RotationPhase;
  run(service: RotationService, world: RotationWorld): Promise<unknown>;
}[] = [
  {
    name: 'start',
    reaches: 'creating',
    run: (s) =>
      s.start(ENV, { oldClientId: OLD, name: 'Billing worker (rotated)', expiresAt: null }),
  },
  { name: 'create', reaches: 'captured', run: (s) => s.create(ENV, idOf(s)) },
  { name: 'verify', reaches: 'verified', run: (s) => s.verify(ENV, idOf(s)) },
  { name: 'switch', reaches: 'switched', run: (s) => s.switchOver(ENV, idOf(s)) },
  { name: 'hand over', reaches: 'handed-over', run: (s) => s.handOver(ENV, idOf(s)) },
  { name: 'watch', reaches: 'watching', run: (s) => s.pollUsage(ENV, idOf(s)) },
  { name: 'revoke', reaches: 'revoked', run: (s) => s.revokeOld(ENV, idOf(s), false) },
  { name: 'finish', reaches: 'done', run: (s) => s.finish(ENV, idOf(s)) },
];

function idOf(service: RotationService): string {
  const rotation = service.get(ENV);
  if (rotation === null) throw new Error('no rotation');
  return rotation.id;
}

/** Runs the steps from `from` (by index) to the end. */
async function runFrom(service: RotationService, world: RotationWorld, from: number) {
  for (const step of STEPS.slice(from)) await step.run(service, world);
}

/** What a finished rotation must leave: one new credential in use, the old one revoked, one summary. */
async function expectCleanFinish(world: RotationWorld) {
  const service = await world.boot();
  const rotation = service.get(ENV)!;
  expect(rotation.step).toBe('done');
  expect(world.creates).toBe(1);
  expect(world.active).toBe(rotation.newClientId);
  expect(world.credentials.get(OLD)?.status).toBe('revoked');
  expect(world.credentials.get(rotation.newClientId!)?.status).toBe('active');
  expect(world.audit.filter((entry) => entry.action === 'rotation.done')).toHaveLength(1);
  const text = await world.fileText();
  for (const secret of [...world.keychain.values(), 'old-secret']) {
    expect(text).not.toContain(secret);
    expect(JSON.stringify(world.audit)).not.toContain(secret);
  }
  expect(service.isPending(ENV)).toBe(false);
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

describe('rotation service: resumable after a crash at any step', () => {
  it('goes from start to summary, saving each step to rotations.json', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    for (const step of STEPS) {
      await step.run(service, world);
      const onDisk = JSON.parse(await world.fileText()) as {
        rotations: { step: string }[];
      };
      expect(onDisk.rotations[0]?.step, step.name).toBe(step.reaches);
    }
    await expectCleanFinish(world);
    const summary = world.audit.find((entry) => entry.action === 'rotation.done');
    expect(summary?.outcome).toContain('Rotated “Billing worker”');
    expect(summary?.idempotencyKey).toBe(service.get(ENV)?.replacement.idempotencyKey);
  });

  for (let crashAfter = 0; crashAfter < STEPS.length - 1; crashAfter += 1) {
    const last = STEPS[crashAfter]!;
    const next = STEPS[crashAfter + 1]!;
    it(`a crash between “${last.name}” and “${next.name}” resumes at “${last.reaches}” and finishes`, async () => {
      const world = await rotationWorld();
      const before = await world.boot();
      for (const step of STEPS.slice(0, crashAfter + 1)) await step.run(before, world);
      // The app dies; a new process reads rotations.json.
      const after = await world.boot();
      expect(after.get(ENV)?.step).toBe(last.reaches);
      expect(after.isPending(ENV)).toBe(true);
      await runFrom(after, world, crashAfter + 1);
      await expectCleanFinish(world);
    });
  }

  const INSIDE: readonly { step: number; lost: RotationPhase; what: string }[] = [
    { step: 1, lost: 'captured', what: 'the credential was created and stored' },
    { step: 2, lost: 'verified', what: 'the token exchange succeeded' },
    { step: 3, lost: 'switched', what: 'the environment switched' },
    { step: 4, lost: 'handed-over', what: 'the hand-over was confirmed' },
    { step: 5, lost: 'watching', what: 'the usage check answered' },
    { step: 6, lost: 'revoked', what: 'the old credential was revoked' },
    { step: 7, lost: 'done', what: 'the summary was written to the audit log' },
  ];

  for (const { step, lost, what } of INSIDE) {
    it(`a crash after ${what} but before “${lost}” was saved repeats the step without doubling it`, async () => {
      const world = await rotationWorld();
      const first = await world.boot();
      for (const each of STEPS.slice(0, step)) await each.run(first, world);
      const crashing = await world.boot(crashWhenSaving(lost));
      await expect(STEPS[step]!.run(crashing, world)).rejects.toThrow(/crash/);
      const resumed = await world.boot();
      expect(resumed.get(ENV)?.step).toBe(STEPS[step - 1]!.reaches);
      await runFrom(resumed, world, step);
      await expectCleanFinish(world);
    });
  }

  it('a create whose answer was lost is retried with the saved key: one credential, replayed', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    await STEPS[0]!.run(service, world);
    world.loseNextCreateAnswer = true;
    expect((await failureOf(service.create(ENV, idOf(service)))).kind).toBe('network');
    const resumed = await world.boot();
    expect(resumed.get(ENV)).toMatchObject({ step: 'creating', createAttempts: 1 });
    const { rotation, captured } = await resumed.create(ENV, idOf(resumed));
    expect(captured.replayed).toBe(true);
    expect(rotation).toMatchObject({ step: 'captured', createAttempts: 2, replayed: true });
    await runFrom(resumed, world, 2);
    await expectCleanFinish(world);
  });

  it('refuses a second rotation in the same environment', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    await STEPS[0]!.run(service, world);
    const error = await failureOf(
      service.start(ENV, { oldClientId: OLD, name: 'Another', expiresAt: null }),
    );
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('already in progress');
  });

  it('refuses to rotate a credential that is not active', async () => {
    const world = await rotationWorld();
    world.credentials.get(OLD)!.status = 'revoked';
    const service = await world.boot();
    const error = await failureOf(
      service.start(ENV, { oldClientId: OLD, name: 'New', expiresAt: null }),
    );
    expect(error.kind).toBe('validation');
  });

  it('an old key used after the switch blocks the revoke until the user acknowledges it', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    for (const step of STEPS.slice(0, 5)) await step.run(service, world);
    world.clock.advance(60_000);
    world.use(OLD); // an app still on the old key
    const watched = await service.pollUsage(ENV, idOf(service));
    expect(watched.watch).toMatchObject({ usedAfterSwitch: true, polls: 1 });
    const refused = await failureOf(service.revokeOld(ENV, idOf(service), false));
    expect(refused.kind).toBe('conflict');
    expect(refused.message).toContain('after the switch');
    expect(world.credentials.get(OLD)?.status).toBe('active');
    const revoked = await service.revokeOld(ENV, idOf(service), true);
    expect(revoked).toMatchObject({ step: 'revoked', revokedDespiteUse: true });
    expect(revoked.tokensValidUntil).toBe(world.clock.now() + 3_600_000);
    const done = await service.finish(ENV, idOf(service));
    expect(done.step).toBe('done');
    const summary = world.audit.find((entry) => entry.action === 'rotation.done');
    expect(summary?.outcome).toContain('although it was used after the switch');
  });

  it('the usage before the switch (Keysmith’s own) does not count as use after it', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    for (const step of STEPS.slice(0, 3)) await step.run(service, world);
    world.use(OLD);
    world.clock.advance(1000);
    for (const step of STEPS.slice(3, 6)) await step.run(service, world);
    expect(service.get(ENV)?.watch?.usedAfterSwitch).toBe(false);
  });
});

describe('rotation service: cancel says what exists and offers to revoke it', () => {
  it('before anything was sent, nothing exists', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    await STEPS[0]!.run(service, world);
    const cancelled = await service.cancel(ENV, idOf(service), false);
    expect(cancelled.step).toBe('cancelled');
    expect(cancelled.cancelled?.note).toContain('No credential named');
    expect(service.isPending(ENV)).toBe(false);
  });

  it('after a lost create, finds the credential it made and revokes it', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    await STEPS[0]!.run(service, world);
    world.loseNextCreateAnswer = true;
    await service.create(ENV, idOf(service)).catch(() => undefined);
    const cancelled = await service.cancel(ENV, idOf(service), true);
    expect(cancelled.cancelled).toMatchObject({ revokedNew: true, fromStep: 'creating' });
    expect(world.credentials.get('client-new-1')?.status).toBe('revoked');
    expect(world.active).toBe(OLD);
  });

  it('after capture, the new credential exists and is stored; revoking it leaves the old one in use', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    for (const step of STEPS.slice(0, 2)) await step.run(service, world);
    const kept = await (await world.boot()).cancel(ENV, idOf(service), false);
    expect(kept.cancelled?.note).toContain('exists and its secret is stored in the keychain');
    expect(world.credentials.get('client-new-1')?.status).toBe('active');
  });

  it('after the switch, revoking the new one switches the environment back first', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    for (const step of STEPS.slice(0, 6)) await step.run(service, world);
    expect(world.active).toBe('client-new-1');
    const cancelled = await service.cancel(ENV, idOf(service), true);
    expect(world.active).toBe(OLD);
    expect(world.credentials.get('client-new-1')?.status).toBe('revoked');
    expect(world.keychain.has(secretAccount(ENV, 'client-new-1'))).toBe(false);
    expect(cancelled.cancelled?.note).toContain('the environment uses it again');
    expect(world.audit.at(-1)).toMatchObject({ action: 'rotation.cancel' });
  });

  it('once the old one is revoked, the new one is never revoked by a cancel', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    for (const step of STEPS.slice(0, 7)) await step.run(service, world);
    expect((await failureOf(service.cancel(ENV, idOf(service), true))).kind).toBe('conflict');
    expect(world.credentials.get('client-new-1')?.status).toBe('active');
  });

  it('a finished rotation can be dismissed, and then a new one can start', async () => {
    const world = await rotationWorld();
    const service = await world.boot();
    await runFrom(service, world, 0);
    await service.dismiss(ENV, idOf(service));
    expect(service.get(ENV)).toBeNull();
    const again = await service.start(ENV, {
      oldClientId: 'client-new-1',
      name: 'Next',
      expiresAt: null,
    });
    expect(again.step).toBe('creating');
  });
});
