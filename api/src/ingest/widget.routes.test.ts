import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { PrismaClient } from '@confide/db';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config.ts';
import { withInstanceSecrets } from '../shared/instance-secrets.ts';
import { createWidgetEndpoint } from './widget.routes.ts';

async function startupWarnings(settings: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const config = await withInstanceSecrets(
    loadConfig({ NODE_ENV: 'test', GEOIP_DATABASE: 'none', ...settings }),
  );
  // Building the router reads nothing from the database.
  await createWidgetEndpoint({
    config,
    prisma: {} as PrismaClient,
    logger: pino({ level: 'warn' }, stream),
    now: () => new Date(),
  });
  return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe('widget endpoint start-up', () => {
  it('warns loudly when the Turnstile check is off, and not when it is on', async () => {
    expect(await startupWarnings({})).toEqual([
      expect.stringMatching(/TURNSTILE_SECRET is not set.*WITHOUT the bot check/),
    ]);
    expect(await startupWarnings({ TURNSTILE_SECRET: 'secret' })).toEqual([]);
  });
});
