import type { PrismaClient } from '@confide/db';
import DataLoader from 'dataloader';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { RetentionSweeper } from '../retention/retention-sweeper.ts';
import type { AppConfig } from './config.ts';

/** What every resolver receives for one GraphQL request. */
export interface RequestContext {
  /** Correlates log lines and audit events of this request. */
  requestId: string;
  viewer: Viewer;
  prisma: PrismaClient;
  config: AppConfig;
  /** The current time; injectable so tests can travel in time. */
  now: () => Date;
  audit: AuditRecorder;
  /** Starts retention sweeps that continue after the request (this instance's sweeper). */
  retentionSweeper: RetentionSweeper;
  /** Per-request DataLoaders, created on first use and keyed by name, so batching needs no central registry. */
  loader<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V>;
  /** Keyed hash of the caller's IP, for rate limits; never the IP itself. */
  ipHash: string | null;
  /** The caller's User-Agent header, trimmed to 300 characters (kept with a new session). */
  userAgent?: string | null;
  /** Sets or clears the session cookie on the HTTP response. */
  sessionCookie: { set(token: string, expiresAt: Date): void; clear(): void };
}

export function createLoaderCache(): RequestContext['loader'] {
  const loaders = new Map<string, DataLoader<unknown, unknown>>();
  return <K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>) => {
    let loader = loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  };
}
