// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layers (DESIGN.md, STYLE.md): shell (Electron-only entry points), core (src/main/core, plain
// Node), shared (plain TypeScript for both sides), renderer (browser, untrusted), sandbox (Node).
// `no-restricted-imports` holds the lines between them. ESLint replaces a rule's options where
// config blocks overlap, so each layer below lists every restriction that applies to it.

/** The files that may import Electron: the app's entry, its windows and protocol, the IPC wrapper, the preloads. */
const SHELL = [
  'src/main/index.ts',
  'src/main/window.ts',
  'src/main/confirm-window.ts',
  'src/main/app-protocol.ts',
  'src/main/security-policy.ts',
  'src/main/ipc/electron-ipc.ts',
  'src/preload/**',
];

/** The typed wrappers allowed to touch ipcMain / ipcRenderer (the confirmation window has its own preload). */
const IPC_WRAPPERS = [
  'src/main/ipc/electron-ipc.ts',
  'src/preload/index.ts',
  'src/preload/confirm.ts',
];

const noElectron = {
  name: 'electron',
  message:
    'Only the shell imports Electron (src/main/index.ts, window.ts, confirm-window.ts, app-protocol.ts, security-policy.ts, src/main/ipc/electron-ipc.ts, src/preload): this layer runs without it.',
};

const ipcOnlyInWrappers = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrappers (src/main/ipc/electron-ipc.ts, src/preload/index.ts).',
};

/** Node built-ins, bare (`fs`) and prefixed (`node:fs`): src/shared also runs in the renderer. */
const noNodeBuiltins = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({ name, message: 'src/shared runs in the renderer too: no Node built-ins.' }));
const noNodePrefix = {
  regex: '^node:',
  message: 'src/shared runs in the renderer too: no Node built-ins.',
};

/** zod, and the modules whose code pulls it in: the renderer and the preload may import their types only. */
const noZodPath = {
  name: 'zod',
  allowTypeImports: true,
  message: 'Keep zod out of the renderer and preload bundles.',
};
const noZodPattern = {
  regex: '(^|/)(ipc/contract|ipc/channels(/.*)?|environment-schema)$',
  allowTypeImports: true,
  message:
    'This module imports zod: import its types only (`import type`), or use the plain declarations in src/shared/environment.ts and domain.ts.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Everywhere but the shell (and the layers below, which repeat it): no Electron at all.
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: SHELL,
    ignores: IPC_WRAPPERS,
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnlyInWrappers] }] },
  },
  {
    files: ['src/preload/**'],
    ignores: IPC_WRAPPERS,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ipcOnlyInWrappers, noZodPath], patterns: [noZodPattern] },
      ],
    },
  },
  {
    files: ['src/preload/index.ts', 'src/preload/confirm.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noZodPath], patterns: [noZodPattern] }],
    },
  },
  {
    files: ['src/main/ipc/electron-ipc.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: '^(\\.\\./)+ipc(/|$)',
              message:
                'Core never imports the IPC layer (src/main/ipc): handlers call core, not the reverse.',
            },
            {
              regex: '(^|/)shared/ipc(/|$)',
              message:
                'Core never imports the transport (src/shared/ipc): its types live in src/shared/domain.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNodeBuiltins],
          patterns: [
            noNodePrefix,
            {
              regex: '^(\\.\\./)+(main|renderer|sandbox|preload)(/|$)',
              message: 'src/shared imports only src/shared (and packages): both sides use it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox runs alone (`npm run sandbox`): from main it shares only core's file helpers.
    files: ['src/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: '^(\\.\\./)+(renderer|preload)(/|$)|^(\\.\\./)+main/(?!core/files/)',
              message:
                'The sandbox is a standalone server: from src/main it may use only src/main/core/files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noZodPath],
          patterns: [
            {
              regex: '^((\\.\\./)+|@)(src/)?(main|sandbox)(/|$)',
              message:
                'The renderer is untrusted and runs in the browser: nothing from src/main or src/sandbox (use src/shared).',
            },
            noZodPattern,
          ],
        },
      ],
    },
  },
  {
    // The trusted confirmation page shows strings main sends: as text, never parsed as HTML.
    files: ['src/renderer/src/confirm/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^(innerHTML|outerHTML|insertAdjacentHTML|write|writeln)$/]',
          message: 'The confirmation page sets text only (textContent, text nodes), never HTML.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
