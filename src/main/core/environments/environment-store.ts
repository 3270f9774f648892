import { randomUUID } from 'node:crypto';
import { access, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvironmentFields, EnvironmentProfile } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import {
  BACKUP_SUFFIX,
  errorCode,
  readTextIfExists,
  syncFolder,
  writeFileAtomic,
} from '../files/atomic-file';
import {
  EMPTY_PROFILES,
  PROFILES_SCHEMA_VERSION,
  parseProfilesText,
  profilesText,
  type ProfilesState,
} from './environment-file';
import {
  ProfileStateSchema,
  checkEnvironmentFields,
  failValidation,
  fieldErrorsOf,
} from './environment-schema';

/** Re-exported so callers (and the IPC contract) need only this module. */
export { EnvironmentFieldsSchema } from './environment-schema';
export { PROFILES_SCHEMA_VERSION } from './environment-file';

/** The file name of the environments, inside the data folder. */
export const PROFILES_FILE = 'profiles.json';

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
export interface NewProfile extends EnvironmentFields {
  readonly activeClientId: string | null;
  readonly verification: EnvironmentProfile['verification'];
  readonly embedded?: boolean;
  /** Defaults to true. */
  readonly autoRenew?: boolean;
}

/** The properties of an environment that `update` may change. */
export type ProfilePatch = Partial<
  EnvironmentFields & Pick<EnvironmentProfile, 'activeClientId' | 'verification' | 'autoRenew'>
>;

/** Injected clock and id source, for tests. */
export interface ProfileStoreOptions {
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** The environments, persisted in `<dataDir>/profiles.json`; never holds a secret. */
export interface ProfileStore {
  /** Reads the file (call once, before anything else); recovers from a damaged one. */
  load(): Promise<LoadReport>;
  list(): readonly EnvironmentProfile[];
  /** The environment, or a `not-found` AppFailure. */
  get(id: string): EnvironmentProfile;
  /** Checks fields as `add` would (`exceptId`: the environment being edited); returns them normalised. */
  validate(fields: EnvironmentFields, exceptId?: string): EnvironmentFields;
  add(input: NewProfile): Promise<EnvironmentProfile>;
  update(id: string, patch: ProfilePatch): Promise<EnvironmentProfile>;
  remove(id: string): Promise<void>;
  selectedId(): string | null;
  select(id: string): Promise<void>;
}

const FIELD_KEYS = ['name', 'kind', 'baseUrl', 'tokenUrl', 'extraHeaders', 'colour'] as const;

const pickFields = (source: Partial<EnvironmentFields>): Partial<EnvironmentFields> =>
  Object.fromEntries(
    FIELD_KEYS.filter((key) => source[key] !== undefined).map((k) => [k, source[k]]),
  );

const sameName = (a: string, b: string): boolean =>
  a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();

/** Builds the profile store over `<dataDir>/profiles.json`; writes are queued so none is lost. */
export function createProfileStore(
  dataDir: string,
  options: ProfileStoreOptions = {},
): ProfileStore {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const path = join(dataDir, PROFILES_FILE);
  const backupPath = `${path}${BACKUP_SUFFIX}`;
  let state: ProfilesState | null = null;
  let refusal: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const current = (): ProfilesState => {
    if (state === null) {
      throw new AppFailure({
        kind: 'internal',
        message: 'The profile store was used before load().',
      });
    }
    return state;
  };

  const find = (id: string): EnvironmentProfile => {
    const profile = current().environments.find((candidate) => candidate.id === id);
    if (profile === undefined) {
      throw new AppFailure({ kind: 'not-found', message: `No environment has the id “${id}”.` });
    }
    return profile;
  };

  const persist = async (next: ProfilesState): Promise<void> => {
    if (refusal !== null) throw new AppFailure({ kind: 'conflict', message: refusal });
    await mkdir(dataDir, { recursive: true });
    await writeFileAtomic(path, profilesText(next), {
      keepBackupIf: (old) => parseProfilesText(old).ok,
    });
    state = next;
  };

  const validate = (fields: EnvironmentFields, exceptId?: string): EnvironmentFields => {
    const checked = checkEnvironmentFields(fields);
    const clash = current().environments.find(
      (profile) => profile.id !== exceptId && sameName(profile.name, checked.name),
    );
    if (clash !== undefined) {
      failValidation([
        { param: 'name', detail: `Another environment is already called “${clash.name}”.` },
      ]);
    }
    return checked;
  };

  const checkState = (input: unknown) => {
    const parsed = ProfileStateSchema.safeParse(input);
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

  const restoreBackup = async (): Promise<ProfilesState | null> => {
    const text = await readTextIfExists(backupPath);
    const parsed = text === null ? null : parseProfilesText(text);
    if (parsed === null || !parsed.ok) return null;
    let restored: string;
    try {
      restored = profilesText(parsed.state);
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
          state = restored ?? EMPTY_PROFILES;
          if (restored === null) return { recovered: null, refused: null };
          const reason = `${PROFILES_FILE} was missing; its backup copy was restored.`;
          return { recovered: { from: 'backup', corruptCopy: null, reason }, refused: null };
        }
        const parsed = parseProfilesText(text);
        if (parsed.ok) {
          state = parsed.state;
          return { recovered: null, refused: null };
        }
        if (parsed.newerVersion !== undefined) {
          state = EMPTY_PROFILES;
          refusal =
            `${path} was written by a newer version of Keysmith (schema ${parsed.newerVersion}; ` +
            `this one knows ${PROFILES_SCHEMA_VERSION}). It is left untouched: update Keysmith to edit environments.`;
          return {
            recovered: null,
            refused: { schemaVersion: parsed.newerVersion, reason: refusal },
          };
        }
        const corruptCopy = await moveAside();
        const restored = await restoreBackup();
        state = restored ?? EMPTY_PROFILES;
        const reason =
          `${PROFILES_FILE} was damaged: ${parsed.reason} It was kept as ${corruptCopy}` +
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
        if (current().environments.some((profile) => profile.id === id)) {
          throw new AppFailure({
            kind: 'internal',
            message: `Environment id ${id} is already taken.`,
          });
        }
        const stamp = new Date(now()).toISOString();
        const profile: EnvironmentProfile = {
          id,
          ...fields,
          ...extra,
          ...(input.embedded === true ? { embedded: true } : {}),
          createdAt: stamp,
          updatedAt: stamp,
        };
        const { selectedId, environments } = current();
        await persist({ selectedId, environments: [...environments, profile] });
        return profile;
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
        const candidate: EnvironmentProfile = { ...before, ...fields, ...extra };
        if (JSON.stringify(candidate) === JSON.stringify(before)) return before;
        const after: EnvironmentProfile = {
          ...candidate,
          updatedAt: new Date(now()).toISOString(),
        };
        const { selectedId, environments } = current();
        await persist({
          selectedId,
          environments: environments.map((profile) => (profile.id === id ? after : profile)),
        });
        return after;
      }),
    remove: (id) =>
      enqueue(async () => {
        find(id);
        const { selectedId, environments } = current();
        const rest = environments.filter((profile) => profile.id !== id);
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
