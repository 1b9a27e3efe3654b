import { MaxLength } from 'class-validator';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { ApiTokenScopeEnum } from '../auth/permission.enum.ts';
import { Permission } from '../auth/policy.ts';
import { timestampPosition } from '../shared/keyset.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext } from '../shared/context.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { buildConnection, ConnectionArgs, toPageRequest } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import { ApiToken, ApiTokenConnection } from './api-token.type.ts';
import { createApiToken } from './create-api-token.ts';
import { countApiTokens, listApiTokens } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';

registerNodeType('ApiToken', {
  permission: Permission.administer,
  load: async (context, ids) => {
    const rows = await context.prisma.apiToken.findMany({
      where: { id: { in: [...ids] } },
      omit: { tokenHash: true },
    });
    const byId = new Map(rows.map((row) => [row.id, ApiToken.fromRecord(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

@InputType({ description: 'A new API token for an integrator.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What the token is for, e.g. "CRM sync" (at most 100 characters).' })
  @MaxLength(1000)
  name!: string;

  @Field(() => [ApiTokenScopeEnum], { description: 'What the token may do: at least one scope.' })
  scopes!: Permission[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the token stops working; leave out for no expiry.',
  })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'Result of `createApiToken`.' })
export class CreateApiTokenPayload {
  @Field(() => ApiToken, { nullable: true, description: 'The new token; null when it was not created.' })
  apiToken!: ApiToken | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The secret token, to send as "Authorization: Bearer <token>". Shown only here, only once: store it now.',
  })
  token!: string | null;

  @Field(() => [UserError], { description: 'Why the token was not created.' })
  userErrors!: UserError[];
}

@InputType({ description: 'The API token to revoke.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: 'Global id of the API token.' })
  id!: string;
}

@ObjectType({ description: 'Result of `revokeApiToken`.' })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { nullable: true, description: 'The revoked token; null when none has this id.' })
  apiToken!: ApiToken | null;

  @Field(() => [UserError], { description: 'Why nothing was revoked.' })
  userErrors!: UserError[];
}

/** Integrator tokens: admins create, list and revoke them. */
@Authorized(Permission.administer)
@Resolver()
export class ApiTokenResolver {
  @Query(() => ApiTokenConnection, {
    description: 'Every API token, revoked and expired ones included, newest first. Admins only.',
  })
  async apiTokens(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: RequestContext,
  ): Promise<ApiTokenConnection> {
    const request = toPageRequest(args);
    const rows = await listApiTokens(context.prisma, request);
    return buildConnection(
      ApiTokenConnection,
      request,
      rows.map((row) => ApiToken.fromRecord(row)),
      (token) => timestampPosition(token.createdAt, token.id),
      () => countApiTokens(context.prisma),
    );
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: 'Creates an API token and returns its secret once. Admins only; ADMIN is never a scope.',
  })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput, { description: 'Name, scopes and optional expiry.' })
    input: CreateApiTokenInput,
    @Ctx() context: RequestContext,
  ): Promise<CreateApiTokenPayload> {
    const result = await createApiToken(context, input);
    return result.ok
      ? { apiToken: ApiToken.fromRecord(result.record), token: result.token, userErrors: [] }
      : { apiToken: null, token: null, userErrors: result.userErrors };
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: 'Revokes an API token: every later request with it is answered 401. Admins only.',
  })
  async revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput, { description: 'The token to revoke.' })
    input: RevokeApiTokenInput,
    @Ctx() context: RequestContext,
  ): Promise<RevokeApiTokenPayload> {
    const result = await revokeApiToken(context, fromGlobalId(input.id, 'ApiToken', 'input.id'));
    return result.ok
      ? { apiToken: ApiToken.fromRecord(result.record), userErrors: [] }
      : { apiToken: null, userErrors: result.userErrors };
  }
}
