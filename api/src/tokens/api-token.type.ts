import type { ApiToken as ApiTokenRow } from '@confide/db';
import { Ctx, Field, ObjectType } from 'type-graphql';
import { ApiTokenScopeEnum } from '../auth/permission.enum.ts';
import { tokenScopes, type Permission } from '../auth/policy.ts';
import { Node } from '../node/node.interface.ts';
import type { RequestContext } from '../shared/context.ts';
import { Connection } from '../shared/pagination.ts';
import { StaffMember, loadStaffMember } from '../staff/staff-member.type.ts';

/** The columns of ApiToken the API reads; never the hash. */
export type ApiTokenRecord = Omit<ApiTokenRow, 'tokenHash'>;

/**
 * An integrator's API token as admins see it. The secret itself is shown once, by
 * `createApiToken`, and stored only as a SHA-256 hash. The source carries the database id in `id`.
 */
@ObjectType({
  implements: [Node],
  description:
    'An API token an integrator sends as "Authorization: Bearer <token>". The token itself is shown once, when created; only its hash is stored.',
})
export class ApiToken extends Node {
  @Field(() => String, { description: 'Name given by the admin who created it, e.g. "CRM sync".' })
  name!: string;

  @Field(() => String, {
    description:
      'First characters of the token (e.g. "cfd_Ab12Cd34"), to recognise it in lists and leak reports.',
  })
  prefix!: string;

  @Field(() => [ApiTokenScopeEnum], { description: 'What the token may do.' })
  scopes!: Permission[];

  @Field(() => Date, { description: 'When the token was created.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the token stops working; null if it never expires.',
  })
  expiresAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the token was last used (updated at most once a minute); null if never.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the token was revoked; null while it is not.' })
  revokedAt!: Date | null;

  createdById!: string | null;

  static fromRecord(record: ApiTokenRecord): ApiToken {
    const known = new Set<string>(tokenScopes);
    return Object.assign(new ApiToken(), {
      id: record.id,
      name: record.name,
      prefix: record.tokenPrefix,
      scopes: record.scopes.filter((scope) => known.has(scope)) as Permission[],
      createdAt: record.createdAt,
      expiresAt: record.expiresAt,
      lastUsedAt: record.lastUsedAt,
      revokedAt: record.revokedAt,
      createdById: record.createdById,
    });
  }

  @Field(() => Boolean, { description: 'Whether the token works now: neither revoked nor expired.' })
  active(@Ctx() context: RequestContext): boolean {
    return this.revokedAt === null && (this.expiresAt === null || this.expiresAt > context.now());
  }

  @Field(() => StaffMember, {
    nullable: true,
    description: 'The admin who created the token; null if that account was deleted.',
  })
  async createdBy(@Ctx() context: RequestContext): Promise<StaffMember | null> {
    return this.createdById ? loadStaffMember(context, this.createdById) : null;
  }
}

@ObjectType({ description: 'A page of API tokens, newest first.' })
export class ApiTokenConnection extends Connection(ApiToken, 'an API token') {}
