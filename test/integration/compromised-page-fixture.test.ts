import { describe, expect, it } from 'vitest';
import { compromisedPage } from '../fixtures/compromised-page';

describe('the compromised-page harness', () => {
  it('drives the real router as page script and leaves the world unchanged by a read', async () => {
    const page = await compromisedPage();
    const before = await page.snapshot();
    const listed = await page.invoke('environments:list');
    expect(listed).toMatchObject({ ok: true });
    const names = (listed as { value: { name: string; kind: string }[] }).value.map((e) => e.name);
    expect(names).toContain('Payments prod');
    await page.expectUnchanged(before);
    expect(before.sandboxLog.some((line) => line.startsWith('POST /auth/token'))).toBe(true);
  });
});
