import { describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../src/shared/errors';
import type { RotationService } from '../../src/main/core/rotation/rotation-service';
import { ENV, OLD, rotationWorld } from '../fixtures/rotation-world';

function idOf(service: RotationService): string {
  const rotation = service.get(ENV);
  if (rotation === null) throw new Error('no rotation');
  return rotation.id;
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return (error as AppFailure).appError;
}

const START = { oldClientId: OLD, name: 'Billing worker (rotated)', expiresAt: null };

describe('rotation: production steps ask the person in main, once each', () => {
  it('a declined create sends nothing and does not count a try; a confirmed one asks once', async () => {
    const world = await rotationWorld('production');
    const service = await world.boot();
    await service.start(ENV, START);
    world.person.answer(false);
    expect((await failureOf(service.create(ENV, idOf(service)))).kind).toBe('cancelled');
    expect(world.creates).toBe(0);
    expect(service.get(ENV)).toMatchObject({ step: 'creating', createAttempts: 0 });

    world.person.answer(true);
    world.person.requests.length = 0;
    await service.create(ENV, idOf(service));
    expect(world.person.requests.map((request) => request.action)).toEqual(['rotation.create']);
    expect(world.person.requests[0]).toMatchObject({
      subject: 'Billing worker (rotated)',
      typeToConfirm: null,
      environment: { id: ENV, kind: 'production' },
    });
  });

  it('an old key seen in use is refused without asking unless "revoke anyway" was chosen', async () => {
    const world = await rotationWorld('production');
    const service = await world.boot();
    await service.start(ENV, START);
    await service.create(ENV, idOf(service));
    await service.verify(ENV, idOf(service));
    await service.switchOver(ENV, idOf(service));
    await service.handOver(ENV, idOf(service));
    world.clock.advance(1000);
    world.use(OLD);
    expect((await service.pollUsage(ENV, idOf(service))).watch?.usedAfterSwitch).toBe(true);
    world.person.requests.length = 0;
    expect((await failureOf(service.revokeOld(ENV, idOf(service), false))).kind).toBe('conflict');
    expect(world.person.requests).toEqual([]);

    await service.revokeOld(ENV, idOf(service), true);
    expect(world.person.requests).toHaveLength(1);
    expect(world.person.requests[0]?.warning).toContain('was used recently');
    expect(world.credentials.get(OLD)?.status).toBe('revoked');
  });

  it('a cancel whose create answer was lost names the orphan it would revoke, and keeps it when declined', async () => {
    const world = await rotationWorld('production');
    const service = await world.boot();
    await service.start(ENV, START);
    world.loseNextCreateAnswer = true;
    expect((await failureOf(service.create(ENV, idOf(service)))).kind).toBe('network');
    world.person.answer(false);
    world.person.requests.length = 0;
    expect((await failureOf(service.cancel(ENV, idOf(service), true))).kind).toBe('cancelled');
    expect(world.person.requests[0]).toMatchObject({
      action: 'rotation.cancel-revoke-new',
      subject: 'client-new-1',
      typeToConfirm: 'client-new-1'.slice(-6),
    });
    expect(world.credentials.get('client-new-1')?.status).toBe('active');
    expect(service.get(ENV)?.step).toBe('creating');

    // Cancelling without revoking destroys nothing: nothing to confirm.
    world.person.requests.length = 0;
    expect((await service.cancel(ENV, idOf(service), false)).step).toBe('cancelled');
    expect(world.person.requests).toEqual([]);
  });

  it('outside production the wizard asks nothing', async () => {
    const world = await rotationWorld('staging');
    world.person.answer(false);
    const service = await world.boot();
    await service.start(ENV, START);
    await service.create(ENV, idOf(service));
    await service.cancel(ENV, idOf(service), true);
    expect(world.credentials.get('client-new-1')?.status).toBe('revoked');
    expect(world.person.requests).toEqual([]);
  });
});
