import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface FileText {
  path: string;
  text: string;
}

const ATTEMPTS = 5;

/**
 * Every file under a folder with its text (bytes as Latin-1), to search for secrets that must not
 * be there. A writer may rename a temp file between the listing and the read; the folder is then
 * listed again, so a search never fails on, or skips, a file that merely moved.
 */
export async function filesUnder(folder: string): Promise<FileText[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readAll(folder);
    } catch (error) {
      const vanished = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!vanished || attempt === ATTEMPTS) throw error;
    }
  }
}

async function readAll(folder: string): Promise<FileText[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, text: await readFile(path, 'latin1') };
    }),
  );
}
