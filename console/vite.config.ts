/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// Where the dev server (and `vite preview`) forwards API calls. The production build is served by the
// API itself on the same origin, so the console only ever uses relative URLs.
const apiUrl = process.env.API_URL ?? 'http://localhost:4000';

const proxy: Record<string, ProxyOptions> = {
  '/graphql': { target: apiUrl, ws: true },
  '/healthz': { target: apiUrl },
  '/schema.graphql': { target: apiUrl },
  '/v1': { target: apiUrl },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    // scripts/check-bundle-size.mjs reads it to measure what the first page loads.
    manifest: true,
    // GraphiQL's editor (Monaco) is one large chunk, loaded only by the lazy API explorer page.
    chunkSizeWarningLimit: 3000,
    emptyOutDir: true,
    rolldownOptions: {
      // GraphiQL's modules start with React Compiler directives ("use no memo") that bundling drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        codeSplitting: {
          groups: [
            // React and the router change less often than the console: their own chunk stays cached across
            // deploys. Only packages the entry needs anyway belong here, or lazy pages would stop being lazy.
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
