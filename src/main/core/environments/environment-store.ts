import { randomUUID } from 'node:crypto';
import { access, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Environment } from '../../../shared/domain';
import {
  ENVIRONMENT_FIELD_NAMES,
  type EnvironmentFields,
  type EnvironmentFieldsDraft,
} from '../../../shared/environment';
import { AppFailure, errorCode } from '../../../shared/errors';
import { BACKUP_SUFFIX, readTextIfExists, syncFolder, writeFileAtomic } from '../files/atomic-file';
import {
  NO_ENVIRONMENTS,
  ENVIRONMENTS_SCHEMA_VERSION,
  parseEnvironmentsFile,
  environmentsFileText,
  type EnvironmentsFile,
} from './environment-file';
import {
  EnvironmentStateSchema,
  checkEnvironmentFields,
  failValidation,
  fieldErrorsOf,
} from './environment-schema';
import { createSerialQueue } from '../files/serial-queue';

/**
 * The file name of the environments, inside the data folder. It keeps its old name, from when
 * environments were called profiles, so that existing installs find their environments.
 */
export const ENVIRONMENTS_FILE = 'profiles.json';

/** What `load()` had to do about a damaged profiles.json, for the UI to tell the user. */
export interface LoadRecovery {
  /** Where the environments now come from: the previous good copy, or nowhere (an empty list). */
  readonly from: 'backup' | 'none';
  /** Where the damaged file was moved to; null when profiles.json was missing altogether. */
  readonly corruptCopy: string | null;
  /** What was wrong with it, in words. */
  readonly reason: string;
}

/** What loading profiles.json found. */
export interface LoadReport {
  readonly recovered: LoadRecovery | null;
  /** Set when a newer Keysmith wrote the file: it is left alone and every change is refused. */
  readonly refused: { readonly schemaVersion: number; readonly reason: string } | null;
}

/** What adding an environment takes: its fields and the state it starts in. */
export interface NewStoredEnvironment extends EnvironmentFieldsDraft {
  readonly activeClientId: string | null;
  readonly verification: Environment['verification'];
  readonly embedded?: boolean;
  /** Defaults to true. */
  readonly autoRenew?: boolean;
}

/** The properties of an environment that `update` may change. */
export type EnvironmentPatch = Partial<
  EnvironmentFields & Pick<Environment, 'activeClientId' | 'verification' | 'autoRenew'>
>;

/** Injected clock and id source, for tests. */
export interface EnvironmentStoreOptions {
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** The environments, persisted in `<dataDir>/profiles.json`; never holds a secret. */
export interface EnvironmentStore {
  /** Reads the file (call once, before anything else); recovers from a damaged one. */
  load(): Promise<LoadReport>;
  list(): readonly Environment[];
  /** The environment, or a `not-found` AppFailure. */
  get(id: string): Environment;
  /** Checks fields as `add` would (`exceptId`: the environment being edited); returns them normalised. */
  validate(fields: EnvironmentFieldsDraft, exceptId?: string): EnvironmentFields;
  add(input: NewStoredEnvironment): Promise<Environment>;
  update(id: string, patch: EnvironmentPatch): Promise<Environment>;
  remove(id: string): Promise<void>;
  selectedId(): string | null;
  select(id: string): Promise<void>;
}

/** The editable fields of an object (a patch, a stored environment), without undefined ones. */
const pickFields = (source: Partial<EnvironmentFields>): Partial<EnvironmentFields> =>
  Object.fromEntries(
    ENVIRONMENT_FIELD_NAMES.filter((name) => source[name] !== undefined).map((name) => [
      name,
      source[name],
    ]),
  );

const sameName = (a: string, b: string): boolean =>
  a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();

/** Builds the environment store over `<dataDir>/profiles.json`; writes are queued so none is lost. */
export function createEnvironmentStore(
  dataDir: string,
  options: EnvironmentStoreOptions = {},
): EnvironmentStore {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const path = join(dataDir, ENVIRONMENTS_FILE);
  const backupPath = `${path}${BACKUP_SUFFIX}`;
  let state: EnvironmentsFile | null = null;
  let refusal: string | null = null;
  const enqueue = createSerialQueue();

  const current = (): EnvironmentsFile => {
    if (state === null) {
      throw new AppFailure({
        kind: 'internal',
        message: 'The environment store was used before load().',
      });
    }
    return state;
  };

  const find = (id: string): Environment => {
    const environment = current().environments.find((candidate) => candidate.id === id);
    if (environment === undefined) {
      throw new AppFailure({ kind: 'not-found', message: `No environment has the id “${id}”.` });
    }
    return environment;
  };

  const persist = async (next: EnvironmentsFile): Promise<void> => {
    if (refusal !== null) throw new AppFailure({ kind: 'conflict', message: refusal });
    await mkdir(dataDir, { recursive: true });
    await writeFileAtomic(path, environmentsFileText(next), {
      keepBackupIf: (old) => parseEnvironmentsFile(old).ok,
    });
    state = next;
  };

  const validate = (fields: EnvironmentFieldsDraft, exceptId?: string): EnvironmentFields => {
    const checked = checkEnvironmentFields(fields);
    const clash = current().environments.find(
      (environment) => environment.id !== exceptId && sameName(environment.name, checked.name),
    );
    if (clash !== undefined) {
      failValidation([
        { param: 'name', detail: `Another environment is already called “${clash.name}”.` },
      ]);
    }
    return checked;
  };

  const checkState = (input: unknown) => {
    const parsed = EnvironmentStateSchema.safeParse(input);
    if (!parsed.success) failValidation(fieldErrorsOf(parsed.error));
    return parsed.data;
  };

  const moveAside = async (): Promise<string> => {
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    for (let attempt = 1; ; attempt += 1) {
      const target = `${path}.corrupt-${stamp}${attempt > 1 ? `-${attempt}` : ''}`;
      const taken = await access(target).then(
        () => true,
        () => false,
      );
      if (taken) continue;
      await rename(path, target);
      await syncFolder(dataDir);
      return target;
    }
  };

  const restoreBackup = async (): Promise<EnvironmentsFile | null> => {
    const text = await readTextIfExists(backupPath);
    const parsed = text === null ? null : parseEnvironmentsFile(text);
    if (parsed === null || !parsed.ok) return null;
    let restored: string;
    try {
      restored = environmentsFileText(parsed.state);
    } catch {
      return null; // A backup holding something secret-shaped is not a good copy.
    }
    await writeFileAtomic(path, restored);
    return parsed.state;
  };

  const readOrFail = async (): Promise<string | null> => {
    try {
      return await readTextIfExists(path);
    } catch (error) {
      throw new AppFailure({
        kind: 'internal',
        message: `Could not read ${path} (${errorCode(error) ?? 'unknown error'}).`,
      });
    }
  };

  return {
    load: () =>
      enqueue(async (): Promise<LoadReport> => {
        refusal = null;
        const text = await readOrFail();
        if (text === null) {
          const restored = await restoreBackup();
          state = restored ?? NO_ENVIRONMENTS;
          if (restored === null) return { recovered: null, refused: null };
          const reason = `${ENVIRONMENTS_FILE} was missing; its backup copy was restored.`;
          return { recovered: { from: 'backup', corruptCopy: null, reason }, refused: null };
        }
        const parsed = parseEnvironmentsFile(text);
        if (parsed.ok) {
          state = parsed.state;
          return { recovered: null, refused: null };
        }
        if (parsed.newerVersion !== undefined) {
          state = NO_ENVIRONMENTS;
          refusal =
            `${path} was written by a newer version of Keysmith (schema ${parsed.newerVersion}; ` +
            `this one knows ${ENVIRONMENTS_SCHEMA_VERSION}). It is left untouched: update Keysmith to edit environments.`;
          return {
            recovered: null,
            refused: { schemaVersion: parsed.newerVersion, reason: refusal },
          };
        }
        const corruptCopy = await moveAside();
        const restored = await restoreBackup();
        state = restored ?? NO_ENVIRONMENTS;
        const reason =
          `${ENVIRONMENTS_FILE} was damaged: ${parsed.reason} It was kept as ${corruptCopy}` +
          (restored === null
            ? ', and no valid backup copy exists: the environment list starts empty.'
            : ', and the previous good copy was restored (the latest change may be missing).');
        return {
          recovered: { from: restored === null ? 'none' : 'backup', corruptCopy, reason },
          refused: null,
        };
      }),
    list: () => current().environments,
    get: find,
    validate,
    add: (input) =>
      enqueue(async () => {
        const fields = validate(input);
        const extra = checkState({
          activeClientId: input.activeClientId,
          verification: input.verification,
          autoRenew: input.autoRenew ?? true,
        });
        const id = newId();
        if (current().environments.some((environment) => environment.id === id)) {
          throw new AppFailure({
            kind: 'internal',
            message: `Environment id ${id} is already taken.`,
          });
        }
        const stamp = new Date(now()).toISOString();
        const environment: Environment = {
          id,
          ...fields,
          ...extra,
          ...(input.embedded === true ? { embedded: true } : {}),
          createdAt: stamp,
          updatedAt: stamp,
        };
        const { selectedId, environments } = current();
        await persist({ selectedId, environments: [...environments, environment] });
        return environment;
      }),
    update: (id, patch) =>
      enqueue(async () => {
        const before = find(id);
        const fields = validate(
          { ...pickFields(before), ...pickFields(patch) } as EnvironmentFields,
          id,
        );
        const extra = checkState({
          activeClientId:
            patch.activeClientId === undefined ? before.activeClientId : patch.activeClientId,
          verification: patch.verification ?? before.verification,
          autoRenew: patch.autoRenew ?? before.autoRenew,
        });
        const candidate: Environment = { ...before, ...fields, ...extra };
        if (JSON.stringify(candidate) === JSON.stringify(before)) return before;
        const after: Environment = {
          ...candidate,
          updatedAt: new Date(now()).toISOString(),
        };
        const { selectedId, environments } = current();
        await persist({
          selectedId,
          environments: environments.map((environment) =>
            environment.id === id ? after : environment,
          ),
        });
        return after;
      }),
    remove: (id) =>
      enqueue(async () => {
        find(id);
        const { selectedId, environments } = current();
        const rest = environments.filter((environment) => environment.id !== id);
        await persist({
          selectedId: selectedId === id ? (rest[0]?.id ?? null) : selectedId,
          environments: rest,
        });
      }),
    selectedId: () => current().selectedId,
    select: (id) =>
      enqueue(async () => {
        find(id);
        if (current().selectedId !== id) await persist({ ...current(), selectedId: id });
      }),
  };
}
