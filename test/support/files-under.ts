import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under a folder with its text (bytes as Latin-1), to search for secrets that must not be there. */
export async function filesUnder(folder: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, text: await readFile(path, 'latin1') };
    }),
  );
}
