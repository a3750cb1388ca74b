// ESLint flat config. `npm run lint` runs it with --max-warnings=0, so every
// rule here is an error in practice; `npm run lint -- --fix` applies the
// automatic fixes.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  globalIgnores([
    'build/',
    'build-*/',
    'bench/floor/build-*/',
    'node_modules/',
    'vendor/',
    '.cache/',
    'test-results*/',
    'playwright-report/',
    'public/',
    'data/',
    'tests/.tmp/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  // Syntax-level rules only (no type information), so the lint stays fast; `tsc` does the type checking.
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      // Names starting with an underscore are deliberately unused (positional parameters, rest-siblings that drop a key).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // A migration is frozen against the schema of its day, not today's `Database` type: `Kysely<any>` is the idiom.
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Route modules and components run in the browser as well as on the server.
    files: ['app/**/*.{ts,tsx}', 'tests/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['app/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
)
