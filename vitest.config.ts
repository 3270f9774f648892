import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's `@shared/...` alias (electron.vite.config.ts): coverage transforms every file
  // under src/, the renderer's too, to count the lines no test loads.
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Off unless asked for (`--coverage.enabled`): `npm run coverage` (scripts/coverage.mjs) turns
    // it on and merges this JSON with the renderer specs' Chromium coverage.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      exclude: ['src/**/*.d.ts'],
      reporter: [['json', { file: 'coverage-final.json' }]],
      reportsDirectory: 'coverage/.raw/vitest',
      // A failing test still leaves its figures; scripts/coverage.mjs reports the failure.
      reportOnFailure: true,
    },
  },
});
