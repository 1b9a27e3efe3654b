/**
 * Cloudflare Turnstile's server-side check of the token the widget got in the visitor's browser.
 * https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
 */

export type TurnstileOutcome = 'passed' | 'failed' | 'unavailable';

export interface TurnstileSettings {
  secret: string;
  verifyUrl: string;
  timeoutMs?: number;
}

/**
 * Asks siteverify about `token`. Tokens are single-use; `idempotencyKey` (the message's id) lets a
 * retry of the same message verify the same token again instead of failing as already spent. The
 * visitor's IP is not sent: Turnstile does not need it and the raw address leaves no process here.
 * An unreachable or erroring siteverify is 'unavailable' (the widget may retry), not a failed check.
 */
export async function verifyTurnstileToken(
  settings: TurnstileSettings,
  token: string,
  idempotencyKey: string,
): Promise<TurnstileOutcome> {
  try {
    const response = await fetch(settings.verifyUrl, {
      method: 'POST',
      body: new URLSearchParams({
        secret: settings.secret,
        response: token,
        idempotency_key: idempotencyKey,
      }),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 5000),
    });
    if (!response.ok) return 'unavailable';
    const result = (await response.json()) as { success?: unknown };
    return result.success === true ? 'passed' : 'failed';
  } catch {
    return 'unavailable';
  }
}
