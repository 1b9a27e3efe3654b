import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium (`apt-get install chromium`), as the end-to-end suite and the console-search
 * benchmark launch it: Playwright's own browser download does not work here. `CHROMIUM_PATH` overrides.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
