import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PRELOAD_DIR = resolve(import.meta.dirname, '../../out/preload');
const built = existsSync(PRELOAD_DIR);

describe('the built preloads', () => {
  it.skipIf(!built)(
    'are one self-contained file each (a sandboxed preload can require nothing but electron)',
    () => {
      const files = readdirSync(PRELOAD_DIR).filter((file) => file.endsWith('.cjs'));
      expect(files.sort()).toEqual(['confirm.cjs', 'index.cjs']);
      for (const file of files) {
        const text = readFileSync(join(PRELOAD_DIR, file), 'utf8');
        const required = [...text.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map(
          (match) => match[1],
        );
        expect(new Set(required), file).toEqual(new Set(['electron']));
      }
    },
  );
});
