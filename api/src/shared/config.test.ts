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
});
