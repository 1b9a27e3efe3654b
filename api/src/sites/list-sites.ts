import type { RequestContext } from '../shared/context.ts';
import { Site } from './site.type.ts';

/** Every site, by name; an installation has a handful, so there is no pagination. */
export async function listSites(context: Pick<RequestContext, 'prisma'>): Promise<Site[]> {
  const rows = await context.prisma.site.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => Site.fromRow(row));
}
