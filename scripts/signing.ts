// What `npm run dist` will sign and notarise, decided from the environment variables electron-builder
// reads (their names only: a value is never printed). Pure, so it is unit-tested; scripts/dist.ts
// prints the plan before building and stops at once on a problem instead of after a long build.

/** The environment, as read here (process.env in scripts/dist.ts). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The sets of variables that each let electron-builder notarise a macOS build (any one set, complete). */
export const NOTARIZE_SETS: readonly (readonly string[])[] = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_KEYCHAIN_PROFILE'],
];

/** Every variable that signs or notarises: a set-but-empty one is dropped before electron-builder runs. */
export const SIGNING_VARIABLES: readonly string[] = [
  'CSC_LINK',
  'CSC_KEY_PASSWORD',
  'CSC_NAME',
  'WIN_CSC_LINK',
  'WIN_CSC_KEY_PASSWORD',
  'APPLE_KEYCHAIN',
  ...NOTARIZE_SETS.flat(),
];

/** What the build will do about signing: lines to print, and problems that stop it. */
export interface SigningPlan {
  readonly lines: readonly string[];
  readonly problems: readonly string[];
}

const isSet = (env: Env, name: string): boolean => (env[name] ?? '') !== '';

/**
 * A copy of `env` without the signing variables that are set but empty. GitHub Actions passes a
 * secret that is not defined as an empty string, which electron-builder would take for a
 * certificate (CSC_LINK) and fail on.
 */
export function withoutEmptySigningVariables(env: Env): Record<string, string | undefined> {
  const copy: Record<string, string | undefined> = { ...env };
  for (const name of SIGNING_VARIABLES) if (copy[name] === '') delete copy[name];
  return copy;
}

function macPlan(env: Env, required: boolean): SigningPlan {
  const lines: string[] = [];
  const problems: string[] = [];
  const certificate = isSet(env, 'CSC_LINK')
    ? 'CSC_LINK'
    : isSet(env, 'CSC_NAME')
      ? 'CSC_NAME'
      : null;
  lines.push(
    certificate !== null
      ? `macOS code signing: the Developer ID certificate in ${certificate}`
      : 'macOS code signing: no CSC_LINK or CSC_NAME; a Developer ID identity in your keychain if electron-builder finds one, else unsigned',
  );
  const partial = NOTARIZE_SETS.filter(
    (set) => set.some((name) => isSet(env, name)) && !set.every((name) => isSet(env, name)),
  );
  const complete = NOTARIZE_SETS.find((set) => set.every((name) => isSet(env, name)));
  for (const set of partial) {
    const missing = set.filter((name) => !isSet(env, name));
    problems.push(`notarisation needs ${set.join(' + ')}; missing: ${missing.join(', ')}`);
  }
  lines.push(
    complete !== undefined
      ? `macOS notarisation: with ${complete.join(' + ')}`
      : 'macOS notarisation: skipped (no APPLE_* credentials)',
  );
  if (required && certificate === null) {
    problems.push('a release must be signed: set CSC_LINK (and CSC_KEY_PASSWORD)');
  }
  if (required && complete === undefined) {
    problems.push(
      `a release must be notarised: set one of ${NOTARIZE_SETS.map((set) => set.join(' + ')).join(' | ')}`,
    );
  }
  return { lines, problems };
}

function windowsPlan(env: Env, required: boolean): SigningPlan {
  const certificate = isSet(env, 'WIN_CSC_LINK')
    ? 'WIN_CSC_LINK'
    : isSet(env, 'CSC_LINK')
      ? 'CSC_LINK'
      : null;
  return {
    lines: [
      certificate !== null
        ? `Windows code signing: the certificate in ${certificate} (password in ${certificate === 'WIN_CSC_LINK' ? 'WIN_CSC_KEY_PASSWORD' : 'CSC_KEY_PASSWORD'})`
        : 'Windows code signing: none (no WIN_CSC_LINK or CSC_LINK): SmartScreen will warn about the installer',
    ],
    problems:
      required && certificate === null
        ? ['a release must be signed: set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD']
        : [],
  };
}

/**
 * What a build on `platform` will sign and notarise. KEYSMITH_REQUIRE_SIGNING=1 (the release
 * workflow sets it for a tag) turns a missing certificate or notarisation into a problem.
 */
export function signingPlan(platform: string, env: Env): SigningPlan {
  const required = env['KEYSMITH_REQUIRE_SIGNING'] === '1';
  if (platform === 'darwin') return macPlan(env, required);
  if (platform === 'win32') return windowsPlan(env, required);
  return {
    lines: [
      'Linux packages are not signed: the release publishes their SHA-256 sums (SHA256SUMS.txt)',
    ],
    problems: [],
  };
}
