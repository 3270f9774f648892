import { describe, expect, it } from 'vitest';
import {
  NOTARIZE_SETS,
  SIGNING_VARIABLES,
  signingPlan,
  withoutEmptySigningVariables,
} from '../../scripts/signing';
import { FAKE_SIGNING_ENV } from '../fixtures/fake-secrets';

/** A fake value for any signing variable. */
const fake = (name: string): string =>
  (FAKE_SIGNING_ENV as Readonly<Record<string, string>>)[name] ?? 'fake';

describe('what npm run dist signs and notarises', () => {
  it('on a workstation with no credentials: unsigned, not notarised, no problem', () => {
    const mac = signingPlan('darwin', {});
    expect(mac.problems).toEqual([]);
    expect(mac.lines.join('\n')).toMatch(/no CSC_LINK or CSC_NAME/);
    expect(mac.lines.join('\n')).toMatch(/notarisation: skipped/);
    expect(signingPlan('win32', {})).toEqual({
      lines: [expect.stringMatching(/Windows code signing: none/)],
      problems: [],
    });
    expect(signingPlan('linux', {}).problems).toEqual([]);
  });

  it('signs and notarises a macOS build with a certificate and any one complete set of Apple credentials', () => {
    for (const set of NOTARIZE_SETS) {
      const env = {
        CSC_LINK: FAKE_SIGNING_ENV.CSC_LINK,
        ...Object.fromEntries(set.map((name) => [name, fake(name)])),
      };
      const plan = signingPlan('darwin', { ...env, KEYSMITH_REQUIRE_SIGNING: '1' });
      expect(plan.problems, set.join()).toEqual([]);
      expect(plan.lines).toEqual([
        'macOS code signing: the Developer ID certificate in CSC_LINK',
        `macOS notarisation: with ${set.join(' + ')}`,
      ]);
    }
  });

  it('stops before building when a set of Apple credentials is incomplete, naming what is missing', () => {
    const plan = signingPlan('darwin', {
      APPLE_ID: FAKE_SIGNING_ENV.APPLE_ID,
      APPLE_TEAM_ID: 'TEAM123456',
    });
    expect(plan.problems).toEqual([
      'notarisation needs APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID; missing: APPLE_APP_SPECIFIC_PASSWORD',
    ]);
  });

  it('a release (KEYSMITH_REQUIRE_SIGNING=1) stops without a certificate or notarisation, and never prints a value', () => {
    const mac = signingPlan('darwin', { KEYSMITH_REQUIRE_SIGNING: '1' });
    expect(mac.problems).toHaveLength(2);
    const win = signingPlan('win32', { KEYSMITH_REQUIRE_SIGNING: '1', CSC_LINK: '' });
    expect(win.problems).toEqual([
      'a release must be signed: set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD',
    ]);
    const signed = signingPlan('win32', { KEYSMITH_REQUIRE_SIGNING: '1', ...FAKE_SIGNING_ENV });
    expect(signed.problems).toEqual([]);
    const printed = [...signed.lines, ...signingPlan('darwin', FAKE_SIGNING_ENV).lines].join('\n');
    for (const value of Object.values(FAKE_SIGNING_ENV)) expect(printed).not.toContain(value);
  });

  it('drops signing variables that are set but empty (an undefined GitHub secret), and keeps the rest', () => {
    const env = {
      CSC_LINK: '',
      WIN_CSC_LINK: FAKE_SIGNING_ENV.WIN_CSC_LINK,
      APPLE_ID: '',
      PATH: '/usr/bin',
      HOME: '',
    };
    expect(withoutEmptySigningVariables(env)).toEqual({
      WIN_CSC_LINK: FAKE_SIGNING_ENV.WIN_CSC_LINK,
      PATH: '/usr/bin',
      HOME: '',
    });
    expect(SIGNING_VARIABLES).toEqual(
      expect.arrayContaining(['CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'APPLE_API_ISSUER']),
    );
  });
});
