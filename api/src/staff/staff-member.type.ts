import { Role } from '@confide/db';
import { EmailAddressResolver } from 'graphql-scalars';
import { Ctx, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { Node } from '../node/node.interface.ts';
import type { RequestContext } from '../shared/context.ts';
import { staffAccountSelect, type StaffAccountRow } from './staff-account.ts';

export type { StaffAccountRow };

registerEnumType(Role, {
  name: 'Role',
  description: 'A staff role. A person may hold several and gets the permissions of each.',
  valuesConfig: {
    SALES: { description: 'Triages leads and reads the transcripts behind them.' },
    PRIVACY: {
      description:
        'Answers data-subject requests, runs erasures, watches retention; sees everything personal.',
    },
    ADMIN: {
      description:
        'Manages staff accounts, API tokens, sites and CRM connections; no personal data by itself.',
    },
  },
});

/** What the owner, author and creator fields need to show a staff member: the id and the name. */
export interface StaffMemberRow {
  id: string;
  name: string;
}

function mayReadAccount(context: RequestContext, staffUserId: string): boolean {
  const { viewer } = context;
  return (
    viewer.permissions.has(Permission.administer) ||
    (viewer.kind === 'staff' && viewer.staffUserId === staffUserId)
  );
}

/** Staff accounts by database id, batched per request. */
export function loadStaffAccount(context: RequestContext, id: string): Promise<StaffAccountRow | null> {
  return context
    .loader<string, StaffAccountRow | null>('staff.accountById', async (ids) => {
      const rows = await context.prisma.staffUser.findMany({
        where: { id: { in: [...ids] } },
        select: staffAccountSelect,
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    })
    .load(id);
}

/**
 * A staff account. Everyone who can see a staff member (as a lead's owner, a note's author, a
 * token's creator) sees the name; the account details are for admins and the member themselves
 * and read as null for anyone else. The source object carries the database id in `id`.
 */
@ObjectType({
  implements: [Node],
  description:
    'A member of staff. The name is visible wherever the person appears; the account fields (email, roles, status, times) only to admins and to the member themselves, and are null for anyone else.',
})
export class StaffMember extends Node {
  @Field(() => String, { description: 'Display name of the staff member.' })
  name!: string;

  /** The account row when the resolver already loaded it (admin lists); otherwise loaded on demand. */
  account?: StaffAccountRow;

  static fromRow(row: StaffMemberRow): StaffMember {
    return Object.assign(new StaffMember(), { id: row.id, name: row.name });
  }

  static fromAccount(row: StaffAccountRow): StaffMember {
    return Object.assign(new StaffMember(), { id: row.id, name: row.name, account: row });
  }

  private async readableAccount(context: RequestContext): Promise<StaffAccountRow | null> {
    if (!mayReadAccount(context, this.id)) return null;
    return this.account ?? (await loadStaffAccount(context, this.id));
  }

  @Field(() => EmailAddressResolver, {
    nullable: true,
    description: 'Sign-in email address, lower-cased. Null unless the viewer is an admin or this member.',
  })
  async email(@Ctx() context: RequestContext): Promise<string | null> {
    return (await this.readableAccount(context))?.email ?? null;
  }

  @Field(() => [Role], {
    nullable: true,
    description: 'Roles the member holds. Null unless the viewer is an admin or this member.',
  })
  async roles(@Ctx() context: RequestContext): Promise<Role[] | null> {
    return (await this.readableAccount(context))?.roles ?? null;
  }

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether an admin disabled the account: it cannot sign in and its sessions end. Null unless the viewer is an admin or this member.',
  })
  async disabled(@Ctx() context: RequestContext): Promise<boolean | null> {
    const account = await this.readableAccount(context);
    return account ? account.disabledAt !== null : null;
  }

  @Field(() => Date, {
    nullable: true,
    description:
      'When the account was disabled; null while it is enabled, or unless the viewer is an admin or this member.',
  })
  async disabledAt(@Ctx() context: RequestContext): Promise<Date | null> {
    return (await this.readableAccount(context))?.disabledAt ?? null;
  }

  @Field(() => Date, {
    nullable: true,
    description: 'Last successful sign-in; null if never, or unless the viewer is an admin or this member.',
  })
  async lastLoginAt(@Ctx() context: RequestContext): Promise<Date | null> {
    return (await this.readableAccount(context))?.lastLoginAt ?? null;
  }

  @Field(() => Date, {
    nullable: true,
    description: 'When the account was created. Null unless the viewer is an admin or this member.',
  })
  async createdAt(@Ctx() context: RequestContext): Promise<Date | null> {
    return (await this.readableAccount(context))?.createdAt ?? null;
  }
}

/** A StaffMember for the owner/author/creator fields of other types, batched; null when the id is gone. */
export async function loadStaffMember(context: RequestContext, id: string): Promise<StaffMember | null> {
  const account = await loadStaffAccount(context, id);
  return account ? StaffMember.fromAccount(account) : null;
}
