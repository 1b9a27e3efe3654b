import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { SystemResolver } from '../system/system.resolver.ts';

/** Builds the public GraphQL schema from every domain's resolvers. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [SystemResolver],
    validate: true,
  });
}

/** schema.graphql as checked in: sorted, so the file changes only when the contract does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
