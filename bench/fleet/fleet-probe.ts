import type { Page } from '@playwright/test';

/**
 * Installed in every page before its own scripts: times (performance.now(), ms since navigation
 * start) of the first credentials rows painted, and of a palette keystroke until its results are
 * painted. "Painted": the change was seen, the next frame ran, then a task ran.
 */
const FLEET_PROBE_SCRIPT = `(() => {
  const TABLE = '[role="table"][aria-rowcount]';
  const LISTBOX = '[role="listbox"][aria-label="Results"]';
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
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('fleet probe: timed out waiting for ' + what)); }, 60000);
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  });
  const rows = () => {
    const table = document.querySelector(TABLE);
    return table === null ? 0 : Number(table.getAttribute('aria-rowcount'));
  };
  const results = () => document.querySelector(LISTBOX)?.textContent ?? null;
  const state = { keystroke: null };
  Object.defineProperty(window, '__fleetBench', {
    value: Object.freeze({
      /** Resolves with the ms from navigation start to the first credentials rows painted. */
      firstRows: () => until(() => rows() > 1, 'the first rows').then(afterPaint),
      /** Resolves once the palette lists results containing \`text\`. */
      resultsContain: (text) => until(() => (results() ?? '').includes(text), 'results with ' + text),
      /** Arms the timer: from the next keydown to the palette's results changing, and painted. */
      armKeystroke: () => {
        const before = results();
        state.keystroke = new Promise((resolve, reject) => {
          window.addEventListener('keydown', () => {
            const start = performance.now();
            let dom = 0;
            until(() => results() !== before, 'new results')
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
export async function installFleetProbe(page: Page): Promise<void> {
  await page.addInitScript(FLEET_PROBE_SCRIPT);
}

function toNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`The fleet probe returned ${String(value)} for ${what}`);
  }
  return value;
}

/** Reloads the page; returns the ms from navigation start to the first credentials rows painted. */
export async function timedFirstRows(page: Page): Promise<number> {
  await page.reload();
  return toNumber(await page.evaluate('window.__fleetBench.firstRows()'), 'firstRows');
}

/** Waits until the palette's results hold `text`. */
export async function resultsContain(page: Page, text: string): Promise<void> {
  await page.evaluate(`window.__fleetBench.resultsContain(${JSON.stringify(text)})`);
}

/** Presses one key in the palette; the ms from keydown to its results changed, and painted. */
export async function timedPaletteKey(
  page: Page,
  key: string,
): Promise<{ readonly dom: number; readonly painted: number }> {
  await page.evaluate('window.__fleetBench.armKeystroke()');
  await page.keyboard.press(key);
  const value = (await page.evaluate('window.__fleetBench.keystroke()')) as Record<string, unknown>;
  return { dom: toNumber(value['dom'], 'dom'), painted: toNumber(value['painted'], 'painted') };
}
