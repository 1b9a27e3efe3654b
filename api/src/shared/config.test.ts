import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, repositoryRoot } from './config.ts';

function problemsOf(environment: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('gives safe defaults when nothing is set: embedded database with demo data, local only', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      host: '127.0.0.1',
      port: 4000,
      databaseUrl: undefined,
      demoData: true,
      logLevel: 'info',
    });
    expect(config.dataDirectory).toBe(path.join(repositoryRoot, '.data'));
  });

  it('never loads demo data into PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/confide' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/confide', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it('resolves a relative data directory from the repository root', () => {
    expect(loadConfig({ DATA_DIR: 'var/db' }).dataDirectory).toBe(path.join(repositoryRoot, 'var/db'));
  });

  it('names every bad variable with what it got', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      NODE_ENV: 'staging',
      DEMO_DATA: 'maybe',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT must be a number \(got "eighty"\)$/),
        expect.stringMatching(/^NODE_ENV .*\(got "staging"\)$/),
        expect.stringMatching(/^DEMO_DATA must be true or false \(got "maybe"\)$/),
        expect.stringMatching(/^LOG_LEVEL .*\(got "loud"\)$/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('rejects ports out of range and non-PostgreSQL database URLs without echoing the URL', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be between 0 and 65535 (got "70000")']);
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://root:secret@db/confide' });
    expect(problem).toBe('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(problem).not.toContain('secret');
  });

  it('rejects a pool size below one', () => {
    expect(problemsOf({ DATABASE_POOL_MAX: '0' })).toEqual([
      'DATABASE_POOL_MAX must be at least 1 (got "0")',
    ]);
  });

  it('runs four background jobs at once and polls every second unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ jobConcurrency: 4, jobPollIntervalMs: 1000 });
    expect(loadConfig({ JOB_CONCURRENCY: '8', JOB_POLL_INTERVAL_MS: '50' })).toMatchObject({
      jobConcurrency: 8,
      jobPollIntervalMs: 50,
    });
    expect(problemsOf({ JOB_CONCURRENCY: '0', JOB_POLL_INTERVAL_MS: '5' })).toEqual([
      'JOB_CONCURRENCY must be at least 1 (got "0")',
      'JOB_POLL_INTERVAL_MS must be at least 10 (got "5")',
    ]);
  });

  describe('sign-in and IP hashing settings', () => {
    const productionSecret = 'p'.repeat(32);
    const encryptionKey = Buffer.alloc(32, 9).toString('base64');

    it('defaults to 12-hour sessions, no trusted proxy, and no configured admin', () => {
      expect(loadConfig({})).toMatchObject({
        sessionTtlHours: 12,
        ipHashSecret: undefined,
        trustProxy: false,
        initialAdmin: { email: undefined, password: undefined },
      });
    });

    it('requires the instance secrets and TURNSTILE_SECRET in production only, never echoed', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
        expect.stringMatching(/^IP_HASH_SECRET is required when NODE_ENV=production/),
        expect.stringMatching(/^ENCRYPTION_KEY is required when NODE_ENV=production/),
        expect.stringMatching(/^CONVERSATION_TOKEN_SECRET is required when NODE_ENV=production/),
        expect.stringMatching(/^TURNSTILE_SECRET is required when NODE_ENV=production/),
        expect.stringMatching(/^SUBJECT_HASH_SECRET is required when NODE_ENV=production/),
      ]);
      expect(
        loadConfig({
          NODE_ENV: 'production',
          IP_HASH_SECRET: productionSecret,
          ENCRYPTION_KEY: encryptionKey,
          CONVERSATION_TOKEN_SECRET: productionSecret,
          TURNSTILE_SECRET: 'turnstile-secret',
          SUBJECT_HASH_SECRET: productionSecret,
        }),
      ).toMatchObject({
        ipHashSecret: productionSecret,
        encryptionKey,
        conversationTokenSecret: productionSecret,
        turnstile: { secret: 'turnstile-secret' },
        subjectHashSecret: productionSecret,
      });
      expect(problemsOf({ TURNSTILE_SECRET: 'x', TURNSTILE_VERIFY_URL: 'nope' })).toEqual([
        'TURNSTILE_VERIFY_URL must be an http(s) URL (got "nope")',
      ]);
      const keyProblems = problemsOf({ ENCRYPTION_KEY: 'c2hvcnQ=' });
      expect(keyProblems).toEqual([
        'ENCRYPTION_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
      ]);
      const problems = problemsOf({ IP_HASH_SECRET: 'too-short-secret' });
      expect(problems).toEqual([
        'IP_HASH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)',
      ]);
      expect(problems.join()).not.toContain('too-short-secret');
    });

    it('lists a missing production secret together with every other problem', () => {
      expect(problemsOf({ NODE_ENV: 'production', PORT: 'x' })).toHaveLength(6);
    });

    it('reads TRUST_PROXY as false, a hop count, or cloudflare', () => {
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
      expect(loadConfig({ TRUST_PROXY: 'Cloudflare' }).trustProxy).toBe('cloudflare');
      for (const value of ['true', '-1', '11', 'loopback']) {
        expect(problemsOf({ TRUST_PROXY: value })).toEqual([
          `TRUST_PROXY must be false, a proxy hop count from 1 to 10, or cloudflare (got "${value}")`,
        ]);
      }
    });

    it('bounds SESSION_TTL_HOURS between 1 hour and 30 days', () => {
      expect(loadConfig({ SESSION_TTL_HOURS: '8' }).sessionTtlHours).toBe(8);
      expect(problemsOf({ SESSION_TTL_HOURS: '0' })).toEqual([
        'SESSION_TTL_HOURS must be at least 1 (got "0")',
      ]);
      expect(problemsOf({ SESSION_TTL_HOURS: '721' })).toEqual([
        'SESSION_TTL_HOURS must be at most 720 (30 days) (got "721")',
      ]);
    });

    it('validates the first admin: an email address and a password of at least 12 characters, never echoed', () => {
      expect(
        loadConfig({ ADMIN_EMAIL: 'Owner@Example.com', ADMIN_PASSWORD: 'long-enough-pw' }).initialAdmin,
      ).toEqual({ email: 'owner@example.com', password: 'long-enough-pw' });
      const problems = problemsOf({ ADMIN_EMAIL: 'owner', ADMIN_PASSWORD: 'hunter2' });
      expect(problems).toEqual([
        'ADMIN_EMAIL must be an email address (got "owner")',
        'ADMIN_PASSWORD must be at least 12 characters',
      ]);
    });
  });
});
