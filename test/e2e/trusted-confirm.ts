import type { BrowserContext, Page } from '@playwright/test';
import type { ConfirmPort, ConfirmRequest } from '../../src/main/core/confirm/confirm-port';
import { isConfirmPageUrl } from '../../src/main/security-policy';
import { typedPhraseMatches } from '../../src/shared/confirm';

/**
 * Defines `window.keysmithConfirm` in the confirmation page exactly as its preload does, over two
 * bindings that exist in that page only (the app's page never gets them).
 */
const CONFIRM_BRIDGE_SCRIPT = `(() => {
  Object.defineProperty(window, 'keysmithConfirm', {
    value: Object.freeze({
      request: () => window.__keysmithConfirmRequest(),
      answer: (confirmed, typed) =>
        window.__keysmithConfirmAnswer(confirmed === true, String(typed)).then(() => undefined),
    }),
  });
})();`;

/** How long a spec waits for main to open a confirmation before it fails with a clear message. */
const OPEN_TIMEOUT_MS = 15_000;

/**
 * The browser harness's ConfirmPort: the Electron adapter's stand-in. Each question opens the
 * SAME built `confirm.html` in a new page of the app's browser context, so specs confirm by
 * really typing into the real page. Closing that page means "no"; one question at a time.
 */
export interface TrustedConfirmations {
  readonly port: ConfirmPort;
  /** Every question main asked, in order. */
  readonly requests: readonly ConfirmRequest[];
  /** The confirmation page on screen, or the next one to open. */
  next(): Promise<Page>;
  /** Declines whatever is on screen (closes its page). */
  closeAll(): Promise<void>;
}

/** Builds the harness's confirmation windows over a browser context and the served confirm page. */
export function createTrustedConfirmations(
  context: BrowserContext,
  pageUrl: string,
): TrustedConfirmations {
  const requests: ConfirmRequest[] = [];
  const waiting: ((page: Page) => void)[] = [];
  let current: Page | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const ask = async (request: ConfirmRequest): Promise<boolean> => {
    requests.push(request);
    const page = await context.newPage();
    let settle: (confirmed: boolean) => void = () => {};
    const answered = new Promise<boolean>((resolve) => (settle = resolve));
    /** The same check main makes: the call comes from this page's main frame, on the confirm page. */
    const trusted = (source: { page: Page; frame: { url(): string } }) =>
      source.page === page &&
      source.frame === page.mainFrame() &&
      isConfirmPageUrl(source.frame.url(), pageUrl);
    await page.exposeBinding('__keysmithConfirmRequest', (source) => {
      if (!trusted(source)) throw new Error('Refused: not the confirmation page');
      return request;
    });
    await page.exposeBinding(
      '__keysmithConfirmAnswer',
      (source, confirmed: unknown, typed: unknown) => {
        if (!trusted(source)) throw new Error('Refused: not the confirmation page');
        settle(confirmed === true && typedPhraseMatches(request.typeToConfirm, typed));
      },
    );
    await page.addInitScript(CONFIRM_BRIDGE_SCRIPT);
    page.on('close', () => settle(false));
    await page.goto(pageUrl);
    current = page;
    for (const resolve of waiting.splice(0)) resolve(page);
    const confirmed = await answered;
    current = null;
    if (!page.isClosed()) await page.close();
    return confirmed;
  };

  return {
    requests,
    port: {
      confirm(request) {
        const asked = queue.then(() => ask(request));
        queue = asked.catch(() => undefined);
        return asked;
      },
    },
    next() {
      if (current !== null && !current.isClosed()) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(found), 1);
          reject(new Error(`No confirmation window opened within ${OPEN_TIMEOUT_MS / 1000} s`));
        }, OPEN_TIMEOUT_MS);
        const found = (page: Page) => {
          clearTimeout(timer);
          resolve(page);
        };
        waiting.push(found);
      });
    },
    async closeAll() {
      if (current !== null && !current.isClosed()) await current.close();
    },
  };
}
