import { z } from 'zod';
import type { Environment } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { storedEnvironmentFieldsShape } from '../../../shared/environment-schema';
import { secretShapeOf } from '../secrets/secret-shape';

/** The profiles.json format this build reads and writes. */
export const ENVIRONMENTS_SCHEMA_VERSION = 1;

/** One environment as stored: checked for shape only, so a rule tightened later cannot void a file. */
const StoredEnvironmentSchema = z.object({
  id: z.string().min(1),
  ...storedEnvironmentFieldsShape,
  activeClientId: z.string().nullable().default(null),
  verification: z.enum(['verified', 'not-verified']).default('not-verified'),
  embedded: z.boolean().optional(),
  autoRenew: z.boolean().default(true),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<Environment>;

/** profiles.json, version 1 (unknown properties are dropped on read, so they never get rewritten). */
const EnvironmentsFileSchema = z.object({
  schemaVersion: z.literal(ENVIRONMENTS_SCHEMA_VERSION),
  selectedId: z.string().nullable(),
  environments: z
    .array(StoredEnvironmentSchema)
    .refine((list) => new Set(list.map((environment) => environment.id)).size === list.length, {
      error: 'two environments share an id',
    }),
});

/** What profiles.json holds, in memory. */
export interface EnvironmentsFile {
  readonly selectedId: string | null;
  readonly environments: readonly Environment[];
}

/** No environments, nothing selected. */
export const NO_ENVIRONMENTS: EnvironmentsFile = { selectedId: null, environments: [] };

/** The outcome of reading profiles.json text: its state, or why it cannot be used. */
export type ParsedEnvironmentsFile =
  | { readonly ok: true; readonly state: EnvironmentsFile }
  | { readonly ok: false; readonly reason: string; readonly newerVersion?: number };

/** Parses profiles.json text; says why when it cannot (`newerVersion`: a later Keysmith wrote it). */
export function parseEnvironmentsFile(text: string): ParsedEnvironmentsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `It is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof json === 'object' && json !== null && 'schemaVersion' in json) {
    const version = json.schemaVersion;
    if (typeof version === 'number' && Number.isInteger(version) && version > 1) {
      return { ok: false, reason: `schema version ${version}`, newerVersion: version };
    }
  }
  const parsed = EnvironmentsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue !== undefined && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `Its content is not valid (${where}${issue?.message ?? '?'}).` };
  }
  const { selectedId, environments } = parsed.data;
  const known = environments.some((environment) => environment.id === selectedId);
  return { ok: true, state: { selectedId: known ? selectedId : null, environments } };
}

/** The text of profiles.json for a state; refuses (internal error) if any value looks like a secret. */
export function environmentsFileText(state: EnvironmentsFile): string {
  const file = { schemaVersion: ENVIRONMENTS_SCHEMA_VERSION, ...state };
  const text = `${JSON.stringify(file, null, 2)}\n`;
  const shape = secretShapeOf(text);
  if (shape !== null) {
    throw new AppFailure({
      kind: 'internal',
      message: `Refused to save the environments: a value looks like ${shape}.`,
    });
  }
  return text;
}
