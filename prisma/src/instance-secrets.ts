import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Keys an installation generates for itself when they are not configured, kept in
 * `<DATA_DIR>/secrets.json` (mode 0600) so hashes stay comparable across restarts. Production must
 * configure them (config.ts refuses to start otherwise); tests get throwaway keys.
 */
export const instanceSecretsFileName = 'secrets.json';

type SecretsFile = Record<string, string>;

async function readSecretsFile(file: string): Promise<SecretsFile> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    }
    throw new Error(`${file} is not a JSON object`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/**
 * The secret stored under `name` in `<dataDirectory>/secrets.json`, generated (32 random bytes,
 * base64url) and written there on first use. The file is replaced atomically and kept private.
 */
export async function persistedSecret(dataDirectory: string, name: string): Promise<string> {
  const file = path.join(dataDirectory, instanceSecretsFileName);
  const secrets = await readSecretsFile(file);
  const existing = secrets[name];
  if (existing) {
    // Someone may have copied the file with a lax umask; it holds keys, so tighten it again.
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return existing;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDirectory, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ ...secrets, [name]: secret }, null, 2)}\n`, {
    mode: 0o600,
  });
  await rename(temporary, file);
  return secret;
}
