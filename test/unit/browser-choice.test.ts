import { describe, expect, it } from 'vitest';
import {
  browserStep,
  chooseBrowser,
  DEBIAN_CHROMIUM,
  INSTALL_CHROMIUM,
  type BrowserFacts,
} from '../../scripts/browser-choice';

const PLAYWRIGHT = '/home/dev/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';

/** A machine where exactly these files exist. */
const machine = (files: readonly string[], override?: string): BrowserFacts => ({
  override,
  playwrightChromium: PLAYWRIGHT,
  exists: (path) => files.includes(path),
});

describe('which Chromium the browser specs run in', () => {
  it("this Linux VM and CI: Debian's /usr/bin/chromium, with no download", () => {
    const choice = chooseBrowser(machine([DEBIAN_CHROMIUM]));
    expect(choice).toEqual({ kind: 'system', executable: DEBIAN_CHROMIUM });
    expect(browserStep(choice, { CI: 'true' }).action).toBe('go');
  });

  it("a workstation that ran `npx playwright install chromium`: Playwright's own, even beside Debian's", () => {
    expect(chooseBrowser(machine([PLAYWRIGHT, DEBIAN_CHROMIUM]))).toEqual({
      kind: 'playwright',
      executable: PLAYWRIGHT,
    });
  });

  it('KEYSMITH_CHROMIUM wins when it exists, and is never silently replaced when it does not', () => {
    const mine = '/opt/chromium/chrome';
    expect(chooseBrowser(machine([mine, PLAYWRIGHT], mine))).toEqual({
      kind: 'system',
      executable: mine,
    });
    const missing = chooseBrowser(machine([PLAYWRIGHT, DEBIAN_CHROMIUM], mine));
    expect(missing).toMatchObject({ kind: 'missing', installable: false });
    const step = browserStep(missing, {});
    expect(step.action).toBe('stop');
    expect(step.message).toContain(`KEYSMITH_CHROMIUM is ${mine}, which does not exist`);
  });

  it("a fresh macOS or Windows workstation: installs Playwright's Chromium", () => {
    const choice = chooseBrowser(machine([]));
    expect(choice).toMatchObject({ kind: 'missing', installable: true });
    const step = browserStep(choice, {});
    expect(step.action).toBe('install');
    expect(step.message).toContain(INSTALL_CHROMIUM);
  });

  it('stops at once with the one command to run when the install failed (no network)', () => {
    const step = browserStep(chooseBrowser(machine([])), {}, true);
    expect(step.action).toBe('stop');
    expect(step.message).toContain(`\n  ${INSTALL_CHROMIUM}\n`);
  });

  it('stops at once with that command, without downloading, under KEYSMITH_NO_BROWSER_INSTALL=1', () => {
    const step = browserStep(chooseBrowser(machine([])), { KEYSMITH_NO_BROWSER_INSTALL: '1' });
    expect(step).toEqual({ action: 'stop', message: expect.stringContaining(INSTALL_CHROMIUM) });
  });
});
