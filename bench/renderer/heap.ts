import type { Page } from '@playwright/test';

/** The page's JavaScript heap in use after a full garbage collection, in bytes (CDP Runtime.getHeapUsage). */
export async function heapAfterGc(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const usage = await session.send('Runtime.getHeapUsage');
    return usage.usedSize;
  } finally {
    await session.detach();
  }
}

/** Formats bytes in MB (10^6), as heap figures are usually read. */
export function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
