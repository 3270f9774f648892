import type { BrowserContext } from '@playwright/test';
import type { Core } from '../../src/main/core/create-core';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter } from '../../src/main/ipc/router';
import { createSenderCheck } from '../../src/main/ipc/sender';
import { eventNames } from '../../src/shared/ipc/contract';
import { BRIDGE_SCRIPT } from '../../test/support/bridge-script';

/** A core's router and events, carried to the pages of the browser contexts attached to it. */
export interface PageBridge {
  /** Gives a browser context `window.keysmith`, answered by the core's router. */
  attach(context: BrowserContext, pageUrl: string): Promise<void>;
  /** Stops forwarding the core's events. */
  stop(): void;
}

/** What preload and the IPC router do in the app, for the benchmarks' Chromium pages. */
export function bridgeCoreToPages(core: Core): PageBridge {
  const contexts = new Set<BrowserContext>();
  const stops = eventNames.map((name) =>
    core.events.on(name, (payload) => {
      const script = `window.__keysmithEmit(${JSON.stringify(name)}, ${JSON.stringify(payload)})`;
      for (const context of contexts) {
        for (const page of context.pages()) page.evaluate(script).catch(() => {});
      }
    }),
  );
  return {
    async attach(context, pageUrl) {
      const router = createRouter({
        handlers: createHandlers(core),
        checkSender: createSenderCheck([pageUrl]),
      });
      await context.exposeBinding('__keysmithInvoke', (source, channel: unknown, input: unknown) =>
        router.dispatch(channel, input, {
          url: source.frame.url(),
          isMainFrame: source.frame === source.page.mainFrame(),
        }),
      );
      await context.addInitScript(BRIDGE_SCRIPT);
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
    },
    stop: () => stops.forEach((stop) => stop()),
  };
}
