import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS build (type-graphql requires it); Vite would pick the ESM build
  // for our own imports and the two copies would refuse each other's types.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // One throwaway PostgreSQL cluster for the run; each test file creates its own databases on it.
    globalSetup: ['../prisma/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
