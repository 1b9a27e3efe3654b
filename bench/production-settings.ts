/**
 * Environment for a benchmark's API server in production mode: every secret production requires,
 * fixed (nothing a benchmark writes is kept). `overrides` adds or replaces settings.
 */
export function productionSettings(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    IP_HASH_SECRET: 'bench-ip-hash-secret-'.padEnd(40, 'x'),
    ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    CONVERSATION_TOKEN_SECRET: 'bench-conversation-token-'.padEnd(40, 'x'),
    SUBJECT_HASH_SECRET: 'bench-subject-hash-secret-'.padEnd(40, 'x'),
    TURNSTILE_SECRET: 'bench-turnstile-secret',
    ...overrides,
  };
}
