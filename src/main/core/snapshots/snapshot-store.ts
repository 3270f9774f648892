import { createHash } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from '../../../shared/errors';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-file';
import { createSerialQueue, type SerialQueue } from '../files/serial-queue';
import {
  headOf,
  parseCredentialsPart,
  sanitizeCredentials,
  serializeCredentialsPart,
  type CredentialsPart,
} from './credentials-part';
import {
  emptySnapshot,
  parseSnapshot,
  sanitizeSnapshot,
  serializeSnapshot,
  type StoredSnapshot,
} from './snapshot-file';

/** The folder under userData that holds the snapshots: two files per environment. */
export const SNAPSHOTS_FOLDER = 'snapshots';

/**
 * The snapshots on disk, kept in memory once read: per environment a small file (`<id>.json`:
 * the list's head, keys, clock, what tokens said) and its last credentials list
 * (`<id>.credentials.json`), read only by what needs the whole list.
 */
export interface SnapshotStore {
  /** The environment's small snapshot, or null when there is none (or its file is damaged). */
  get(environmentId: string): Promise<StoredSnapshot | null>;
  /** The environment's last credentials list, or null. */
  credentials(environmentId: string): Promise<CredentialsPart | null>;
  /**
   * Changes the small snapshot: `change` gets the current one (null when none) and returns the
   * next, or the very object it got to leave the file alone. Atomic, one write at a time.
   */
  update(
    environmentId: string,
    change: (current: StoredSnapshot | null) => StoredSnapshot,
  ): Promise<StoredSnapshot>;
  /** Replaces the credentials list (then its head in the small snapshot), atomically. */
  setCredentials(environmentId: string, part: CredentialsPart): Promise<void>;
  /** Deletes both files of an environment (an unknown one is no error). */
  remove(environmentId: string): Promise<void>;
  /** The files an environment's snapshot lives in. */
  filesOf(environmentId: string): { readonly snapshot: string; readonly credentials: string };
  /** The ids of environments with a snapshot file in the folder. */
  storedIds(): Promise<string[]>;
}

const SAFE_ID = /^[A-Za-z0-9-]{1,100}$/;
const SUFFIX = '.json';
const LIST_SUFFIX = '.credentials.json';

/** Creates the store over `<dataDir>/snapshots/`. */
export function createSnapshotStore(dataDir: string): SnapshotStore {
  const folder = join(dataDir, SNAPSHOTS_FOLDER);
  const snapshots = new Map<string, StoredSnapshot | null>();
  const lists = new Map<string, CredentialsPart | null>();
  const queues = new Map<string, SerialQueue>();
  const queueOf = (id: string): SerialQueue => {
    let queue = queues.get(id);
    if (!queue) queues.set(id, (queue = createSerialQueue()));
    return queue;
  };
  // Environment ids are UUIDs; anything else is named by its hash, never used as a path.
  const stem = (id: string): string =>
    SAFE_ID.test(id) ? id : createHash('sha256').update(id).digest('hex');
  const filesOf = (id: string) => ({
    snapshot: join(folder, `${stem(id)}${SUFFIX}`),
    credentials: join(folder, `${stem(id)}${LIST_SUFFIX}`),
  });
  const loadSnapshot = async (id: string): Promise<StoredSnapshot | null> => {
    if (snapshots.has(id)) return snapshots.get(id) ?? null;
    const text = await readTextIfExists(filesOf(id).snapshot);
    const snapshot = text === null ? null : parseSnapshot(text, id);
    snapshots.set(id, snapshot);
    return snapshot;
  };
  const loadList = async (id: string): Promise<CredentialsPart | null> => {
    if (lists.has(id)) return lists.get(id) ?? null;
    const text = await readTextIfExists(filesOf(id).credentials);
    const part = text === null ? null : parseCredentialsPart(text, id);
    lists.set(id, part);
    return part;
  };
  let folderReady: Promise<unknown> | null = null;
  const write = async (path: string, text: string): Promise<void> => {
    folderReady ??= mkdir(folder, { recursive: true });
    await folderReady;
    await writeFileAtomic(path, text);
  };
  const updateSnapshot = async (
    id: string,
    change: (current: StoredSnapshot | null) => StoredSnapshot,
  ): Promise<StoredSnapshot> => {
    const current = await loadSnapshot(id);
    const changed = change(current);
    if (changed === current && current !== null) return current;
    const next = sanitizeSnapshot(changed);
    await write(filesOf(id).snapshot, serializeSnapshot(next));
    snapshots.set(id, next);
    return next;
  };

  return {
    filesOf,
    get: (id) => queueOf(id)(() => loadSnapshot(id)),
    credentials: (id) => queueOf(id)(() => loadList(id)),
    update: (id, change) => queueOf(id)(() => updateSnapshot(id, change)),
    setCredentials: (id, part) =>
      queueOf(id)(async () => {
        const clean = sanitizeCredentials(part);
        await write(filesOf(id).credentials, serializeCredentialsPart(id, clean));
        lists.set(id, clean);
        await updateSnapshot(id, (current) => ({
          ...(current ?? emptySnapshot(id)),
          credentials: headOf(clean),
        }));
      }),
    remove: (id) =>
      queueOf(id)(async () => {
        snapshots.set(id, null);
        lists.set(id, null);
        for (const path of Object.values(filesOf(id))) {
          await unlink(path).catch((error: unknown) => {
            if (errorCode(error) !== 'ENOENT') throw error;
          });
        }
      }),
    async storedIds() {
      const names = await readdir(folder).catch(() => [] as string[]);
      return names
        .filter((name) => name.endsWith(SUFFIX) && !name.endsWith(LIST_SUFFIX))
        .map((name) => name.slice(0, -SUFFIX.length))
        .filter((id) => SAFE_ID.test(id));
    },
  };
}
