import tseslint from 'typescript-eslint';

/*
 * Layers, enforced (see README "Layout"):
 *   shared/            imports nothing of ours outside shared/, no Node, no Electron
 *   electron/core/     shared + Node, never Electron (it runs under plain Node: CLI, tests, bench)
 *   electron/preload/  shared + electron's contextBridge/ipcRenderer
 *   renderer/          shared only (talks to the core through window.api)
 */
const noElectron = { name: 'electron', message: '核心层不能依赖 Electron（core must run under plain Node）' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'tests/e2e/screenshots/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['../electron/*', '../../electron/*', '../renderer/*', '../../renderer/*', ...nodeBuiltins], message: 'shared/ 只能依赖 shared/ 与纯 JS 库' }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/*', '**/preload/*', '**/renderer/*'], message: '核心层不能依赖外壳或界面' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/electron/**', ...nodeBuiltins], message: '界面只能通过 window.api 调用核心' }] }],
    },
  },
);
