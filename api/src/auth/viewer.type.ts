import { Field, InterfaceType, ObjectType } from 'type-graphql';
import { StaffMember } from '../staff/staff-member.type.ts';
import { ApiTokenScopeEnum, PermissionEnum } from './permission.enum.ts';
import type { Permission } from './policy.ts';

/** The GraphQL side of `Viewer`: who is calling, for the console's header and an integrator's self-check. */
@InterfaceType('Viewer', {
  description:
    'Who is calling: a signed-in staff member (StaffViewer) or an API token (TokenViewer). `viewer` is null for anonymous callers.',
})
export abstract class ViewerInterface {
  @Field(() => [PermissionEnum], {
    description: 'Everything this caller may do, from their roles or the token scopes.',
  })
  permissions!: Permission[];
}

@ObjectType({ implements: [ViewerInterface], description: 'A staff member signed in with a session cookie.' })
export class StaffViewer extends ViewerInterface {
  @Field(() => StaffMember, { description: 'The signed-in staff member.' })
  staffMember!: StaffMember;
}

@ObjectType({ implements: [ViewerInterface], description: 'An integrator calling with an API token.' })
export class TokenViewer extends ViewerInterface {
  @Field(() => String, { description: 'Name the admin gave the token.' })
  name!: string;

  @Field(() => [ApiTokenScopeEnum], { description: 'Scopes the token holds.' })
  scopes!: Permission[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the token stops working; null if it never expires.',
  })
  expiresAt!: Date | null;
}

export function toStaffViewer(staffMember: StaffMember, permissions: Iterable<Permission>): StaffViewer {
  return Object.assign(new StaffViewer(), { staffMember, permissions: [...permissions].sort() });
}

export function toTokenViewer(token: {
  name: string;
  permissions: Iterable<Permission>;
  expiresAt: Date | null;
}): TokenViewer {
  const permissions = [...token.permissions].sort();
  return Object.assign(new TokenViewer(), {
    name: token.name,
    scopes: permissions,
    permissions,
    expiresAt: token.expiresAt,
  });
}
