import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'screenshots/', 'examples/*/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
    rules: {
      // User text must never become markup: only src/text/sanitize.ts may hold DOMPurify, and nothing unsafeHTML.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dompurify', message: 'Only src/text/sanitize.ts may import DOMPurify.' }],
          patterns: [
            { group: ['lit/directives/unsafe-*'], message: 'Render user text as templates, never as HTML.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never parse strings as HTML; use templates or sanitize.ts.' },
        { property: 'outerHTML', message: 'Never parse strings as HTML; use templates or sanitize.ts.' },
      ],
    },
  },
  {
    files: ['src/text/sanitize.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The examples are apps of their own, written as their frameworks' starter templates write them.
    files: ['examples/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
