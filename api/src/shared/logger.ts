import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.ts';

export type { Logger };

/**
 * Structured logs. Request logs carry method, path, status and duration only — never the client's
 * address, cookies or authorization headers, which is why no generic HTTP logger is used.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'environment'>): Logger {
  return pino({
    level: config.logLevel,
    base: undefined,
    redact: { paths: ['req.headers', 'headers', 'password', '*.password', 'token', '*.token'], remove: true },
  });
}
