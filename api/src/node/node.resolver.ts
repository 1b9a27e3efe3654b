import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { loadNodes } from './node-registry.ts';
import { Node } from './node.interface.ts';

export const maxNodeIds = 100;

/**
 * Fetching any object by its global id. Any signed-in caller may ask; each type's own permission
 * decides what they get, and what they may not see is indistinguishable from what does not exist.
 */
@Authorized()
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    description:
      'The object with this global id. NOT_FOUND when there is none, or the caller may not see it.',
  })
  async node(
    @Arg('id', () => ID, { description: 'Global id of the object.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<object> {
    const [found] = await loadNodes(context, [id]);
    if (!found)
      throw new DomainError('NOT_FOUND', 'No object with this id exists, or you may not see it', {
        argument: 'id',
      });
    return found;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `The objects with these global ids (at most ${maxNodeIds}), in order; null for each id that names nothing the caller may see.`,
  })
  async nodes(
    @Arg('ids', () => [ID], { description: `Global ids of the objects, at most ${maxNodeIds}.` })
    ids: string[],
    @Ctx() context: RequestContext,
  ): Promise<(object | null)[]> {
    if (ids.length > maxNodeIds) {
      throw new DomainError('BAD_USER_INPUT', `ids may hold at most ${maxNodeIds} ids`, { argument: 'ids' });
    }
    return loadNodes(context, ids);
  }
}
