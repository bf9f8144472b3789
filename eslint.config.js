// ESLint flat config. Syntax-level rules only (no type-aware rules), so `npm run lint` stays fast;
// `npm run typecheck` does the type checking. Import boundaries follow DESIGN.md §3–4.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts'];

/** Where a file belongs in the architecture (DESIGN §3). Paths are from the repository root. */
const elements = [
  { type: 'main', pattern: 'src/main', partialMatch: false },
  { type: 'app', pattern: 'src/app', partialMatch: false },
  { type: 'portal', pattern: 'src/portal', partialMatch: false },
  { type: 'workbench', pattern: 'src/workbench', partialMatch: false },
  { type: 'module', pattern: 'src/modules/*', capture: ['name'], partialMatch: false },
  { type: 'platform', pattern: 'src/platform', partialMatch: false },
  { type: 'test', pattern: 'test', partialMatch: false },
  { type: 'bench', pattern: 'bench', partialMatch: false },
];

const to = (type, extra = {}) => ({ to: { element: { type, ...extra } } });
/** A module's public face: its index.ts, the only file other code may import (DESIGN §4). */
const moduleIndex = to('module', { fileInternalPath: 'index.ts' });

/**
 * Who may import whom. Imports inside one element (e.g. within one module) are not checked, so a
 * module may use any of its own files.
 */
const policies = [
  { from: { element: { type: 'platform' } }, allow: [to('platform')] },
  { from: { element: { type: 'module' } }, allow: [to('platform'), moduleIndex] },
  { from: { element: { type: 'portal' } }, allow: [to('platform'), moduleIndex] },
  { from: { element: { type: 'workbench' } }, allow: [to('platform'), moduleIndex] },
  {
    from: { element: { type: 'app' } },
    allow: [to('platform'), to('module'), to('portal'), to('workbench')],
  },
  { from: { element: { type: 'main' } }, allow: [to('app'), to('platform')] },
  { from: { element: { types: ['test', 'bench'] } }, allow: [to('*')] },
  // Tests kept next to the code (DESIGN §3) may also reach the composition root, e.g. to build the
  // real app or find the migrations; other modules' internals stay closed to them.
  { from: { file: { categories: 'colocated-test' } }, allow: [to('app')] },
];

/** `process.env` is read in one place, the config schema (DESIGN §4), plus entry points and tools. */
const noProcessEnv = [
  'error',
  {
    object: 'process',
    property: 'env',
    message: 'Read configuration through src/platform/config (loadConfig), not process.env.',
  },
];

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: TS })),
  {
    files: TS,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/platform/views/scripts/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': [{ category: 'colocated-test', pattern: 'src/**/*.test.ts' }],
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/include': ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
      // Element patterns and tsconfig are relative to this folder, wherever eslint is started.
      'boundaries/root-path': import.meta.dirname,
      'import/resolver': {
        typescript: { alwaysTryTypes: true, project: `${import.meta.dirname}/tsconfig.json` },
      },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies,
          message:
            '{{from.element.type}} may not import this {{to.element.type}} file. DESIGN §4: platform imports only platform; modules, portal and workbench reach a module only through its index.ts; main imports only app and platform.',
        },
      ],
    },
  },
  {
    files: TS,
    ignores: ['src/platform/config/**', 'src/main/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-properties': noProcessEnv },
  },
);
