import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../test/support/browser';
import { serveStatic } from '../test/support/static-server';
import type { BenchContext } from './lib/context';
import type { BenchRow } from './lib/report';
import { startBenchApp, type BenchApp } from './renderer/bench-app';
import { buildPages } from './renderer/build';
import { bundleRow } from './renderer/bundle-size';
import { benchTable } from './renderer/table';
import { heapRow } from './renderer/table-rows';
import { benchTti } from './renderer/tti';

/** The environment sizes of the table benchmark: the small case, and the large one. */
const SMALL = 100;
const LARGE = 10_000;

/**
 * The renderer in Chromium: shipped JS, time to interactive against a blank React page, the
 * credentials table at 10,000 against 100 credentials, and the heap. Builds both pages first.
 */
export async function benchRenderer(context: BenchContext): Promise<BenchRow[]> {
  context.log('renderer: building the app renderer and a blank React page');
  const pages = await buildPages();
  const bundle = await bundleRow(pages);
  const ours = await serveStatic(pages.appDir);
  const blank = await serveStatic(pages.blankDir);
  const apps: BenchApp[] = [];
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
  } catch (error) {
    await ours.close();
    await blank.close();
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return [bundle, skippedRow(reason ?? 'Chromium did not start')];
  }
  try {
    const small = await startBenchApp(SMALL);
    apps.push(small);
    const large = await startBenchApp(LARGE);
    apps.push(large);
    const tti = await benchTti(
      browser,
      { url: ours.url, app: small },
      { url: blank.url, app: small },
      context,
    );
    const table = await benchTable(browser, { small, large, url: ours.url }, context);
    return [tti.row, bundle, ...table.rows, heapRow({ small, large }, table, tti.blankHeap)];
  } finally {
    await browser.close();
    for (const app of apps) await app.close();
    await ours.close();
    await blank.close();
  }
}

/** Stands in for the browser rows when no Chromium can be launched. */
function skippedRow(reason: string): BenchRow {
  return {
    id: 'renderer.skipped',
    what: 'renderer in Chromium (time to interactive, table, heap)',
    ours: 'skipped',
    peer: '—',
    ratio: '—',
    target: 'report',
    verdict: 'report',
    note: `no Chromium could be launched (${reason}); install one or set KEYSMITH_CHROMIUM.`,
    figures: { skipped: true, reason },
  };
}
