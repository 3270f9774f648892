// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ipcOnlyInWrappers = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Use the typed IPC wrappers (src/main/ipc/electron-ipc.ts, src/preload/index.ts).',
    },
  ],
};

const noElectron = {
  paths: [{ name: 'electron', message: 'This layer must run without Electron (DESIGN.md).' }],
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
      'no-restricted-imports': ['error', ipcOnlyInWrappers],
    },
  },
  {
    files: ['src/main/ipc/electron-ipc.ts', 'src/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/main/core/**', 'src/shared/**', 'src/sandbox/**', 'src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
