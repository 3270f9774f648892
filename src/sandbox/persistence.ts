import { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from '../main/core/files/atomic-file';
import { StoredCredentialSchema } from './credential-store';
import { PersistedIdempotencySchema } from './idempotency';

/** The data file: credentials (secrets as hashes only) and replayable responses (no secrets). */
export const DataFileSchema = z.strictObject({
  version: z.literal(1),
  credentials: z.array(StoredCredentialSchema),
  idempotency: z.array(PersistedIdempotencySchema),
});

/** The parsed content of a data file. */
export type DataFile = z.infer<typeof DataFileSchema>;

/** An empty state, for a data file that does not exist yet. */
export const EMPTY_DATA: DataFile = { version: 1, credentials: [], idempotency: [] };

/** Loads a data file; a missing file is empty state, an invalid one throws (it is never replaced). */
export async function loadDataFile(path: string): Promise<DataFile> {
  const text = await readTextIfExists(path);
  if (text === null) return EMPTY_DATA;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Sandbox data file ${path} is not valid JSON; fix or remove it.`);
  }
  const parsed = DataFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? '' : ` at ${first.path.join('.') || '(root)'}`;
    throw new Error(`Sandbox data file ${path} is invalid${where}: ${first?.message ?? ''}`);
  }
  return parsed.data;
}

/** Serialises saves of one file: at most one write in flight, later requests coalesced. */
export class Saver {
  readonly #path: string;
  readonly #render: () => string;
  readonly #debounceMs: number;
  #writing: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #lastError: unknown = null;
  #dirty = false;

  /** Creates a saver that writes `render()` to path. */
  constructor(path: string, render: () => string, debounceMs = 200) {
    this.#path = path;
    this.#render = render;
    this.#debounceMs = debounceMs;
  }

  /** Requests a save soon (for frequent, non-critical changes such as last_used_at). */
  markDirty(): void {
    this.#dirty = true;
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.save().catch((error: unknown) => {
        this.#lastError = error;
      });
    }, this.#debounceMs);
    this.#timer.unref();
  }

  /** Saves now (after any write in flight) and resolves once the current state is on disk. */
  save(): Promise<void> {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#writing === null) {
      this.#writing = this.#write();
      return this.#writing;
    }
    if (this.#queued === null) {
      this.#queued = this.#writing
        .catch(() => undefined)
        .then(() => {
          this.#queued = null;
          this.#writing = this.#write();
          return this.#writing;
        });
    }
    return this.#queued;
  }

  /** Saves only if something changed since the last write (used on close). */
  flush(): Promise<void> {
    if (this.#dirty || this.#queued !== null) return this.save();
    return this.#writing ?? Promise.resolve();
  }

  /** The error of the last background save, if it failed. */
  get lastError(): unknown {
    return this.#lastError;
  }

  async #write(): Promise<void> {
    try {
      this.#dirty = false;
      await writeFileAtomic(this.#path, this.#render());
      this.#lastError = null;
    } catch (error) {
      this.#dirty = true;
      throw error;
    } finally {
      this.#writing = null;
    }
  }
}
