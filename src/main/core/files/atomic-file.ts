import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode } from '../../../shared/errors';

/** How a file is replaced by `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /**
   * Keeps the file being replaced as `<path>.bak` when this returns true for its text (say, it
   * parses and validates), so a good copy survives a later bad write. Omit to keep no backup.
   */
  readonly keepBackupIf?: (currentText: string) => boolean;
  /** Permission bits of a newly created file (POSIX only); 0o600 unless told. */
  readonly mode?: number;
}

/** The suffix of the previous good copy that `writeFileAtomic` keeps. */
export const BACKUP_SUFFIX = '.bak';

/** The text of a UTF-8 file, or null when it does not exist (other read errors are thrown). */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Replaces `path` with `text` so that a crash at any moment leaves either the old or the new
 * content, never a mix: write a temp file in the same folder, fsync it, rename it over the
 * target, fsync the folder. Callers serialise writes to one path themselves.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  await removeStaleTemps(path);
  if (options.keepBackupIf !== undefined) {
    const current = await readTextIfExists(path);
    if (current !== null && options.keepBackupIf(current)) {
      await replaceDurably(`${path}${BACKUP_SUFFIX}`, current, mode);
    }
  }
  await replaceDurably(path, text, mode);
}

const cleaned = new Set<string>();

/**
 * Deletes the temp files a crashed writer left next to `path` or its backup
 * (`.<name>[.bak].<pid>.<hex>.tmp` of a process that is gone), once per path and process.
 * They hold no secrets, but nothing else would ever remove them.
 */
async function removeStaleTemps(path: string): Promise<void> {
  if (cleaned.has(path)) return;
  cleaned.add(path);
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    const rest = name.startsWith(prefix) ? name.slice(prefix.length) : '';
    const match = /^(?:bak\.)?(\d+)\.[0-9a-f]+\.tmp$/.exec(rest);
    if (match && !processIsAlive(Number(match[1]))) {
      await unlink(join(dirname(path), name)).catch(() => undefined);
    }
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

async function replaceDurably(path: string, text: string, mode: number): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Windows refuses a rename while another process (an antivirus, an indexer) briefly holds the file. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const transient = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (process.platform !== 'win32' || !transient || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

/**
 * Makes a rename durable by fsyncing its folder. Windows cannot open a folder for fsync (and
 * NTFS journals the rename), and some file systems refuse it: those cases are skipped.
 */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EPERM') {
      throw error;
    }
  } finally {
    await handle?.close();
  }
}
