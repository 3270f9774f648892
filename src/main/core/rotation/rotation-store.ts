import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../../shared/errors';
import { isRotationPending, ROTATION_STEPS, type Rotation } from '../../../shared/rotation';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-file';
import { jsonOrNull, parseJsonFile } from '../files/json-file';
import { createSerialQueue } from '../files/serial-queue';

const Ms = z.number().int().nonnegative();
const Text = (max: number) => z.string().min(1).max(max);
const Iso = z.string().max(64);
const Phase = z.enum([...ROTATION_STEPS, 'cancelled']);
const JsonObject = z.record(z.string(), z.json());

/** One saved rotation: every field checked, unknown ones refused (nothing else, a secret say, can ride along). */
const RotationSchema = z.strictObject({
  id: Text(100),
  environmentId: Text(100),
  step: Phase,
  startedAt: Ms,
  updatedAt: Ms,
  old: z.strictObject({
    clientId: Text(200),
    name: z.string().max(200),
    expiresAt: Iso.nullable(),
  }),
  replacement: z.strictObject({
    name: Text(200),
    expiresAt: Iso.nullable(),
    idempotencyKey: Text(255),
  }),
  createAttempts: z.number().int().nonnegative(),
  newClientId: Text(200).nullable(),
  replayed: z.boolean(),
  verification: z
    .strictObject({
      at: Ms,
      tokenUrl: z.string().max(2048),
      tokenExpiresAt: Ms,
      header: JsonObject.nullable(),
      claims: JsonObject.nullable(),
    })
    .nullable(),
  switchedAt: Ms.nullable(),
  keysmithSwitched: z.boolean(),
  baselineLastUsedAt: Iso.nullable(),
  handedOverAt: Ms.nullable(),
  watch: z
    .strictObject({
      polls: z.number().int().nonnegative(),
      lastPolledAt: Ms,
      oldStatus: z.enum(['active', 'revoked', 'missing']),
      oldLastUsedAt: Iso.nullable(),
      usedAfterSwitch: z.boolean(),
    })
    .nullable(),
  revokedAt: Ms.nullable(),
  tokensValidUntil: Ms.nullable(),
  revokedDespiteUse: z.boolean(),
  finishedAt: Ms.nullable(),
  cancelled: z
    .strictObject({
      at: Ms,
      fromStep: z.enum(ROTATION_STEPS),
      revokedNew: z.boolean(),
      note: z.string().max(2000),
    })
    .nullable(),
  history: z.array(z.strictObject({ step: Phase, at: Ms })).max(1000),
});

const RotationFileSchema = z.strictObject({
  version: z.literal(1),
  rotations: z.array(RotationSchema),
});

/** The rotations file: one rotation (the current or the last one) per environment. */
export interface RotationStore {
  /** Reads the file; a missing file is no rotation, a corrupt one is kept and reported. */
  load(): Promise<void>;
  /** Why the file could not be read, or null when it was fine. */
  loadError(): AppFailure | null;
  /** The rotation of an environment, or null; throws the load error when the file was unreadable. */
  get(environmentId: string): Rotation | null;
  /** Whether the environment has a rotation still in progress (false when the file was unreadable). */
  pending(environmentId: string): boolean;
  /** Replaces the environment's rotation and writes the file atomically before resolving. */
  save(rotation: Rotation): Promise<void>;
  /** Forgets an environment's rotation. */
  remove(environmentId: string): Promise<void>;
}

function corrupt(filePath: string, reason: string): AppFailure {
  return new AppFailure({
    kind: 'internal',
    message:
      `The rotation state file (${filePath}) is unreadable: ${reason}. Keysmith left it untouched ` +
      'so that no rotation in progress is forgotten. Check the credentials of your environments ' +
      `(a rotation may have created one), then move the file aside (a previous good copy may be at ${filePath}.bak) and reload.`,
  });
}

/** Parses the file's text; throws the report for a corrupt file. */
export function parseRotationFile(filePath: string, text: string): readonly Rotation[] {
  const file = parseJsonFile(text, RotationFileSchema, (reason) => corrupt(filePath, reason));
  return file.rotations as readonly Rotation[];
}

/** Builds the store over one JSON file; writes are serialised and atomic, with the previous good copy kept. */
export function createRotationStore(filePath: string): RotationStore {
  const rotations = new Map<string, Rotation>();
  let failure: AppFailure | null = null;
  const serial = createSerialQueue();

  const guard = (): void => {
    if (failure !== null) throw failure;
  };

  const write = (): Promise<void> => {
    const text = `${JSON.stringify({ version: 1, rotations: [...rotations.values()] }, null, 2)}\n`;
    const run = async () => {
      await mkdir(dirname(filePath), { recursive: true });
      await writeFileAtomic(filePath, text, {
        keepBackupIf: (current) => RotationFileSchema.safeParse(jsonOrNull(current)).success,
      });
    };
    return serial(run);
  };

  return {
    async load() {
      rotations.clear();
      failure = null;
      const text = await readTextIfExists(filePath);
      if (text === null) return;
      try {
        for (const rotation of parseRotationFile(filePath, text)) {
          rotations.set(rotation.environmentId, rotation);
        }
      } catch (error) {
        failure = error instanceof AppFailure ? error : corrupt(filePath, String(error));
      }
    },
    loadError: () => failure,
    get(environmentId) {
      guard();
      return rotations.get(environmentId) ?? null;
    },
    pending: (environmentId) => failure === null && isRotationPending(rotations.get(environmentId)),
    async save(rotation) {
      guard();
      const parsed = RotationSchema.parse(rotation) as Rotation;
      const previous = rotations.get(parsed.environmentId);
      rotations.set(parsed.environmentId, parsed);
      try {
        await write();
      } catch (error) {
        // Memory never runs ahead of the disk: a failed write leaves the previous state.
        if (previous === undefined) rotations.delete(parsed.environmentId);
        else rotations.set(parsed.environmentId, previous);
        throw error;
      }
    },
    async remove(environmentId) {
      guard();
      const previous = rotations.get(environmentId);
      if (previous === undefined) return;
      rotations.delete(environmentId);
      try {
        await write();
      } catch (error) {
        rotations.set(environmentId, previous);
        throw error;
      }
    },
  };
}
