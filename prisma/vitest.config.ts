import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // One throwaway PostgreSQL cluster for the run; each test file creates its own databases on it.
    globalSetup: ['src/testing/global-setup.ts'],
    // A PGlite instance takes seconds to start, and diffing from migrations starts one more.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
