import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import pg from 'pg';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { consoleBuildIsStale } from '../scripts/console-build.mjs';
import { startBenchApi } from './api-latency.bench.ts';
import { percentiles } from './latency.ts';
import type { Benchmark } from './run.ts';
import { scaleDatabase } from './scale-database.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '..');

// Word pairs from the data set's English dialogues, as a salesperson would look things up.
const wordPairs = [
  'free trial',
  'setup fees',
  'annual billing',
  'custom quote',
  'business plan',
  'priority support',
  'native connectors',
  'shopify app',
  'new leads',
  'google workspace',
  'node.js sdk',
  'typical integration',
  'data stored',
  'gdpr compliant',
  'legal deadlines',
  'switch plans',
  'vat included',
  'email support',
  'monthly price',
  'same price',
];
/** Time between keystrokes: a quick typist, and well under the console's debounce. */
const keystrokeDelayMs = 40;
/** Builds the console for production unless dist/ is newer than its sources. */
function ensureConsoleBuild(): void {
  if (!consoleBuildIsStale(repositoryRoot)) return;
  console.log('Building the console (production)…');
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@confide/console'], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('The console build failed');
}

/** Word pairs the data set holds no message for would measure an empty page, not a search. */
async function checkWordPairs(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const pair of wordPairs) {
      const { rowCount } = await client.query(
        `SELECT 1 FROM "Message" WHERE "searchVector" @@ websearch_to_tsquery('simple', $1) LIMIT 1`,
        [pair],
      );
      if (!rowCount) throw new Error(`No message of the data set matches "${pair}"`);
    }
  } finally {
    await client.end();
  }
}

/** The browser globals the in-page functions use (bench/ compiles without the DOM library). */
interface InPage {
  document: {
    body: unknown;
    querySelector(selector: string): { addEventListener(type: string, listener: () => void): void } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
  location: { search: string };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
  lastInputAt?: number;
  renderedAt?: Promise<number>;
}

/**
 * Types `words` into the empty search box and returns the milliseconds from the last keystroke's input
 * event to the first frame in which the results of exactly these words, with highlights, are in the DOM.
 */
async function timeSearch(page: Page, words: string): Promise<number> {
  const box = page.getByRole('searchbox', { name: 'Search' });
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  await page.evaluate((expected) => {
    const state = globalThis as unknown as InPage;
    const lastWord = expected.split(' ').at(-1)!.toLowerCase();
    state.lastInputAt = undefined;
    state.document
      .querySelector('input[type="search"]')!
      .addEventListener('input', () => (state.lastInputAt = performance.now()));
    // Rendered: the URL holds the whole search and the results region highlights its last word (results
    // of a prefix of it cannot: the box was empty before, and typing never pauses long enough to search).
    state.renderedAt = new Promise((resolve) => {
      const observer = new state.MutationObserver(() => {
        if (new URLSearchParams(state.location.search).get('q') !== expected) return;
        const marks = state.document.querySelectorAll('[role="region"][aria-label="Conversations"] mark');
        if (!Array.from(marks).some((mark) => mark.textContent?.toLowerCase() === lastWord)) return;
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(state.document.body, { subtree: true, childList: true, characterData: true });
    });
  }, words);
  await box.pressSequentially(words, { delay: keystrokeDelayMs });
  const elapsed = await page.evaluate(async () => {
    const state = globalThis as unknown as Required<InPage>;
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('No highlighted results within 30 s')), 30_000),
    );
    return (await Promise.race([state.renderedAt, timeout])) - state.lastInputAt;
  });
  // Back to the unsearched list before the next pair.
  await box.fill('');
  await page.waitForURL((url) => !url.searchParams.has('q'));
  await page
    .getByRole('region', { name: 'Conversations' })
    .locator('mark')
    .first()
    .waitFor({ state: 'detached' });
  return elapsed;
}

/** From the user's pause to highlighted results, in the production console over the 100k data set. */
export const consoleSearchBenchmark: Benchmark = {
  name: 'console-search',
  description:
    'Conversations search in the production console (Chromium), last keystroke to highlighted results',
  async run() {
    ensureConsoleBuild();
    const { databaseUrl, summary } = await scaleDatabase();
    console.log(
      `Dataset: ${summary.conversations.toLocaleString('en')} conversations, ` +
        `${summary.messages.toLocaleString('en')} messages`,
    );
    await checkWordPairs(databaseUrl);
    const api = await startBenchApi(databaseUrl);
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const page = await browser.newPage({ baseURL: api.url, viewport: { width: 1280, height: 900 } });
      // The demo sales account, which the scale data set is loaded beside.
      const login = await page.request.post('/graphql', {
        data: {
          query: 'mutation($input: LoginInput!) { login(input: $input) { userErrors { message } } }',
          variables: { input: { email: 'sales@confide.test', password: 'confide-demo' } },
        },
      });
      if (!login.ok()) throw new Error(`Sign-in failed: HTTP ${login.status()}`);
      await page.goto('/conversations');
      await page.getByRole('region', { name: 'Conversations' }).waitFor();
      // One search to warm the server's plans and the browser's code paths; not counted.
      await timeSearch(page, 'annual discount');
      const cpuBefore = process.cpuUsage();
      const samples: number[] = [];
      for (const words of wordPairs) samples.push(await timeSearch(page, words));
      const cpu = process.cpuUsage(cpuBefore);
      const { p50, p95 } = percentiles([...samples]);
      console.log(
        `${samples.length} searches: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ` +
          `max ${Math.max(...samples).toFixed(0)} ms (goal: within 300 ms)`,
      );
      console.log(
        `Server process CPU per search (API, database client, this harness): ` +
          `${((cpu.user + cpu.system) / 1000 / samples.length).toFixed(1)} ms`,
      );
    } finally {
      await browser.close();
      await api.stop();
    }
  },
};
