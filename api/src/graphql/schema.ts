import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth-checker.ts';
import { SystemResolver } from '../system/system.resolver.ts';

/** Every domain's resolvers; the schema is built from these alone. */
export const resolvers = [SystemResolver] as const;

/** Builds the public GraphQL schema from every domain's resolvers. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    validate: { forbidUnknownValues: false },
    // Dates are ISO 8601 DateTime everywhere; emails use graphql-scalars' EmailAddress explicitly.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}

/** schema.graphql as checked in: sorted, so the file changes only when the contract does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
