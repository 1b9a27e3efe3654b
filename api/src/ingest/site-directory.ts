import type { PrismaClient } from '@confide/db';
import { hashSecret } from '../auth/secrets.ts';

/** What ingestion needs to know about a site. */
export interface WidgetSite {
  id: string;
  allowedOrigins: string[];
  policyVersion: string;
  messageMaxLength: number;
  conversationRetentionDays: number;
}

/** How long a site's settings are reused before they are read again. */
export const siteCacheMs = 30_000;

/**
 * Sites by widget key, and every allowed origin (for CORS preflights, which carry no body and so no
 * site key). Both are cached for `siteCacheMs`, so a message costs no extra query; changes to a
 * site's settings apply within that time. Unknown keys are not cached, so a new site works at once.
 */
export class SiteDirectory {
  readonly #sites = new Map<string, { site: WidgetSite; until: number }>();
  #origins: { origins: Set<string>; until: number } | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: () => number = Date.now,
  ) {}

  async byWidgetKey(widgetKey: string): Promise<WidgetSite | null> {
    const keyHash = hashSecret(widgetKey);
    const cached = this.#sites.get(keyHash);
    if (cached && cached.until > this.clock()) return cached.site;
    const site = await this.prisma.site.findUnique({
      where: { widgetKeyHash: keyHash },
      select: {
        id: true,
        allowedOrigins: true,
        policyVersion: true,
        messageMaxLength: true,
        conversationRetentionDays: true,
      },
    });
    if (site) this.#sites.set(keyHash, { site, until: this.clock() + siteCacheMs });
    else this.#sites.delete(keyHash);
    return site;
  }

  /** Whether any site allows `origin` (answers preflights). */
  async anySiteAllows(origin: string): Promise<boolean> {
    if (!this.#origins || this.#origins.until <= this.clock()) {
      const rows = await this.prisma.site.findMany({ select: { allowedOrigins: true } });
      this.#origins = {
        origins: new Set(rows.flatMap((row) => row.allowedOrigins.map(normalizeOrigin))),
        until: this.clock() + siteCacheMs,
      };
    }
    return this.#origins.origins.has(normalizeOrigin(origin));
  }
}

/** "https://Example.com/" → "https://example.com", as browsers send the Origin header. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}
