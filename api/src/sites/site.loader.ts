import type DataLoader from 'dataloader';
import type { RequestContext } from '../shared/context.ts';
import { Site } from './site.type.ts';

/** Sites by database id, batched per request: one query however many conversations or leads ask. */
export function siteById(context: RequestContext): DataLoader<string, Site | null> {
  return context.loader<string, Site | null>('site.byId', async (ids) => {
    const rows = await context.prisma.site.findMany({ where: { id: { in: [...ids] } } });
    const sites = new Map(rows.map((row) => [row.id, Site.fromRow(row)]));
    return ids.map((id) => sites.get(id) ?? null);
  });
}
