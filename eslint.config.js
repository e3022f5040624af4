import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Which stage folder of src/ may import which (the pipeline: read → validate → figures → report; fast/ is the
// byte path beside validate/, io/ and cli.ts the two ends). A rule below names, for each folder, what it must not
// import; the file-system and process imports are forbidden in every folder but src/io/ and src/cli.ts.
// no-restricted-imports is one rule: the last block that matches a file sets all its options, so each folder's
// block repeats the I/O patterns (`rule(...)` adds them).

/** The modules only src/io/ and src/cli.ts may import. */
const IO = {
  group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:child_process', 'child_process', 'node:process', 'process', 'node:worker_threads', 'worker_threads'],
  message: 'I/O belongs in src/io/ or src/cli.ts',
};

/** A pattern that forbids importing the stage folder `folder` (relative imports: `../fast/x.js`, `./fast/x.js`). */
const stage = (folder, why) => ({ group: [`**/${folder}/**`, `../${folder}/*`, `./${folder}/*`], message: `src/${folder}/ ${why}` });

/** no-restricted-imports with the I/O patterns and these. */
const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [IO, ...patterns] }] });

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
      ...rule(),
      'no-restricted-globals': ['error', { name: 'process', message: 'only src/cli.ts and src/io/ touch the process' }],
    },
  },
  // The folder boundaries (each block keeps the I/O patterns above).
  {
    // The reader is pure: io/ hands it the chunks; it knows nothing of what the records mean.
    files: ['src/read/**/*.ts'],
    rules: rule(
      stage('validate', 'is a later stage: the reader knows nothing of columns or rows'),
      stage('fast', 'is a consumer of the reader, not a part of it'),
      stage('figures', 'is a later stage'),
      stage('report', 'is a later stage'),
    ),
  },
  {
    // The reference path words every problem; it must not know the byte path nor the report.
    files: ['src/validate/**/*.ts'],
    rules: rule(
      stage('fast', 'is the byte path: the reference path must not depend on it (inject what it needs instead)'),
      stage('report', 'is a later stage'),
    ),
  },
  {
    // Figures are counted from valid rows, whichever path checked them.
    files: ['src/figures/**/*.ts'],
    rules: rule(
      stage('validate', 'is an earlier stage: figures take valid rows, not the checkers'),
      stage('fast', 'is an earlier stage: figures take valid rows, not the byte path'),
      stage('report', 'is a later stage'),
    ),
  },
  {
    // The starter folder of `assess init` is data and a small workbook writer: it needs no stage.
    files: ['src/init/**/*.ts'],
    rules: rule(
      stage('read', 'is a stage of a run: init only writes example files'),
      stage('validate', 'is a stage of a run: init only writes example files'),
      stage('fast', 'is a stage of a run: init only writes example files'),
      stage('figures', 'is a stage of a run: init only writes example files'),
      stage('report', 'is a stage of a run: init only writes example files'),
    ),
  },
  {
    // The report is made from figures alone.
    files: ['src/report/**/*.ts'],
    rules: rule(
      stage('read', 'is an earlier stage: the report is made from figures'),
      stage('validate', 'is an earlier stage: the report is made from figures'),
      stage('fast', 'is an earlier stage: the report is made from figures'),
    ),
  },
);
