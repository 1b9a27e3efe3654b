import { MaxLength } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { StaffMember, loadStaffAccount } from '../staff/staff-member.type.ts';
import type { RequestContext } from '../shared/context.ts';
import { UserError } from '../shared/user-error.ts';
import { changePassword } from './change-password.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { staffViewer } from './viewer.ts';
import { StaffViewer, ViewerInterface, toStaffViewer, toTokenViewer } from './viewer.type.ts';

@InputType({ description: 'Credentials of a staff account.' })
export class LoginInput {
  // No format check here: a malformed email gets the same answer as a wrong one.
  @Field(() => String, { description: 'Email address of the staff account (case does not matter).' })
  @MaxLength(320)
  email!: string;

  // Length limits are checked by the use case: validation errors must never echo a password.
  @Field(() => String, { description: 'The account password.' })
  password!: string;
}

@ObjectType({ description: 'Result of `login`.' })
export class LoginPayload {
  @Field(() => StaffViewer, {
    nullable: true,
    description: 'The signed-in staff member; null when sign-in failed.',
  })
  viewer!: StaffViewer | null;

  @Field(() => [UserError], {
    description:
      'Why sign-in failed. A wrong email and a wrong password give the same INVALID_CREDENTIALS error.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of `logout`.' })
export class LogoutPayload {
  @Field(() => [UserError], { description: 'Always empty: signing out cannot fail for a signed-in caller.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A new password for the signed-in staff member.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The password used to sign in now.' })
  currentPassword!: string;

  @Field(() => String, { description: 'The new password: at least 12 characters.' })
  newPassword!: string;
}

@ObjectType({ description: 'Result of `changePassword`.' })
export class ChangePasswordPayload {
  @Field(() => Boolean, { description: 'Whether the password was changed.' })
  changed!: boolean;

  @Field(() => [UserError], { description: 'Why the password was not changed.' })
  userErrors!: UserError[];
}

/**
 * The public door: `viewer` answers anyone (null when anonymous) and `login` is how staff get in.
 * Deliberately without a class-level @Authorized; nothing else belongs in this class.
 */
@Resolver()
export class PublicAuthResolver {
  @Query(() => ViewerInterface, {
    nullable: true,
    description:
      'Who is calling: a StaffViewer (session cookie), a TokenViewer (API token), or null when anonymous.',
  })
  async viewer(@Ctx() context: RequestContext): Promise<ViewerInterface | null> {
    const { viewer } = context;
    if (viewer.kind === 'token') {
      return toTokenViewer({
        name: viewer.name,
        permissions: viewer.permissions,
        expiresAt: viewer.expiresAt ?? null,
      });
    }
    if (viewer.kind !== 'staff') return null;
    const account = await loadStaffAccount(context, viewer.staffUserId);
    return account ? toStaffViewer(StaffMember.fromAccount(account), viewer.permissions) : null;
  }

  @Mutation(() => LoginPayload, {
    description:
      'Signs a staff member in and sets the httpOnly session cookie. Too many failures per account or per address answer a RATE_LIMITED error with `extensions.retryAfterSeconds`.',
  })
  async login(
    @Arg('input', () => LoginInput, { description: 'Email and password.' }) input: LoginInput,
    @Ctx() context: RequestContext,
  ): Promise<LoginPayload> {
    const result = await login(context, input);
    if (!result.ok) return { viewer: null, userErrors: [result.userError] };
    context.sessionCookie.set(result.sessionToken, result.expiresAt);
    // The rest of this response (the payload's fields) is served to the person who just signed in.
    context.viewer = staffViewer(result.staffUser, result.sessionId);
    const staffMember = StaffMember.fromAccount(result.staffUser);
    return { viewer: toStaffViewer(staffMember, context.viewer.permissions), userErrors: [] };
  }
}

/** What a signed-in staff member does with their own session and credentials. */
@Authorized()
@Resolver()
export class SessionResolver {
  @Mutation(() => LogoutPayload, {
    description: 'Ends the current staff session on the server and clears the session cookie.',
  })
  async logout(@Ctx() context: RequestContext): Promise<LogoutPayload> {
    await logout(context);
    context.sessionCookie.clear();
    return { userErrors: [] };
  }

  @Mutation(() => ChangePasswordPayload, {
    description:
      "Changes the signed-in staff member's password; their other sessions end. Wrong current passwords count towards the sign-in rate limit.",
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'The current and the new password.' })
    input: ChangePasswordInput,
    @Ctx() context: RequestContext,
  ): Promise<ChangePasswordPayload> {
    const userErrors = await changePassword(context, input);
    return { changed: userErrors.length === 0, userErrors };
  }
}
