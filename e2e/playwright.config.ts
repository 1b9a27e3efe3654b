import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './support/chromium.ts';

// The suite runs against the production build, served by the product's own start script on a fixed port
// with a fresh, throwaway embedded database.
const repoRoot = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 4317);
const baseURL = `http://127.0.0.1:${port}`;

// Playwright evaluates this file in the runner and again in every worker. Workers inherit the runner's
// environment, so the data directory is created once, in the runner, and removed when the runner exits
// (after the web server has been stopped). Set E2E_DATA_DIR to use (and keep) a directory of your own.
if (!process.env.E2E_DATA_DIR) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'confide-e2e-'));
  process.env.E2E_DATA_DIR = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The CI machine is shared; pages that load in a second on their own can take several under load.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: process.env.CI ? 1 : undefined,
  reporter: [['list'], ['html', { outputFolder: './playwright-report', open: 'never' }]],
  use: {
    baseURL,
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /privacy\.spec\.ts/ },
    // The privacy flow erases a demo subject that other flows search for, so it runs after all of them.
    {
      name: 'chromium-erasure',
      use: { browserName: 'chromium' },
      testMatch: /privacy\.spec\.ts/,
      dependencies: ['chromium'],
    },
  ],
  webServer: {
    // Builds what is not built, migrates and seeds the database in DATA_DIR, then serves the console and API.
    command: 'node scripts/start.mjs',
    cwd: repoRoot,
    // An empty DATABASE_URL counts as unset: always the embedded database in the fresh DATA_DIR, even if the
    // caller's environment points at a PostgreSQL server.
    env: { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '' },
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    // Never test against whatever happens to be running: the database must be fresh.
    reuseExistingServer: false,
    // SIGTERM lets the server close the embedded database cleanly before the data directory is removed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
