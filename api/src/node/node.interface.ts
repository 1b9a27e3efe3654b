import type { GraphQLResolveInfo } from 'graphql';
import { Field, ID, Info, InterfaceType } from 'type-graphql';
import { toGlobalId } from '../shared/global-id.ts';

/** Type names of node objects handed out by `node`/`nodes` as plain objects (not class instances). */
const nodeTypeNames = new WeakMap<object, string>();

/** Marks a plain object as a node of `typeName`, so the Node interface can tell its type. */
export function markNodeType<T extends object>(value: T, typeName: string): T {
  nodeTypeNames.set(value, typeName);
  return value;
}

/**
 * Relay's Node interface. Convention for every implementing type: the source object carries the
 * *database* id in its `id` property (so audit events name database ids, which erasure can find);
 * this interface turns it into the opaque global id `toGlobalId(<GraphQL type name>, id)`.
 * Implement it with `@ObjectType({ implements: [Node] })` and do not declare an `id` field yourself.
 * Resolvers should return instances of the object type's class (or objects passed through
 * `markNodeType`) so the interface can resolve the concrete type.
 */
@InterfaceType('Node', {
  description: 'An object with an opaque global id, which `node(id:)` and `nodes(ids:)` fetch again.',
  resolveType: (value: object) => nodeTypeNames.get(value) ?? (value.constructor as never),
})
export abstract class Node {
  /** The database id (not exposed as such). */
  id!: string;

  @Field(() => ID, {
    name: 'id',
    description: 'Opaque global id of the object. Clients must not parse it.',
  })
  globalId(@Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name, this.id);
  }
}
