import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextIfExists, writeFileAtomic } from '../../src/main/core/files/atomic-file';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keysmith-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('writing a file atomically', () => {
  it('creates the file with exactly the text given and leaves no temp file behind', async () => {
    const path = join(dir, 'settings.json');
    await writeFileAtomic(path, '{"a":1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('keeps the replaced file as .bak when it is a good copy', async () => {
    const path = join(dir, 'settings.json');
    await writeFileAtomic(path, '{"v":1}', { keepBackupIf: isJson });
    await writeFileAtomic(path, '{"v":2}', { keepBackupIf: isJson });
    expect(await readFile(path, 'utf8')).toBe('{"v":2}');
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('{"v":1}');
  });

  it('never replaces the last good backup with a broken file', async () => {
    const path = join(dir, 'settings.json');
    await writeFileAtomic(path, '{"v":1}', { keepBackupIf: isJson });
    await writeFileAtomic(path, '{"v":2}', { keepBackupIf: isJson });
    await writeFile(path, '{"v":'); // damaged behind our back
    await writeFileAtomic(path, '{"v":3}', { keepBackupIf: isJson });
    expect(await readFile(path, 'utf8')).toBe('{"v":3}');
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('{"v":1}');
  });

  it('keeps no backup unless asked to', async () => {
    const path = join(dir, 'settings.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('cleans up its temp file and reports the error when the rename fails', async () => {
    const path = join(dir, 'occupied');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'x');
    await expect(writeFileAtomic(path, 'text')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['occupied']);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'file'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('reading a file that may not exist', () => {
  it('returns null for a missing file and the text of an existing one', async () => {
    expect(await readTextIfExists(join(dir, 'nope'))).toBeNull();
    await writeFile(join(dir, 'yes'), 'héllo');
    expect(await readTextIfExists(join(dir, 'yes'))).toBe('héllo');
  });

  it('does not hide other read errors as "missing"', async () => {
    await mkdir(join(dir, 'folder'));
    await expect(readTextIfExists(join(dir, 'folder'))).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
