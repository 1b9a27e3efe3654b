import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext } from '../shared/context.ts';
import { listSites } from './list-sites.ts';
import { siteById } from './site.loader.ts';
import { Site } from './site.type.ts';

registerNodeType('Site', {
  permission: Permission.sitesRead,
  load: (context, ids) => siteById(context).loadMany(ids),
});

/** The sites of this installation and their policies. */
@Authorized(Permission.sitesRead)
@Resolver(() => Site)
export class SiteResolver {
  @Query(() => [Site], { description: 'Every site of this installation, by name.' })
  sites(@Ctx() context: RequestContext): Promise<Site[]> {
    return listSites(context);
  }
}
