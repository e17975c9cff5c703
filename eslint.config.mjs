// ESLint (flat config) with typescript-eslint; part of `npm test` (`npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'test/**/fixtures/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The engine is pure: no vscode, no Node I/O of its own (the host is injected).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode'], message: 'The engine never imports vscode.' },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'The engine reads through the injected host (src/engine/core/host.ts).',
            },
            {
              group: ['../extension/*', '../cli/*', '../live/*', '../nodeHost/*', '../../*'],
              message: 'The engine depends on nothing outside it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/extension/presentation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode'], message: 'Presentation models are free of vscode (unit-tested under plain Node).' },
          ],
        },
      ],
    },
  },
  {
    // Tests drive untyped surfaces (the workbench DOM, JSON from child processes).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', '*.mjs', 'test/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
