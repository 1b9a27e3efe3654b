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

  it('generates the IP hash, encryption and subject hash keys once for development, in DATA_DIR/secrets.json with mode 0600', async () => {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: path.join(directory, 'data') });
    const first = await withInstanceSecrets(config);
    expect(first.ipHashSecret).toMatch(/^[\w-]{43}$/);
    const file = path.join(directory, 'data', instanceSecretsFileName);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.encryptionKey ?? '', 'base64')).toHaveLength(32);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      conversationTokenSecret: first.conversationTokenSecret,
      ipHashSecret: first.ipHashSecret,
      encryptionKey: first.encryptionKey,
      subjectHashSecret: first.subjectHashSecret,
    });
    expect(first.conversationTokenSecret).toMatch(/^[\w-]{43}$/);
    // A restart reads the same keys, so hashes stay comparable and stored secrets readable.
    const restarted = await withInstanceSecrets(config);
    expect(restarted.ipHashSecret).toBe(first.ipHashSecret);
    expect(restarted.encryptionKey).toBe(first.encryptionKey);
    expect(restarted.conversationTokenSecret).toBe(first.conversationTokenSecret);
    expect(restarted.subjectHashSecret).toBe(first.subjectHashSecret);
  });

  it('keeps other secrets in the file and tightens loose permissions', async () => {
    const file = path.join(directory, instanceSecretsFileName);
    await writeFile(file, JSON.stringify({ other: 'value' }), { mode: 0o644 });
    const secret = await persistedSecret(directory, 'ipHashSecret');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ other: 'value', ipHashSecret: secret });
    expect(await persistedSecret(directory, 'other')).toBe('value');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('prefers configured keys, and writes nothing under NODE_ENV=test', async () => {
    const encryptionKey = Buffer.alloc(32, 7).toString('base64');
    const configured = loadConfig({
      IP_HASH_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: encryptionKey,
      CONVERSATION_TOKEN_SECRET: 'y'.repeat(32),
      SUBJECT_HASH_SECRET: 'y'.repeat(32),
      DATA_DIR: directory,
    });
    expect(await withInstanceSecrets(configured)).toMatchObject({
      ipHashSecret: 'x'.repeat(32),
      encryptionKey,
      conversationTokenSecret: 'y'.repeat(32),
      subjectHashSecret: 'y'.repeat(32),
    });
    await expect(stat(path.join(directory, instanceSecretsFileName))).rejects.toThrow(/ENOENT/);
    const test = await withInstanceSecrets(loadConfig({ NODE_ENV: 'test', DATA_DIR: directory }));
    expect(test.ipHashSecret).toMatch(/^[\w-]{43}$/);
    await expect(stat(path.join(directory, instanceSecretsFileName))).rejects.toThrow(/ENOENT/);
  });
});
