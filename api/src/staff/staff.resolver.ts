import { Role } from '@confide/db';
import { MaxLength } from 'class-validator';
import { EmailAddressResolver } from 'graphql-scalars';
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
import { Permission } from '../auth/policy.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext } from '../shared/context.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { buildConnection, Connection, ConnectionArgs, toPageRequest } from '../shared/pagination.ts';
import { UserError } from '../shared/user-error.ts';
import { timestampPosition } from '../shared/keyset.ts';
import { createStaffMember } from './create-staff-member.ts';
import { countStaffMembers, listStaffMembers } from './list-staff-members.ts';
import { StaffMember, loadStaffMember } from './staff-member.type.ts';
import { updateStaffMember } from './update-staff-member.ts';

// Staff members also appear as owners and authors to non-admins; fetching them by id is for admins.
registerNodeType('StaffMember', {
  permission: Permission.administer,
  load: (context, ids) => Promise.all(ids.map((id) => loadStaffMember(context, id))),
});

@ObjectType({ description: 'A page of staff accounts, oldest first.' })
export class StaffMemberConnection extends Connection(StaffMember, 'a staff member') {}

@InputType({ description: 'A new staff account.' })
export class CreateStaffMemberInput {
  @Field(() => EmailAddressResolver, { description: 'Sign-in email address; stored lower-cased and unique.' })
  @MaxLength(320)
  email!: string;

  @Field(() => String, { description: 'Display name, e.g. "Iryna Melnyk".' })
  name!: string;

  @Field(() => [Role], { description: 'Roles to grant: at least one.' })
  roles!: Role[];

  // Length rules are checked by the use case (as userErrors), never by validation that echoes values.
  @Field(() => String, { description: 'Initial password: at least 12 characters. Hand it over out of band.' })
  password!: string;
}

@ObjectType({ description: 'Result of `createStaffMember`.' })
export class CreateStaffMemberPayload {
  @Field(() => StaffMember, { nullable: true, description: 'The new account; null when it was not created.' })
  staffMember!: StaffMember | null;

  @Field(() => [UserError], { description: 'Why the account was not created.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Changes to a staff account; fields left out are not changed.' })
export class UpdateStaffMemberInput {
  @Field(() => ID, { description: 'Global id of the staff member.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string | null;

  @Field(() => [Role], {
    nullable: true,
    description: 'The complete new set of roles (replaces the current one); at least one.',
  })
  roles?: Role[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True disables the account and ends its sessions; false enables it again.',
  })
  disabled?: boolean | null;
}

@ObjectType({ description: 'Result of `updateStaffMember`.' })
export class UpdateStaffMemberPayload {
  @Field(() => StaffMember, {
    nullable: true,
    description: 'The account as it is now; null when nothing was found.',
  })
  staffMember!: StaffMember | null;

  @Field(() => [UserError], {
    description: 'Why the change was refused, e.g. SELF_LOCKOUT when admins remove their own ADMIN role.',
  })
  userErrors!: UserError[];
}

/** Staff account management: admins only. */
@Authorized(Permission.administer)
@Resolver()
export class StaffResolver {
  @Query(() => StaffMemberConnection, {
    description: 'Every staff account, disabled ones included, oldest first. Admins only.',
  })
  async staffMembers(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: RequestContext,
  ): Promise<StaffMemberConnection> {
    const request = toPageRequest(args);
    const rows = await listStaffMembers(context.prisma, request);
    return buildConnection(
      StaffMemberConnection,
      request,
      rows.map((row) => StaffMember.fromAccount(row)),
      (member) => timestampPosition((member.account as { createdAt: Date }).createdAt, member.id),
      () => countStaffMembers(context.prisma),
    );
  }

  @Mutation(() => CreateStaffMemberPayload, { description: 'Creates a staff account. Admins only.' })
  async createStaffMember(
    @Arg('input', () => CreateStaffMemberInput, { description: 'The new account.' })
    input: CreateStaffMemberInput,
    @Ctx() context: RequestContext,
  ): Promise<CreateStaffMemberPayload> {
    const result = await createStaffMember(context, input);
    return result.ok
      ? { staffMember: StaffMember.fromAccount(result.account), userErrors: [] }
      : { staffMember: null, userErrors: result.userErrors };
  }

  @Mutation(() => UpdateStaffMemberPayload, {
    description:
      'Renames a staff member, replaces their roles, or disables or enables the account. Admins only; nobody can remove their own ADMIN role or disable themselves.',
  })
  async updateStaffMember(
    @Arg('input', () => UpdateStaffMemberInput, { description: 'The account and its changes.' })
    input: UpdateStaffMemberInput,
    @Ctx() context: RequestContext,
  ): Promise<UpdateStaffMemberPayload> {
    const id = fromGlobalId(input.id, 'StaffMember', 'input.id');
    const result = await updateStaffMember(context, id, input);
    return result.ok
      ? { staffMember: StaffMember.fromAccount(result.account), userErrors: [] }
      : { staffMember: null, userErrors: result.userErrors };
  }
}
