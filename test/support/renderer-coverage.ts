import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** Where each page's raw V8 coverage of the renderer goes; `scripts/coverage.mjs` reads it. */
export const RAW_CHROMIUM_COVERAGE_DIR = resolve(
  import.meta.dirname,
  '../../coverage/.raw/chromium',
);

/** True only under `npm run coverage` (KEYSMITH_COVERAGE=1): plain `npm test` collects nothing. */
export const collectingCoverage = process.env.KEYSMITH_COVERAGE === '1';

/** Collects a test's renderer coverage: its app page and every page opened beside it. */
export interface RendererCoverage {
  /** Writes the coverage of every page still open (call before the pages close). */
  save(): Promise<void>;
}

/**
 * Starts Chromium's V8 JS coverage on the app page and on every page its context opens later
 * (main's confirmation windows), and keeps the scripts the static server served from `/assets/`
 * (the built renderer; its source maps lead back to src/). A page is saved when the harness
 * closes it or when the test ends; a page that closes itself (window.close) is lost.
 */
export async function collectRendererCoverage(
  page: Page,
  serverUrl: string,
): Promise<RendererCoverage> {
  const open = new Set<Page>();

  const save = async (target: Page): Promise<void> => {
    if (!open.delete(target) || target.isClosed()) return;
    const entries = await target.coverage.stopJSCoverage().catch((error: unknown) => {
      console.error(`[coverage] lost a page's coverage: ${String(error)}`);
      return [];
    });
    const result = entries
      .filter((entry) => entry.url.startsWith(`${serverUrl}/assets/`))
      .map((entry) => ({ url: entry.url.slice(serverUrl.length), functions: entry.functions }));
    if (result.length === 0) return;
    await mkdir(RAW_CHROMIUM_COVERAGE_DIR, { recursive: true });
    await writeFile(
      join(RAW_CHROMIUM_COVERAGE_DIR, `${randomUUID()}.json`),
      JSON.stringify({ result }),
    );
  };

  const start = async (target: Page): Promise<void> => {
    open.add(target);
    // Coverage must be taken before the page goes: the harness's own `close()` saves it first.
    const close = target.close.bind(target);
    target.close = async (options) => {
      await save(target);
      return close(options);
    };
    await target.coverage.startJSCoverage({ resetOnNavigation: false });
  };

  page.context().on('page', (opened) => {
    start(opened).catch((error: unknown) =>
      console.error(`[coverage] could not start on a page: ${String(error)}`),
    );
  });
  await start(page);
  return { save: async () => void (await Promise.all([...open].map(save))) };
}
