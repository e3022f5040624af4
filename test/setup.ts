// Runs before every test file (vitest.config.ts: setupFiles): the scratch folders a file made are removed
// once its tests are done, whether they passed or not.
import { afterAll } from 'vitest';
import { removeScratches } from './temp.js';

afterAll(() => {
  removeScratches();
});
