import { allowedClockSkewMs } from '../consents/consent-rules.ts';
import { clientIpOf, hashIp, type RequestOrigin } from '../shared/client-ip.ts';
import type { AppConfig } from '../shared/config.ts';
import type { Logger } from '../shared/logger.ts';
import { rateLimitWindow, type RateLimit } from '../shared/rate-limit.ts';
import { detectContacts, leadDetailsOf, type FieldProblem } from './contact-details.ts';
import { signConversationToken, verifyConversationToken } from './conversation-token.ts';
import { cloudflareLocation, type GeoLocation, type GeoLookup } from './geo-lookup.ts';
import { redactPaymentData } from './payment-redaction.ts';
import { conversationExpiry } from './retention-clock.ts';
import { normalizeOrigin, type SiteDirectory, type WidgetSite } from './site-directory.ts';
import type { BucketHit, WidgetMessageWriter } from './store-widget-message.ts';
import { verifyTurnstileToken } from './turnstile.ts';
import {
  describeIssues,
  maxUrlLength,
  maxUserAgentLength,
  widgetMessageSchema,
  type WidgetMessage,
} from './widget-message.ts';

export interface IngestDependencies {
  writer: WidgetMessageWriter;
  sites: SiteDirectory;
  geo: GeoLookup;
  logger: Logger;
  config: Pick<AppConfig, 'trustProxy' | 'turnstile' | 'widgetRateLimits'> & {
    ipHashSecret: string;
    conversationTokenSecret: string;
  };
  now: () => Date;
}

/** The HTTP request as far as ingestion cares: body, headers, peer address, and our own origin. */
export interface WidgetRequest extends RequestOrigin {
  body: unknown;
  /** This server's origin, e.g. "http://localhost:4000": the demo page posts from it. */
  ownOrigin: string;
}

/** The answer to send: status, JSON body, and the headers that go with it. */
export interface WidgetResponse {
  status: number;
  body: Record<string, unknown>;
  retryAfterSeconds?: number;
  /** Echoed as Access-Control-Allow-Origin: the request's origin, when the site allows it. */
  corsOrigin?: string;
}

/** Seconds a widget should wait after a 503 before it retries the same message. */
const retryAfterOutage = 5;

function refusal(
  status: number,
  code: string,
  message: string,
  extra: { fields?: FieldProblem[]; retryAfterSeconds?: number; corsOrigin?: string | undefined } = {},
): WidgetResponse {
  return {
    status,
    body: { error: { code, message, ...(extra.fields && { fields: extra.fields }) } },
    ...(extra.retryAfterSeconds && { retryAfterSeconds: extra.retryAfterSeconds }),
    ...(extra.corsOrigin && { corsOrigin: extra.corsOrigin }),
  };
}

const headerOf = (request: RequestOrigin, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The request's Origin when the site allows it; undefined for server-to-server calls (no Origin);
 * false when a browser on another origin sent it.
 */
function corsOriginFor(request: WidgetRequest, site: WidgetSite): string | undefined | false {
  const origin = headerOf(request, 'origin');
  if (origin === undefined) return undefined;
  const normalized = normalizeOrigin(origin);
  const allowed =
    normalized === normalizeOrigin(request.ownOrigin) ||
    site.allowedOrigins.some((allowedOrigin) => normalizeOrigin(allowedOrigin) === normalized);
  return allowed ? origin : false;
}

const cut = (value: string | undefined, max: number) => (value ? value.slice(0, max) : null);

function locate(
  request: RequestOrigin,
  ip: string | undefined,
  dependencies: IngestDependencies,
): GeoLocation {
  const fromCloudflare =
    dependencies.config.trustProxy === 'cloudflare' ? cloudflareLocation(request.headers) : undefined;
  return fromCloudflare ?? (ip ? dependencies.geo(ip) : { country: null, city: null });
}

/** The bot check: a valid conversation token, or a Turnstile pass for the conversation's first message. */
async function checkBot(
  message: WidgetMessage,
  site: WidgetSite,
  dependencies: IngestDependencies,
  corsOrigin: string | undefined,
): Promise<WidgetResponse | undefined> {
  const { conversationTokenSecret, turnstile } = dependencies.config;
  if (message.conversationToken !== undefined) {
    return verifyConversationToken(
      conversationTokenSecret,
      site.id,
      message.conversationId,
      message.conversationToken,
    )
      ? undefined
      : refusal(
          403,
          'INVALID_CONVERSATION_TOKEN',
          'The conversation token does not belong to this conversation',
          {
            corsOrigin,
          },
        );
  }
  if (turnstile.secret === undefined) return undefined;
  if (message.turnstileToken === undefined) {
    return refusal(
      403,
      'TURNSTILE_REQUIRED',
      'The first message of a conversation needs a Turnstile token (turnstileToken)',
      { corsOrigin },
    );
  }
  const outcome = await verifyTurnstileToken(
    { secret: turnstile.secret, verifyUrl: turnstile.verifyUrl },
    message.turnstileToken,
    message.message.id,
  );
  if (outcome === 'failed') {
    return refusal(403, 'TURNSTILE_FAILED', 'The Turnstile check failed', { corsOrigin });
  }
  if (outcome === 'unavailable') {
    return refusal(503, 'TURNSTILE_UNAVAILABLE', 'The bot check could not be completed; retry shortly', {
      retryAfterSeconds: retryAfterOutage,
      corsOrigin,
    });
  }
  return undefined;
}

/**
 * Accepts one message from the chat widget (or a server calling on its behalf), applying every
 * rule of SPEC "What is stored": bot check, keyed IP hash, approximate location, payment-data
 * redaction, lead capture, detected contacts, consents and the retention clock, then writes it all
 * in one subtransaction of a batch (store-widget-message.ts). Refusals write nothing; a repeated
 * message id gets the first answer again.
 */
export async function ingestWidgetMessage(
  dependencies: IngestDependencies,
  request: WidgetRequest,
): Promise<WidgetResponse> {
  const parsed = widgetMessageSchema.safeParse(request.body);
  if (!parsed.success) {
    const fields = describeIssues(parsed.error);
    return refusal(400, 'BAD_REQUEST', fields.map((field) => `${field.path} ${field.message}`).join('; '), {
      fields,
    });
  }
  const message = parsed.data;
  const site = await dependencies.sites.byWidgetKey(message.siteKey);
  if (!site) return refusal(401, 'UNKNOWN_SITE_KEY', 'No site has this widget key');
  const corsOrigin = corsOriginFor(request, site);
  if (corsOrigin === false) {
    return refusal(403, 'ORIGIN_NOT_ALLOWED', "This origin is not among the site's allowed origins");
  }
  if (message.message.text.length > site.messageMaxLength) {
    return refusal(
      413,
      'MESSAGE_TOO_LONG',
      `message.text must be at most ${site.messageMaxLength} characters on this site`,
      { corsOrigin, fields: [{ path: 'message.text', message: 'is too long' }] },
    );
  }
  const now = dependencies.now();
  const sentAt = new Date(message.message.sentAt);
  if (sentAt.getTime() > now.getTime() + allowedClockSkewMs) {
    const fields = [{ path: 'message.sentAt', message: 'is in the future' }];
    return refusal(400, 'BAD_REQUEST', 'message.sentAt is in the future', { corsOrigin, fields });
  }

  // The raw IP stays in this function: hashed for storage and rate limits, looked up for location.
  const ip = clientIpOf(request, dependencies.config.trustProxy);
  const ipHash = ip === undefined ? null : hashIp(ip, dependencies.config.ipHashSecret);
  const location = locate(request, ip, dependencies);

  const { lead, problems } = leadDetailsOf(message.contact ?? {}, location.country);
  const consents = message.consents ?? [];
  if (consents.length > 0 && !lead?.emailNormalized && problems.length === 0) {
    problems.push({
      path: 'consents',
      message: 'need contact.email, the address the consent is recorded for',
    });
  }
  if (problems.length > 0) {
    const text = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
    return refusal(400, 'BAD_REQUEST', text, { corsOrigin, fields: problems });
  }

  const botRefusal = await checkBot(message, site, dependencies, corsOrigin);
  if (botRefusal) return botRefusal;

  const { text, redactionCount } = redactPaymentData(message.message.text);
  const { perIp, perSite } = dependencies.config.widgetRateLimits;
  const rules: [RateLimit, string][] = [
    [{ name: 'widget:ip', limit: perIp, windowSeconds: 60 }, ipHash ?? 'unknown'],
    [{ name: 'widget:site', limit: perSite, windowSeconds: 60 }, site.id],
  ];
  const windows = rules.map(([rule, key]) => ({
    rule,
    key: `${rule.name}:${key}`,
    ...rateLimitWindow(rule, now),
  }));
  const rateLimits: BucketHit[] = windows.map(({ key, windowStart, rule }) => ({
    key,
    windowStart,
    limit: rule.limit,
  }));

  const stored = await dependencies.writer.store({
    siteId: site.id,
    conversationId: message.conversationId,
    channel: message.channel,
    messageId: message.message.id,
    role: message.message.role,
    text,
    redactionCount,
    sentAt,
    receivedAt: now,
    expiresAt: conversationExpiry(now, site.conversationRetentionDays),
    ipHash,
    country: location.country,
    city: location.city,
    userAgent: cut(headerOf(request, 'user-agent'), maxUserAgentLength),
    // The widget's own request names its page in Referer; the visitor's referrer only the body knows.
    referrer: cut(message.page?.referrer, maxUrlLength),
    pageUrl: cut(message.page?.url || headerOf(request, 'referer'), maxUrlLength),
    lead,
    // Found after redaction, so card numbers are never mistaken for phone numbers.
    detectedContacts: detectContacts(text, location.country),
    consents: consents.map((consent) => ({
      purpose: consent.purpose,
      action: consent.granted ? 'GRANTED' : 'WITHDRAWN',
      policyVersion: consent.policyVersion?.trim() || site.policyVersion,
      evidence: consent.text?.trim() || null,
    })),
    rateLimits,
  });
  if (stored.outcome === 'rate_limited') {
    const window = windows.find((candidate) => candidate.key === stored.key);
    return refusal(429, 'RATE_LIMITED', 'Too many messages; retry after the time in Retry-After', {
      retryAfterSeconds: window?.retryAfterSeconds ?? 60,
      corsOrigin,
    });
  }
  return {
    status: 200,
    body: {
      conversationId: message.conversationId,
      messageId: message.message.id,
      // A token that was just verified is the one this conversation has: no need to sign it again.
      conversationToken:
        message.conversationToken ??
        signConversationToken(dependencies.config.conversationTokenSecret, site.id, message.conversationId),
      redactionCount,
    },
    ...(corsOrigin && { corsOrigin }),
  };
}

/** The answer when the database (or anything else on our side) failed: retry, nothing was kept. */
export function unavailableResponse(): WidgetResponse {
  return refusal(503, 'UNAVAILABLE', 'The service is temporarily unavailable; retry the same message', {
    retryAfterSeconds: retryAfterOutage,
  });
}
