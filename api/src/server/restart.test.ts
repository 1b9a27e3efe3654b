import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../shared/config.ts';
import { openConfiguredDatabase } from '../shared/database.ts';
import { createLogger } from '../shared/logger.ts';
import { startServer } from './start-server.ts';

const logger = createLogger({ logLevel: 'silent', environment: 'test' });

/** One `npm start` lifetime on the embedded database: start, read the counts, stop. */
async function startAndStop(config: AppConfig) {
  const database = await openConfiguredDatabase(config);
  try {
    const server = await startServer({ config, database, logger });
    const counts = {
      sites: await database.prisma.site.count(),
      conversations: await database.prisma.conversation.count(),
      messages: await database.prisma.message.count(),
      leads: await database.prisma.lead.count(),
      staff: await database.prisma.staffUser.count(),
    };
    const health = await fetch(`${server.url}/healthz`).then((response) => response.status);
    await server.stop();
    return { seeded: server.demo !== undefined, counts, health };
  } finally {
    await database.close();
  }
}

describe('the embedded database across restarts', () => {
  let dataDirectory: string;
  let config: AppConfig;
  beforeAll(async () => {
    dataDirectory = await mkdtemp(path.join(tmpdir(), 'confide-restart-'));
    config = loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      DATA_DIR: dataDirectory,
      CONSOLE_DIST: dataDirectory,
    });
  });
  afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

  it('loads demo data on the first start only, and keeps every row through a restart', async () => {
    const first = await startAndStop(config);
    expect(first.seeded).toBe(true);
    expect(first.health).toBe(200);
    expect(first.counts.sites).toBe(3);
    expect(first.counts.conversations).toBeGreaterThan(0);
    expect(first.counts.staff).toBeGreaterThanOrEqual(3);

    const second = await startAndStop(config);
    expect(second.seeded).toBe(false);
    expect(second.counts).toEqual(first.counts);
  });
});
