// Which Chromium the renderer specs run in, and what `npm test` does when there is none: decided
// from plain facts, so it is unit-tested. test/support/browser.ts (the Playwright config) and
// scripts/ensure-browser.ts (the first step of `npm test`) both ask it.

/** The one command that installs the browser the specs need. */
export const INSTALL_CHROMIUM = 'npx playwright install chromium';

/** Debian's Chromium, used when Playwright's own is not installed (these VMs cannot download it). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** What the choice is made from. */
export interface BrowserFacts {
  /** KEYSMITH_CHROMIUM: a Chromium the user chose. */
  readonly override: string | undefined;
  /** Where Playwright's own Chromium is when it is installed (`chromium.executablePath()`). */
  readonly playwrightChromium: string;
  /** Whether a file exists. */
  readonly exists: (path: string) => boolean;
}

/** The browser to launch, or why there is none. */
export type BrowserChoice =
  | { readonly kind: 'playwright'; readonly executable: string }
  | { readonly kind: 'system'; readonly executable: string }
  | { readonly kind: 'missing'; readonly reason: string; readonly installable: boolean };

/**
 * KEYSMITH_CHROMIUM when set; else Playwright's own Chromium when installed; else Debian's; else
 * none. A missing override is not replaced by another browser (the user asked for that one).
 */
export function chooseBrowser(facts: BrowserFacts): BrowserChoice {
  if (facts.override) {
    return facts.exists(facts.override)
      ? { kind: 'system', executable: facts.override }
      : {
          kind: 'missing',
          reason: `KEYSMITH_CHROMIUM is ${facts.override}, which does not exist`,
          installable: false,
        };
  }
  if (facts.exists(facts.playwrightChromium)) {
    return { kind: 'playwright', executable: facts.playwrightChromium };
  }
  if (facts.exists(DEBIAN_CHROMIUM)) return { kind: 'system', executable: DEBIAN_CHROMIUM };
  return {
    kind: 'missing',
    reason: `neither Playwright's Chromium (${facts.playwrightChromium}) nor ${DEBIAN_CHROMIUM} is installed`,
    installable: true,
  };
}

/** What `npm test` does before anything else. */
export type BrowserStep =
  | { readonly action: 'go'; readonly message: string }
  | { readonly action: 'install'; readonly message: string }
  | { readonly action: 'stop'; readonly message: string };

/**
 * Go with the browser found; or install Playwright's Chromium (once; `installFailed` after a
 * failed attempt, e.g. no network) unless KEYSMITH_NO_BROWSER_INSTALL=1; or stop at once with the
 * one command to run.
 */
export function browserStep(
  choice: BrowserChoice,
  env: Readonly<Record<string, string | undefined>>,
  installFailed = false,
): BrowserStep {
  if (choice.kind !== 'missing') {
    const whose = choice.kind === 'playwright' ? "Playwright's Chromium" : 'Chromium';
    return { action: 'go', message: `browser specs run in ${whose} at ${choice.executable}` };
  }
  if (!choice.installable) {
    return {
      action: 'stop',
      message: `${choice.reason}: point it at a Chromium, or unset it and run \`${INSTALL_CHROMIUM}\``,
    };
  }
  if (installFailed) {
    return {
      action: 'stop',
      message: `could not install Playwright's Chromium (no network?). Run this once, then npm test again:\n\n  ${INSTALL_CHROMIUM}\n`,
    };
  }
  if (env['KEYSMITH_NO_BROWSER_INSTALL'] === '1') {
    return {
      action: 'stop',
      message: `${choice.reason}. Run this once, then npm test again:\n\n  ${INSTALL_CHROMIUM}\n`,
    };
  }
  return {
    action: 'install',
    message: `${choice.reason}: installing Playwright's Chromium (${INSTALL_CHROMIUM}, about 150 MB, once)`,
  };
}
