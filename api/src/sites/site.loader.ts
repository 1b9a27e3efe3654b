import type { PrismaClient } from '@confide/db';
import { whenLoaded, type RequestContext, type RequestLoader } from '../shared/context.ts';
import { Site } from './site.type.ts';

/**
 * How long a site read by `siteById` is reused by `siteOf` in later requests. Sites change only
 * through the database (seed, operators), rarely; every row of a list asks for its site.
 */
export const siteReuseMs = 30_000;

const recentSites = new WeakMap<PrismaClient, Map<string, { site: Site; until: number }>>();

function recentSitesOf(prisma: PrismaClient): Map<string, { site: Site; until: number }> {
  let sites = recentSites.get(prisma);
  if (!sites) recentSites.set(prisma, (sites = new Map()));
  return sites;
}

/** Sites by database id, batched per request: one query however many conversations or leads ask. */
export function siteById(context: RequestContext): RequestLoader<string, Site | null> {
  return context.loader<string, Site | null>('site.byId', async (ids) => {
    const rows = await context.prisma.site.findMany({ where: { id: { in: [...ids] } } });
    const sites = new Map(rows.map((row) => [row.id, Site.fromRow(row)]));
    const recent = recentSitesOf(context.prisma);
    const until = Date.now() + siteReuseMs;
    for (const [id, site] of sites) recent.set(id, { site, until });
    return ids.map((id) => sites.get(id) ?? null);
  });
}

/**
 * The site a record belongs to (`owner` names the record in the error if the site is missing):
 * the one read in the last `siteReuseMs`, else from `siteById`.
 */
export function siteOf(context: RequestContext, siteId: string, owner: string): Site | Promise<Site> {
  const recent = recentSitesOf(context.prisma).get(siteId);
  if (recent && recent.until > Date.now()) return recent.site;
  return whenLoaded(siteById(context).get(siteId), (site) => {
    if (!site) throw new Error(`Site ${siteId} of ${owner} is missing`);
    return site;
  });
}
