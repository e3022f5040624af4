import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['src/cli.ts', 'src/io/**', 'scripts/**', 'test/**', 'bin/**'], rules: { 'no-console': 'off' } },
  {
    // Only the two ends of the pipeline touch the file system or the process.
    files: ['src/**/*.ts'],
    ignores: ['src/cli.ts', 'src/io/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:child_process'], message: 'I/O belongs in src/io/ or src/cli.ts' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'only src/cli.ts and src/io/ touch the process' }],
    },
  },
);
