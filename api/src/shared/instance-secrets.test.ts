import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { instanceSecretsFileName, persistedSecret, withInstanceSecrets } from './instance-secrets.ts';

describe('instance secrets', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'confide-secrets-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('generates the IP hash key once for development, in DATA_DIR/secrets.json with mode 0600', async () => {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: path.join(directory, 'data') });
    const first = await withInstanceSecrets(config);
    expect(first.ipHashSecret).toMatch(/^[\w-]{43}$/);
    const file = path.join(directory, 'data', instanceSecretsFileName);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ipHashSecret: first.ipHashSecret });
    // A restart reads the same key, so hashes stay comparable.
    expect((await withInstanceSecrets(config)).ipHashSecret).toBe(first.ipHashSecret);
  });

  it('keeps other secrets in the file and tightens loose permissions', async () => {
    const file = path.join(directory, instanceSecretsFileName);
    await writeFile(file, JSON.stringify({ other: 'value' }), { mode: 0o644 });
    const secret = await persistedSecret(directory, 'ipHashSecret');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ other: 'value', ipHashSecret: secret });
    expect(await persistedSecret(directory, 'other')).toBe('value');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('prefers IP_HASH_SECRET, and writes nothing under NODE_ENV=test', async () => {
    const configured = loadConfig({ IP_HASH_SECRET: 'x'.repeat(32), DATA_DIR: directory });
    expect((await withInstanceSecrets(configured)).ipHashSecret).toBe('x'.repeat(32));
    const test = await withInstanceSecrets(loadConfig({ NODE_ENV: 'test', DATA_DIR: directory }));
    expect(test.ipHashSecret).toMatch(/^[\w-]{43}$/);
    await expect(stat(path.join(directory, instanceSecretsFileName))).rejects.toThrow(/ENOENT/);
  });
});
