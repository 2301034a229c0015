// ESLint (typescript-eslint, flat config): the `lint` layer of `npm test` runs it with
// Prettier's check and the layer rule (.dependency-cruiser.cjs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'reports/**',
      '.stryker-tmp/**',
      'node_modules/**',
      'bench/**',
      '.vscode-test/**',
      'media/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_x` names what is left out on purpose (destructuring a field away).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/out/**', '**/dist/**'], message: 'Import the sources, never build output.' }] },
      ],
    },
  },
  {
    // Views and commands reach a connection only through its store's methods.
    files: ['src/views/**/*.ts', 'src/commands/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.type='MemberExpression'][object.property.name='connection'][property.name=/^(adapter|config|http)$/]",
          message:
            'Views and commands use the store (kind, url, capabilities, actions(job), launch…), not its connection.',
        },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts', 'test/bench/pageProbes.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: {
      // Tests read wire payloads as they come.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Code that Playwright runs in the page (page.evaluate).
    files: ['test/ui/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
