import { isInterfaceType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { Field, getMetadataStorage, ID, Info, InterfaceType } from 'type-graphql';
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

/**
 * Gives the built schema's Node interface its type resolution: a value marked by `markNodeType`, else
 * the object type of the value's class. Set on the built schema because type-graphql wraps an
 * interface's own `resolveType` in an async function, and the executor (graphql-jit) needs an answer
 * it does not have to await.
 */
export function resolveNodeTypes(schema: GraphQLSchema): GraphQLSchema {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('The schema has no Node interface');
  const typeNameOfClass = new Map<unknown, string>(
    getMetadataStorage().objectTypes.map((objectType) => [objectType.target, objectType.name]),
  );
  node.resolveType = (value: object) => nodeTypeNames.get(value) ?? typeNameOfClass.get(value.constructor);
  return schema;
}
