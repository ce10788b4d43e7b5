// One lint configuration for every workspace (flat config, ESLint 9).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/.data/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The layering, enforced: the core stays browser-safe (no Node, database, Temporal or the
    // engine), and only the engine (and tests of internals) reach past the core's curated entry.
    files: ['engine/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '@cairn/engine', '@cairn/engine/*', '@cairn/db', '@cairn/api', '@temporalio/*', 'nodemailer', 'mjml', 'twilio', 'web-push', 'resend'], message: 'The core is browser-safe: this belongs in @cairn/engine (the Node runtime).' },
          ],
        },
      ],
    },
  },
  {
    files: ['editor/**/*.{ts,tsx}', 'api/**/*.ts', 'templates/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@cairn/core/internal/*'], message: 'Use the names @cairn/core exports; its internals are for @cairn/engine.' }] },
      ],
    },
  },
);
