import { ApolloServer, type GraphQLRequestContext } from '@apollo/server';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledExecutionGateway, forgetRequestContext } from './compiled-executor.ts';

interface Context {
  rows: string[];
}

describe('compiledExecutionGateway', () => {
  it('runs operations compiled, and a sent request can be forgotten: what Apollo’s copy of it holds is emptied', async () => {
    let seenByResolver: Context | undefined;
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          firstRow: {
            type: GraphQLString,
            resolve: (_root, _args, context: Context) => {
              seenByResolver = context;
              return context.rows[0];
            },
          },
        },
      }),
    });
    let captured: GraphQLRequestContext<Context> | undefined;
    const server = new ApolloServer<Context>({
      gateway: compiledExecutionGateway(schema),
      plugins: [
        {
          async requestDidStart(requestContext) {
            captured = requestContext;
          },
        },
      ],
    });
    await server.start();
    try {
      const response = await server.executeOperation(
        { query: '{ firstRow }' },
        { contextValue: { rows: ['a', 'b'] } },
      );
      expect(response.body).toEqual({ kind: 'single', singleResult: { data: { firstRow: 'a' } } });
      expect(seenByResolver).toBe(captured?.contextValue);

      forgetRequestContext(captured!);
      expect(seenByResolver).toEqual({});
      expect(captured?.response).toEqual({});
      expect(captured?.request).toEqual({});
    } finally {
      await server.stop();
    }
  });
});
