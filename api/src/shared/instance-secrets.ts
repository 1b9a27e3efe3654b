import { randomBytes } from 'node:crypto';
import { persistedSecret } from '@confide/db';
import type { AppConfig } from './config.ts';

export { instanceSecretsFileName, persistedSecret } from '@confide/db';

/** Settings an installation may generate for itself, and the name each is kept under. */
const generatedSecrets = {
  conversationTokenSecret: 'conversationTokenSecret',
  encryptionKey: 'encryptionKey',
  ipHashSecret: 'ipHashSecret',
  subjectHashSecret: 'subjectHashSecret',
} as const;

/**
 * The configuration with every instance secret filled in: configured values win; otherwise a
 * persisted one (development and the embedded default), or a throwaway one under NODE_ENV=test.
 */
export async function withInstanceSecrets(config: AppConfig): Promise<AppConfig> {
  const filled = { ...config };
  for (const [setting, name] of Object.entries(generatedSecrets) as [
    keyof typeof generatedSecrets,
    string,
  ][]) {
    if (filled[setting] !== undefined) continue;
    filled[setting] =
      config.environment === 'test'
        ? randomBytes(32).toString('base64url')
        : await persistedSecret(config.dataDirectory, name);
  }
  return filled;
}
