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
  loader<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): RequestLoader<K, V>;
  /** Keyed hash of the caller's IP, for rate limits; never the IP itself. */
  ipHash: string | null;
  /** The caller's User-Agent header, trimmed to 300 characters (kept with a new session). */
  userAgent?: string | null;
  /** Sets or clears the session cookie on the HTTP response. */
  sessionCookie: { set(token: string, expiresAt: Date): void; clear(): void };
  /** Runs `listener` once the HTTP response has been sent (absent when no HTTP response is involved). */
  onResponseSent?: (listener: () => void) => void;
}

/**
 * A DataLoader that also answers primed keys synchronously. A list query fetches its rows'
 * relations with the page and primes them; reading them back without a promise per field saves
 * most of the cost of resolving a page of 50 rows.
 */
export class RequestLoader<K, V> extends DataLoader<K, V> {
  readonly #primed = new Map<K, V>();

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!(value instanceof Error) && !isPromiseLike(value) && !this.#primed.has(key)) {
      this.#primed.set(key, value);
    }
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.#primed.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.#primed.clear();
    return super.clearAll();
  }

  /** The primed value when there is one, else `load(key)`. */
  get(key: K): V | Promise<V> {
    return this.#primed.has(key) ? (this.#primed.get(key) as V) : this.load(key);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/** `transform(value)`, right away for a plain value or once a promise settles. */
export function whenLoaded<T, R>(value: T | Promise<T>, transform: (loaded: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(transform) : transform(value);
}

export function createLoaderCache(): RequestContext['loader'] {
  const loaders = new Map<string, RequestLoader<unknown, unknown>>();
  return <K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>) => {
    let loader = loaders.get(name) as RequestLoader<K, V> | undefined;
    if (!loader) {
      loader = new RequestLoader<K, V>(batch);
      loaders.set(name, loader as RequestLoader<unknown, unknown>);
    }
    return loader;
  };
}
