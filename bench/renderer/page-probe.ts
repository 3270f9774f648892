import type { Page } from '@playwright/test';

/**
 * Installed in every benchmarked page before its own scripts (as an init script, so the page's
 * CSP does not apply). Times are `performance.now()`: milliseconds since navigation start.
 * "Painted" means: the DOM change was seen, the next animation frame ran, and then a task ran,
 * i.e. the frame with the change was produced and the main thread was free to handle input.
 * Kept as plain JavaScript text: Playwright serialises page functions, and a transpiled
 * function can reference helpers that do not exist in the page.
 */
const PAGE_PROBE_SCRIPT = `(() => {
  const SHELL = '[role="tablist"][aria-label="Sections"]';
  const TABLE = '[role="table"][aria-rowcount]';
  const afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
  const until = (test, what) => new Promise((resolve, reject) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => {
      if (test()) { observer.disconnect(); clearTimeout(timer); resolve(); }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('benchmark probe: timed out waiting for ' + what));
    }, 60000);
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  });
  const rowCount = () => {
    const table = document.querySelector(TABLE);
    return table === null ? null : Number(table.getAttribute('aria-rowcount'));
  };
  const shellReady = () => {
    const list = document.querySelector(SHELL);
    return list !== null && list.querySelector('[role="tab"]') !== null;
  };
  const busy = () => document.querySelector('[aria-busy="true"]') !== null;
  const state = { shellAt: null, interactiveAt: null, keystroke: null };
  const ready = until(shellReady, 'the shell')
    .then(() => { state.shellAt = performance.now(); return afterPaint(); })
    .then((at) => { state.interactiveAt = at; });
  Object.defineProperty(window, '__keysmithBench', {
    value: Object.freeze({
      state,
      afterPaint,
      rowCount,
      /** Resolves when the shell's tablist is painted and interactive. */
      interactive: () => ready.then(() => ({
        shellAt: state.shellAt,
        interactiveAt: state.interactiveAt,
        domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
      })),
      /** Resolves when a table holding rows is painted and no load is in flight. */
      tableSettled: () => until(() => (rowCount() ?? 0) > 1 && !busy(), 'the loaded table').then(afterPaint),
      /** Resolves when the table shows exactly \`count\` rows (header included), painted. */
      rowsPainted: (count) => until(() => rowCount() === count, count + ' rows').then(afterPaint),
      /** Clicks a tab; resolves with the ms until the table is in the DOM, and until it is painted. */
      switchToTable: (tabName) => {
        const tab = [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === tabName);
        if (!tab) throw new Error('no tab ' + tabName);
        const start = performance.now();
        tab.click();
        let dom = 0;
        return until(() => (rowCount() ?? 0) > 1, 'the table')
          .then(() => { dom = performance.now() - start; return afterPaint(); })
          .then((end) => ({ dom, painted: end - start }));
      },
      /** Clicks a tab and waits until the table is gone. */
      leaveTable: (tabName) => {
        const tab = [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === tabName);
        if (!tab) throw new Error('no tab ' + tabName);
        tab.click();
        return until(() => rowCount() === null, 'the table to go').then(afterPaint);
      },
      /** Arms the keystroke timer: from the next keydown to the new row count in the DOM, and painted. */
      armKeystroke: () => {
        const before = rowCount();
        state.keystroke = new Promise((resolve, reject) => {
          window.addEventListener('keydown', () => {
            const start = performance.now();
            let dom = 0;
            until(() => rowCount() !== before, 'a new row count')
              .then(() => { dom = performance.now() - start; return afterPaint(); })
              .then((end) => resolve({ dom, painted: end - start }), reject);
          }, { capture: true, once: true });
        });
      },
      keystroke: () => state.keystroke,
    }),
  });
})();`;

/** Installs the probe in a page: it runs before the page's own scripts on every navigation. */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(PAGE_PROBE_SCRIPT);
}

/** When the shell's tablist was in the DOM, and when it was painted and interactive (ms since navigation start). */
export interface InteractiveTiming {
  readonly shellAt: number;
  readonly interactiveAt: number;
  readonly domContentLoaded: number | null;
}

function toNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`The page probe returned ${String(value)} for ${what}`);
  }
  return value;
}

/** Waits until the page's shell is interactive and returns its timing. */
export async function interactiveTiming(page: Page): Promise<InteractiveTiming> {
  const value = (await page.evaluate('window.__keysmithBench.interactive()')) as Record<
    string,
    unknown
  >;
  return {
    shellAt: toNumber(value['shellAt'], 'shellAt'),
    interactiveAt: toNumber(value['interactiveAt'], 'interactiveAt'),
    domContentLoaded:
      typeof value['domContentLoaded'] === 'number' ? value['domContentLoaded'] : null,
  };
}

/** Waits until the credentials table holds rows, nothing is loading, and that is painted; returns the time. */
export async function tableSettled(page: Page): Promise<number> {
  return toNumber(await page.evaluate('window.__keysmithBench.tableSettled()'), 'tableSettled');
}

/** The credentials table's aria-rowcount (rows + header), or null when no table is shown. */
export async function rowCount(page: Page): Promise<number | null> {
  const value = await page.evaluate('window.__keysmithBench.rowCount()');
  return value === null ? null : toNumber(value, 'rowCount');
}

/** Waits until the table's aria-rowcount is `count` and that is painted. */
export async function rowsPainted(page: Page, count: number): Promise<void> {
  await page.evaluate(`window.__keysmithBench.rowsPainted(${count})`);
}

/** Milliseconds from an input to the DOM change it causes, and to the frame showing it. */
export interface UpdateTiming {
  readonly dom: number;
  readonly painted: number;
}

function toUpdate(value: unknown, what: string): UpdateTiming {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  return { dom: toNumber(record['dom'], what), painted: toNumber(record['painted'], what) };
}

/** Clicks the named tab in the page; resolves with the time until the table was in the DOM and painted. */
export async function switchToTable(page: Page, tabName: string): Promise<UpdateTiming> {
  return toUpdate(
    await page.evaluate(`window.__keysmithBench.switchToTable(${JSON.stringify(tabName)})`),
    'switchToTable',
  );
}

/** Clicks the named tab in the page and waits until the table is gone. */
export async function leaveTable(page: Page, tabName: string): Promise<void> {
  await page.evaluate(`window.__keysmithBench.leaveTable(${JSON.stringify(tabName)})`);
}

/** Presses one key in the focused element; resolves with the time from keydown to the new row count in the DOM and painted. */
export async function timedKeystroke(page: Page, key: string): Promise<UpdateTiming> {
  await page.evaluate('window.__keysmithBench.armKeystroke()');
  await page.keyboard.press(key);
  return toUpdate(await page.evaluate('window.__keysmithBench.keystroke()'), 'keystroke');
}
