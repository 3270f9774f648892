import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The page carries the strict CSP in index.html (so it is in the built app and visible to
 * Electronegativity); only the dev server, which needs inline React-refresh and HMR, drops it.
 */
function devServerWithoutCsp(): Plugin {
  return {
    name: 'keysmith-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

const __dirname = dirname(fileURLToPath(import.meta.url));

/**
 * `npm run coverage` builds the renderer with source maps and none of the bundler's rewriting
 * (no minifying, tree-shaking, dead-code elimination or constant inlining), so that Chromium's V8
 * coverage of the bundle maps back to every statement of src/ it holds, as vitest describes them
 * (scripts/coverage.mjs). Every other build is unchanged.
 */
const forCoverage = process.env.KEYSMITH_COVERAGE === '1';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules: each preload is one CommonJS file that requires
      // nothing but `electron` (the two share no module; test/unit/preload-bundles.test.ts checks).
      externalizeDeps: false,
      rollupOptions: {
        // The app page's bridge, and the trusted confirmation window's own (a separate, tiny one).
        input: {
          index: resolve(__dirname, 'src/preload/index.ts'),
          confirm: resolve(__dirname, 'src/preload/confirm.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // `@shared/...` is src/shared: the code both processes use (tsconfig.web.json maps it too).
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    plugins: [react(), devServerWithoutCsp()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: !forCoverage,
      sourcemap: forCoverage,
      // The app's page, and the page of the trusted confirmation window (no React, no bridge to the router).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          confirm: resolve(__dirname, 'src/renderer/confirm.html'),
        },
        ...(forCoverage
          ? {
              treeshake: false,
              optimization: { inlineConst: false },
              output: { minify: false },
            }
          : {}),
      },
    },
  },
});
