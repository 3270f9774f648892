import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { BenchContext } from '../lib/context';
import { median } from '../lib/measure';
import type { BenchRow } from '../lib/report';
import type { BenchApp } from './bench-app';
import { heapAfterGc } from './heap';
import {
  installProbe,
  interactiveTiming,
  leaveTable,
  rowCount,
  rowsPainted,
  switchToTable,
  tableSettled,
  timedKeystroke,
  type UpdateTiming,
} from './page-probe';
import {
  keystrokeRow,
  loadRow,
  renderRow,
  type TableSizes,
  type UpdateMedians,
} from './table-rows';

/** The key typed into the empty search box: it narrows both lists (names and client_ids hold 7s). */
const KEY = '7';

const SEARCH = { name: 'Search by name or client_id' } as const;

/** The app loaded in one page, showing every credential of its environment ("All"). */
interface TablePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** aria-rowcount with every credential shown: credentials + the header row. */
  readonly fullRowCount: number;
}

/** Shows every credential, not only the active ones, and waits until they are painted. */
async function showAll(table: TablePage): Promise<void> {
  await table.page.getByRole('radio', { name: 'All' }).check();
  await rowsPainted(table.page, table.fullRowCount);
}

async function openTable(browser: Browser, app: BenchApp, url: string): Promise<TablePage> {
  const context = await browser.newContext();
  await app.attach(context, url);
  const page = await context.newPage();
  await installProbe(page);
  await page.goto(url);
  await interactiveTiming(page);
  await tableSettled(page);
  const table = { context, page, fullRowCount: app.credentials + 1 };
  await showAll(table);
  return table;
}

/** Reloads the page; returns the ms from navigation start to the painted, loaded table. */
async function timedReload(table: TablePage): Promise<number> {
  await table.page.reload();
  await interactiveTiming(table.page);
  const ms = await tableSettled(table.page);
  await showAll(table);
  return ms;
}

/** Leaves the Credentials tab, comes back, and times the table's render (its data is in memory). */
async function timedRender(table: TablePage): Promise<UpdateTiming> {
  await leaveTable(table.page, 'JWT');
  const timing = await switchToTable(table.page, 'Credentials');
  // Coming back also refreshes the list; let that finish before the next measurement.
  await tableSettled(table.page);
  return timing;
}

/** Empties the search box, waits for the full table, then times one keystroke. */
async function timedFilter(table: TablePage): Promise<UpdateTiming> {
  const search = table.page.getByRole('searchbox', SEARCH);
  await search.fill('');
  await rowsPainted(table.page, table.fullRowCount);
  await search.focus();
  const timing = await timedKeystroke(table.page, KEY);
  const shown = await rowCount(table.page);
  if (shown === null || shown >= table.fullRowCount) {
    throw new Error(`Typing "${KEY}" did not narrow the table (${shown} rows)`);
  }
  return timing;
}

/** Runs `measure` on each table in turn, `warmups + runs` times; returns the kept results per table. */
async function alternate<T>(
  tables: readonly TablePage[],
  measure: (table: TablePage) => Promise<T>,
  warmups: number,
  runs: number,
): Promise<T[][]> {
  const results = tables.map((): T[] => []);
  for (let run = 0; run < warmups + runs; run++) {
    for (const [index, table] of tables.entries()) {
      const result = await measure(table);
      if (run >= warmups) results[index]?.push(result);
    }
  }
  return results;
}

function medians(series: readonly UpdateTiming[] | undefined): UpdateMedians {
  const list = series ?? [];
  return {
    dom: median(list.map((t) => t.dom)),
    painted: median(list.map((t) => t.painted)),
    maxPainted: Math.max(...list.map((t) => t.painted)),
  };
}

/** Figures of the table benchmark. */
export interface TableFigures {
  readonly rows: readonly BenchRow[];
  /** JS heap after GC with the small table shown, and with the large one (bytes). */
  readonly smallHeap: number;
  readonly largeHeap: number;
}

/**
 * The credentials table with `large.credentials` against `small.credentials`, both pages open
 * side by side and measured in turn: load, render on coming back to the tab, one filter keystroke.
 */
export async function benchTable(
  browser: Browser,
  pages: TableSizes & { readonly url: string },
  context: BenchContext,
): Promise<TableFigures> {
  const warmups = context.quick ? 1 : 3;
  const runs = context.quick ? 5 : 21;
  const count = (app: BenchApp): string => app.credentials.toLocaleString('en-US');
  context.log(`renderer: credentials table, ${count(pages.large)} vs ${count(pages.small)}`);
  const small = await openTable(browser, pages.small, pages.url);
  const large = await openTable(browser, pages.large, pages.url);
  try {
    const smallHeap = await heapAfterGc(small.page);
    const largeHeap = await heapAfterGc(large.page);
    // Opening each page was the load's warm-up.
    context.log('renderer: table load on reload');
    const [smallLoad, largeLoad] = await alternate(
      [small, large],
      timedReload,
      0,
      context.quick ? 3 : 9,
    );
    context.log(`renderer: table render on tab switch, ${runs} runs each`);
    const [smallRender, largeRender] = await alternate([small, large], timedRender, warmups, runs);
    context.log(`renderer: filter keystroke, ${runs} runs each`);
    const [smallKey, largeKey] = await alternate([small, large], timedFilter, warmups, runs);
    return {
      smallHeap,
      largeHeap,
      rows: [
        loadRow(pages, median(largeLoad ?? []), median(smallLoad ?? [])),
        renderRow(pages, medians(largeRender), medians(smallRender)),
        keystrokeRow(pages, medians(largeKey), medians(smallKey)),
      ],
    };
  } finally {
    await small.context.close();
    await large.context.close();
  }
}
