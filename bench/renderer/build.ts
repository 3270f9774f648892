import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';

/** Where the benchmark builds its pages: never `out/`, which tests and `npm start` use. */
export const BENCH_BUILD_DIR = resolve(
  import.meta.dirname,
  '../../node_modules/.cache/keysmith-bench',
);

/** The CSP of the app's index.html, copied into the blank page so both pages parse the same head. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; " +
  "manifest-src 'none'; base-uri 'none'; form-action 'none'";

const BLANK_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Blank React</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

/** A React 19 root rendering one tablist named "Sections": the same element the app's time is taken at. */
const BLANK_MAIN = `import { StrictMode, createElement } from 'react';
import { createRoot } from 'react-dom/client';

function Blank() {
  return createElement(
    'div',
    { role: 'tablist', 'aria-label': 'Sections' },
    createElement('button', { type: 'button', role: 'tab', 'aria-selected': true }, 'Blank'),
  );
}

createRoot(document.getElementById('root')).render(createElement(StrictMode, null, createElement(Blank)));
`;

/** The two built pages the renderer benchmarks load. */
export interface BuiltPages {
  /** The app's renderer, built from src/renderer with the project's electron-vite config. */
  readonly appDir: string;
  /** A blank React root, built with the very same config (plugins, target, minify). */
  readonly blankDir: string;
}

/** The renderer config of electron.vite.config.ts as electron-vite resolves it for a production build. */
async function rendererConfig(): Promise<InlineConfig> {
  process.env['NODE_ENV_ELECTRON_VITE'] = 'production';
  const resolved = await resolveConfig({}, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer config');
  return { ...renderer, configFile: false, logLevel: 'warn' };
}

/** Builds the app's renderer and the blank React page with the same Vite config. */
export async function buildPages(): Promise<BuiltPages> {
  const appDir = join(BENCH_BUILD_DIR, 'app');
  const blankDir = join(BENCH_BUILD_DIR, 'blank');
  const blankSource = join(BENCH_BUILD_DIR, 'blank-src');

  const app = await rendererConfig();
  await build({ ...app, build: { ...app.build, outDir: appDir, emptyOutDir: true } });

  await mkdir(blankSource, { recursive: true });
  await writeFile(join(blankSource, 'index.html'), BLANK_HTML);
  await writeFile(join(blankSource, 'main.js'), BLANK_MAIN);
  const blank = await rendererConfig();
  const input = { index: join(blankSource, 'index.html') };
  await build({
    ...blank,
    root: blankSource,
    build: {
      ...blank.build,
      outDir: blankDir,
      emptyOutDir: true,
      rollupOptions: { input },
      rolldownOptions: { input },
    },
  });
  return { appDir, blankDir };
}
