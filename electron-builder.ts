// How `npm run dist` packages Keysmith. electron-builder finds this file by its name (no flag); the
// default export is what it reads. test/unit/packaging-config.test.ts validates it with
// electron-builder's own schema and validator, and docs/SECURITY.md ("Packaged builds") says what
// each choice protects. Signing and notarisation come from environment variables only
// (scripts/signing.ts names them); without them the installers are built unsigned.
import type { Configuration } from 'electron-builder';
import { afterPack } from './scripts/after-pack';

/** A set, non-empty environment variable (GitHub Actions passes an undefined secret or variable as ''). */
const envValue = (name: string): string | undefined => process.env[name] || undefined;

/** What the .deb needs: electron-builder's defaults for Electron, and libsecret-1-0 for keytar. */
export const DEB_DEPENDS = [
  'libgtk-3-0',
  'libnotify4',
  'libnss3',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0',
  'libuuid1',
  'libsecret-1-0',
];

/** The hardened-runtime entitlements: allow-jit only (see the file). */
export const MAC_ENTITLEMENTS = 'build/entitlements.mac.plist';

// The deb needs a project homepage and a maintainer: from package.json (`homepage`, `author` with an
// email) or, for a release, KEYSMITH_HOMEPAGE and KEYSMITH_MAINTAINER ("Name <email>").
const homepage = envValue('KEYSMITH_HOMEPAGE');
const maintainer = envValue('KEYSMITH_MAINTAINER');

/** Keysmith's electron-builder configuration. */
export const config: Configuration = {
  appId: 'dev.keysmith.app',
  productName: 'Keysmith',
  copyright: 'Copyright © Keysmith contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // The built app only: out/ (main, preloads, renderer), the window icon and package.json (its
  // `main` is out/main/index.js). Production dependencies (keytar, jose, zod) come from
  // node_modules by themselves; sources, tests, scripts and docs never ship.
  files: ['out/**', 'resources/icon.png', 'package.json', '!out/**/*.map'],
  ...(homepage !== undefined ? { extraMetadata: { homepage } } : {}),
  // Only the files asarUnpack names leave the archive: electron-builder's smartUnpack would move
  // keytar's whole package (its JavaScript too) out of the asar's integrity check.
  asar: { smartUnpack: false },
  // keytar's N-API binary cannot be loaded from inside the asar (Electron redirects its require to
  // app.asar.unpacked). N-API needs no rebuild against Electron's headers either (npmRebuild:
  // false): no compiler, no libsecret-1-dev.
  asarUnpack: ['**/node_modules/@github/keytar/**/*.node'],
  npmRebuild: false,
  // Fuses flipped (and read back) on every packaged binary, before signing: scripts/fuses.ts.
  afterPack,
  // app:// is the renderer's in-process scheme (src/main/app-protocol.ts), not an OS handler:
  // registering it with the OS would let any web page or program launch Keysmith with a URL the app
  // does not read, and claim the generic name "app" system-wide. No file types either.
  protocols: [],
  fileAssociations: [],
  icon: 'resources/icon.png',
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
  // No auto-update feed: a new version is a new installer from the release page.
  publish: null,
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: MAC_ENTITLEMENTS,
    entitlementsInherit: MAC_ENTITLEMENTS,
    // Notarised by electron-builder when APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID,
    // APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER or APPLE_KEYCHAIN_PROFILE are set.
  },
  win: {
    target: ['nsis'],
    // Signed by electron-builder when WIN_CSC_LINK (or CSC_LINK) and its password are set.
    signtoolOptions: { signingHashAlgorithms: ['sha256'] },
  },
  nsis: {
    // Per user: installs under %LOCALAPPDATA%\Programs without administrator rights.
    oneClick: true,
    perMachine: false,
    // The data folder holds the audit log; uninstalling must not erase the evidence.
    deleteAppDataOnUninstall: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    executableName: 'keysmith',
    synopsis: 'OAuth2 client-credentials administration and an offline JWT debugger',
    ...(maintainer !== undefined ? { maintainer } : {}),
  },
  deb: {
    // Debian's own naming (keysmith_0.1.0_amd64.deb) rather than the one above.
    artifactName: '${name}_${version}_${arch}.${ext}',
    depends: DEB_DEPENDS,
    // A Secret Service for keytar; KDE's KWallet provides one too.
    recommends: ['gnome-keyring'],
  },
};

// electron-builder reads the default export (a named one is kept for the tests).
export default config;
