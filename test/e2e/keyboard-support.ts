import type { Page } from '@playwright/test';

/** Presses Tab until focus comes back around; returns a description of every element reached. */
export async function tabCycle(page: Page, max = 200): Promise<string[]> {
  const reached: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      element.dataset.tabSeen = '1';
      return `${element.tagName.toLowerCase()}:${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? ''}`;
    });
    if (id === null) continue;
    if (reached.includes(id) && reached[0] === id) break;
    reached.push(id);
  }
  return reached;
}

/** The enabled, visible controls a Tab cycle did not reach (radio groups and tabs take one stop). */
export async function unreachableByTab(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, a[href]',
      ),
    ]
      .filter((element) => element.offsetParent !== null && !element.dataset.tabSeen)
      // Radio groups and the tab list take one Tab stop; arrows move within them.
      .filter((element) => !(element instanceof HTMLInputElement && element.type === 'radio'))
      .filter((element) => element.getAttribute('role') !== 'tab')
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}
